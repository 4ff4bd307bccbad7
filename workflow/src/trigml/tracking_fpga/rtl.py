"""The tracking_fpga designs for the open RTL flow: the trained FPGA interaction network on one
fixed-size sector graph (:mod:`trigml.hardware.designs.interaction_network`), built hierarchically
(each MLP one da4ml module, instantiated per edge / node by a structural top).

The wiring traced is the test sector graph of the design with the most real edges (the reference
graph). The bit-exact check feeds the node and edge features of every test sector graph of the
design (the first ``n_graphs``) through that wiring: every input through the same logic. The
accuracy that goes to ``hardware.json`` is the edge AUC of the float IN and of the software
fixed-point model (bit-exact to the RTL's arithmetic) on every real edge of those test sector
graphs, each with its own topology, with a bootstrap interval over the test events.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .sectors import Padded


def reference_graph(padded: Padded) -> int:
    """Index of the sector graph with the most real edges (the first of the ties)."""
    if not padded.mask.any():
        raise ValueError("no sector graph of the design has a real edge: nothing to trace")
    return int(np.argmax(padded.mask.sum(1)))


def topology(padded: Padded, b: int) -> Any:
    """The :class:`~trigml.hardware.designs.interaction_network.Topology` of padded graph ``b``."""
    from trigml.hardware.designs.interaction_network import Topology

    m = padded.mask[b]
    n, e = padded.x.shape[1], padded.edge_index.shape[2]
    return Topology(n, e, padded.edge_index[b][0, m], padded.edge_index[b][1, m])


def flat_rows(padded: Padded) -> np.ndarray:
    """One row per padded graph: its node features, then its edge features (padding included)."""
    return np.concatenate(
        [padded.x.reshape(len(padded.x), -1), padded.edge_attr.reshape(len(padded.x), -1)], 1
    )


def fixed_scores(net: Any, padded: Padded, p: Any) -> np.ndarray:
    """Logits (B, E) of the software fixed-point model on every graph with its own topology (NaN on
    padding and on graphs without a real edge)."""
    from trigml.hardware.designs.interaction_network import _q, forward, quantized_mlp

    mlps = {k: quantized_mlp(getattr(net, k).layers, p) for k in ("R1", "O", "R2")}
    rows = _q(flat_rows(padded).astype(np.float64), p.input, rounding="RND")
    out = np.full(padded.mask.shape, np.nan)
    for b in np.flatnonzero(padded.mask.any(1)):
        out[b, padded.mask[b]] = forward(rows[b], mlps, topology(padded, b), p)
    return out


def edge_auc(net: Any, padded: Padded, p: Any, *, n_boot: int, seed: int) -> dict[str, Any]:
    """Edge AUC of the float IN and of the fixed-point model on the real edges of ``padded`` (each
    graph with its own topology), with bootstrap intervals over the test events."""
    from .csim import auc_interval
    from .reference import torch_scores

    flt = auc_interval(padded, torch_scores(net, padded), n_boot=n_boot, seed=seed)
    fix = auc_interval(padded, fixed_scores(net, padded, p), n_boot=n_boot, seed=seed)
    return {"float": flt["value"], "fixed": fix["value"], "float_interval": flt, "fixed_interval": fix,
            "n_graphs": int(len(padded.x)), "n_real_edges": int(padded.mask.sum()),
            "on": "every real edge of the test sector graphs, each graph with its own topology; float = "
                  "PyTorch, fixed = the software fixed-point model (bit-exact to the RTL arithmetic)"}  # fmt: skip


def _subset(padded: Padded, n: int) -> Padded:
    return Padded(**{k: getattr(padded, k)[:n] for k in padded.__dataclass_fields__})


def in_rtl_design(*, name: str, model: str, dataset: str, n_graphs: int, weight_bits: int, weight_frac: int,
                  input_int: int, input_frac: int, activation_int: int, activation_frac: int,
                  latency_cutoff: float, n_boot: int, seed: int) -> Any:  # fmt: skip
    """The hierarchical :class:`~trigml.hardware.design.Design` of one tracking_fpga design
    (``dataset``: its padded test sector graphs, ``model``: the FPGA IN checkpoint)."""
    from trigml.hardware.designs.interaction_network import INPrecision, in_design

    from .reference import load_in_model

    net, padded = load_in_model(model), _subset(Padded.load(dataset), n_graphs)
    b = reference_graph(padded)
    p = INPrecision(weight_bits, weight_frac, input_int, input_frac, activation_int, activation_frac)
    d = in_design(name=name, model=net, topo=topology(padded, b), X=flat_rows(padded), p=p,
                  latency_cutoff=latency_cutoff)  # fmt: skip
    d.meta.update(reference_graph={"index": b, "event": int(padded.event[b]), "sector": int(padded.sector[b])},
                  accuracy=edge_auc(net, padded, p, n_boot=n_boot, seed=seed), checkpoint=model, graphs=dataset)  # fmt: skip
    return d
