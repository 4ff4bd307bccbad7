"""The interaction network (Elabd et al. 2021, tracking_fpga) traced to RTL with da4ml.

One design = one fixed-size sector graph topology: ``n_nodes`` nodes, the real edges
``(src, tgt)`` of a reference sector graph (the test sector graph with the most real edges of the
design), padded edges left unconnected. With the topology fixed at synthesis time, the gather
``x[src], x[tgt]`` is wiring and the sum-aggregation at each target node is an adder tree (a
constant 0/1 incidence matrix times the messages); the edge MLPs R1, R2 and the node MLP O are
constant-weight matrix products (adder trees, no DSPs)::

    e1 = R1([x_tgt, x_src, e])      a = A @ e1      x1 = O([x, a])      logit = R2([x1_tgt, x1_src, e1])

Inputs: the node features (n_nodes x 3) then the edge features (n_edges x 4), flattened, saturated
to ``input`` (ap_fixed). Outputs: one logit per real edge (the sigmoid is monotonic and left out).
Arithmetic (:class:`INPrecision`): weights and biases rounded to ``weight`` (ap_fixed), every ReLU
output truncated and saturated to ``activation`` (ap_ufixed), the MLPs' last layers and the
aggregated messages to the signed ``message`` type. The same :func:`forward` code runs on NumPy
(the software fixed-point model) and on da4ml's traced arrays (the RTL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..design import Design
from .fixed import FixedType

__all__ = ["INPrecision", "Topology", "forward", "in_design", "quantized_mlp", "trace"]


@dataclass(frozen=True)
class INPrecision:
    """Bit widths of the traced IN (see the module docs); ``*_int`` include the sign where signed."""

    weight_bits: int
    weight_frac: int
    input_int: int
    input_frac: int
    activation_int: int
    activation_frac: int

    @property
    def weight(self) -> FixedType:
        return FixedType(k=1, i=self.weight_bits - 1 - self.weight_frac, f=self.weight_frac)

    @property
    def input(self) -> FixedType:
        return FixedType(k=1, i=self.input_int - 1, f=self.input_frac)

    @property
    def activation(self) -> FixedType:
        return FixedType(k=0, i=self.activation_int, f=self.activation_frac)

    @property
    def message(self) -> FixedType:
        return FixedType(k=1, i=self.activation_int, f=self.activation_frac)

    def describe(self) -> str:
        return f"weights {self.weight}, inputs {self.input}, ReLU outputs {self.activation}, messages {self.message}"


@dataclass(frozen=True)
class Topology:
    """A fixed sector graph: ``n_nodes`` nodes, ``n_edges`` edge slots, real edges ``src -> tgt``."""

    n_nodes: int
    n_edges: int
    src: np.ndarray
    tgt: np.ndarray

    def __post_init__(self) -> None:
        if len(self.src) != len(self.tgt) or not 0 < len(self.src) <= self.n_edges:
            raise ValueError(f"topology: {len(self.src)} real edges for {self.n_edges} edge slots")
        if min(self.src.min(), self.tgt.min()) < 0 or max(self.src.max(), self.tgt.max()) >= self.n_nodes:
            raise ValueError(f"topology: node indices outside 0..{self.n_nodes - 1}")

    @property
    def incidence(self) -> np.ndarray:
        """(n_nodes, n_real) 0/1: message of edge k summed at its target."""
        a = np.zeros((self.n_nodes, len(self.tgt)))
        a[self.tgt, np.arange(len(self.tgt))] = 1.0
        return a


def _q(x: Any, t: FixedType, overflow: str = "SAT", rounding: str = "TRN") -> Any:
    from da4ml.trace.ops import quantize

    return quantize(x, t.k, t.i, t.f, overflow_mode=overflow, round_mode=rounding)


def quantized_mlp(seq: Any, p: INPrecision) -> list[tuple[np.ndarray, np.ndarray]]:
    """(W, b) of each ``Linear`` of a torch MLP, rounded and saturated to the weight type."""
    from torch import nn

    lin = [m for m in seq if isinstance(m, nn.Linear)]
    if not lin:
        raise ValueError("the MLP has no Linear layer")
    return [
        (_q(m.weight.detach().cpu().numpy().T.astype(np.float64), p.weight, rounding="RND"),
         _q(m.bias.detach().cpu().numpy().astype(np.float64), p.weight, rounding="RND"))
        for m in lin
    ]  # fmt: skip


def _mlp(h: Any, layers: Sequence[tuple[np.ndarray, np.ndarray]], p: INPrecision) -> Any:
    from da4ml.trace.ops import relu

    for k, (W, b) in enumerate(layers):
        h = h @ W + b
        if k < len(layers) - 1:
            h = _q(np.maximum(h, 0) if isinstance(h, np.ndarray) else relu(h), p.activation)
        else:
            h = _q(h, p.message)
    return h


def forward(flat: Any, mlps: dict[str, Any], topo: Topology, p: INPrecision) -> Any:
    """Logits of the real edges from one flattened graph (NumPy (n_in,) or a traced array)."""
    n3 = topo.n_nodes * 3
    x = _q(flat[:n3], p.input, "WRAP").reshape(topo.n_nodes, 3)
    e = _q(flat[n3 : n3 + topo.n_edges * 4], p.input, "WRAP").reshape(topo.n_edges, 4)[: len(topo.src)]
    e1 = _mlp(np.concatenate([x[topo.tgt], x[topo.src], e], axis=1), mlps["R1"], p)
    a = _q(topo.incidence @ e1, p.message)
    x1 = _mlp(np.concatenate([x, a], axis=1), mlps["O"], p)
    return _mlp(np.concatenate([x1[topo.tgt], x1[topo.src], e1], axis=1), mlps["R2"], p).reshape(-1)


def trace(mlps: dict[str, Any], topo: Topology, p: INPrecision) -> Any:
    """The da4ml ``CombLogic`` of the IN on ``topo``."""
    from da4ml.trace import FixedVariableArrayInput, HWConfig, comb_trace

    inp = FixedVariableArrayInput((topo.n_nodes * 3 + topo.n_edges * 4,), hwconf=HWConfig(1, -1, -1))
    return comb_trace(inp, forward(inp, mlps, topo, p))


def in_design(*, name: str, model: Any, topo: Topology, X: np.ndarray, p: INPrecision,
              float_scores: np.ndarray | None = None, meta: dict[str, Any] | None = None) -> Design:  # fmt: skip
    """A :class:`Design` of the trained IN ``model`` (``R1``/``O``/``R2``) on ``topo``; test inputs
    ``X`` (rows of flattened node and edge features) saturated to the input type first."""
    mlps = {k: quantized_mlp(getattr(model, k).layers, p) for k in ("R1", "O", "R2")}
    X = _q(np.asarray(X, np.float64), p.input, rounding="RND")
    info = {"n_nodes": topo.n_nodes, "n_edges": topo.n_edges, "n_real_edges": int(len(topo.src)), **(meta or {})}
    return Design(name=name, study="tracking_fpga", inputs=X, comb=trace(mlps, topo, p), float_scores=float_scores,
                  metric="auc", precision=p.describe(), meta=info)  # fmt: skip
