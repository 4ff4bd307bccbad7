"""The discrete network as plain arrays: what the Verilog, the bit-parallel path and the checks use.

A :class:`Netlist` holds, per logic layer, each node's input indices ``(width, k)`` and truth table
``(width, 2^k)``; optionally the thermometer thresholds of a fixed-point input interface; and the
GroupSum head (class c counts the ones among the last layer's nodes ``c*g .. c*g + g - 1``, the
prediction is the first class with the highest count). It is independent of PyTorch, so the
discrete forward pass here is also a check of the torchlogix model it was extracted from.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from trigml.files import atomic_path

__all__ = ["FixedPoint", "Layer", "Netlist", "from_model", "node_stats", "support"]


@dataclass(frozen=True)
class FixedPoint:
    """Signed fixed-point input format: ``width`` bits, ``frac_bits`` of them fractional."""

    width: int = 16
    frac_bits: int = 10

    def __post_init__(self) -> None:
        if not 2 <= self.width <= 32 or not 0 <= self.frac_bits < self.width:
            raise ValueError(f"fixed-point format needs 2 <= width <= 32 and 0 <= frac_bits < width: {self}")

    @property
    def lo(self) -> int:
        return -(1 << (self.width - 1))

    @property
    def hi(self) -> int:
        return (1 << (self.width - 1)) - 1

    def quantize(self, x: ArrayLike) -> NDArray[np.int64]:
        """Round to the nearest code (ties to even) and saturate; NaN is refused."""
        a = np.asarray(x, dtype=np.float64)
        if np.isnan(a).any():
            raise ValueError("cannot quantize NaN inputs")
        return np.clip(np.rint(a * (1 << self.frac_bits)), self.lo, self.hi).astype(np.int64)

    def dequantize(self, q: ArrayLike) -> NDArray[np.float32]:
        """Codes -> the real values they stand for (exact in float32)."""
        return (np.asarray(q, dtype=np.float64) / (1 << self.frac_bits)).astype(np.float32)

    def threshold_codes(self, thresholds: ArrayLike) -> NDArray[np.int64]:
        """Integer thresholds T with ``x > t  <=>  code(x) > T`` for every representable x."""
        t = np.asarray(thresholds, dtype=np.float64) * (1 << self.frac_bits)
        return np.clip(np.floor(t), self.lo - 1, self.hi).astype(np.int64)


@dataclass(frozen=True)
class Layer:
    inputs: NDArray[np.int64]  # (width, k) indices into the previous layer's bits
    tables: NDArray[np.bool_]  # (width, 2^k); row j: input 0 is the most significant bit of j

    def __post_init__(self) -> None:
        if self.inputs.ndim != 2 or self.tables.ndim != 2 or self.inputs.shape[0] != self.tables.shape[0]:
            raise ValueError(f"layer arrays disagree: inputs {self.inputs.shape}, tables {self.tables.shape}")
        if self.tables.shape[1] != 1 << self.inputs.shape[1]:
            raise ValueError(
                f"{self.inputs.shape[1]}-input nodes need 2^k = {1 << self.inputs.shape[1]} rows"
            )

    @property
    def width(self) -> int:
        return int(self.inputs.shape[0])

    @property
    def k(self) -> int:
        return int(self.inputs.shape[1])


@dataclass(frozen=True)
class Netlist:
    """A discrete logic network. ``thresholds`` ``(F, n_bits)`` (None for bit inputs) with the
    fixed-point format ``fixed`` define the input interface; ``n_inputs`` is then F."""

    n_inputs: int
    layers: list[Layer]
    n_classes: int
    thresholds: NDArray[np.float64] | None = None
    fixed: FixedPoint = field(default_factory=FixedPoint)
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.layers:
            raise ValueError("a netlist needs at least one layer")
        n = self.n_bits_in
        for i, layer in enumerate(self.layers):
            if layer.inputs.size and (layer.inputs.min() < 0 or layer.inputs.max() >= n):
                raise ValueError(f"layer {i} reads inputs outside 0..{n - 1}")
            n = layer.width
        if self.layers[-1].width % self.n_classes:
            raise ValueError(
                f"last layer width {self.layers[-1].width} is not a multiple of {self.n_classes}"
            )
        if self.thresholds is not None and self.thresholds.shape[0] != self.n_inputs:
            raise ValueError(
                f"thresholds for {self.thresholds.shape[0]} features but n_inputs={self.n_inputs}"
            )

    # --- sizes ----------------------------------------------------------------------------
    @property
    def n_bits_in(self) -> int:
        return self.n_inputs if self.thresholds is None else int(self.thresholds.size)

    @property
    def group(self) -> int:
        return self.layers[-1].width // self.n_classes

    @property
    def n_gates(self) -> int:
        return sum(layer.width for layer in self.layers)

    def threshold_codes(self) -> NDArray[np.int64]:
        if self.thresholds is None:
            raise ValueError("this netlist has bit inputs (no thresholds)")
        return self.fixed.threshold_codes(self.thresholds)

    # --- the discrete forward pass ----------------------------------------------------------
    def encode(self, codes: ArrayLike) -> NDArray[np.bool_]:
        """Fixed-point input codes ``(N, F)`` -> thermometer bits ``(N, F * n_bits)``."""
        q = np.asarray(codes, dtype=np.int64)
        if q.ndim != 2 or q.shape[1] != self.n_inputs:
            raise ValueError(f"expected input codes (N, {self.n_inputs}), got {q.shape}")
        return (q[:, :, None] > self.threshold_codes()[None]).reshape(q.shape[0], -1)

    def input_bits(self, x: ArrayLike) -> NDArray[np.bool_]:
        """Bits entering layer 0: x is bits (bit-input netlists) or fixed-point codes."""
        if self.thresholds is not None:
            return self.encode(x)
        b = np.asarray(x)
        if b.ndim != 2 or b.shape[1] != self.n_inputs:
            raise ValueError(f"expected input bits (N, {self.n_inputs}), got {b.shape}")
        if b.dtype != np.bool_ and not np.all((b == 0) | (b == 1)):
            raise ValueError("bit inputs must be 0 or 1")
        return b.astype(bool)

    def layer_outputs(self, x: ArrayLike) -> list[NDArray[np.bool_]]:
        """Bits of every layer ``[(N, width_0), ...]`` for inputs x (see :meth:`input_bits`)."""
        h = self.input_bits(x)
        outs = []
        weights = None
        for layer in self.layers:
            if weights is None or weights.shape[0] != layer.k:
                weights = (1 << np.arange(layer.k - 1, -1, -1)).astype(np.int64)
            rows = np.tensordot(h[:, layer.inputs].astype(np.int64), weights, axes=([2], [0]))
            h = layer.tables[np.arange(layer.width), rows]
            outs.append(h)
        return outs

    def class_counts(self, x: ArrayLike) -> NDArray[np.int64]:
        """GroupSum popcounts ``(N, n_classes)``."""
        last = self.layer_outputs(x)[-1]
        return last.reshape(last.shape[0], self.n_classes, self.group).sum(-1).astype(np.int64)

    def predict(self, x: ArrayLike) -> NDArray[np.int64]:
        """Class with the highest count; ties go to the lowest class index (as torch.argmax)."""
        return self.class_counts(x).argmax(1)

    # --- persistence ----------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> None:
        arrays: dict[str, np.ndarray] = {}
        for i, layer in enumerate(self.layers):
            arrays[f"inputs_{i}"] = layer.inputs
            arrays[f"tables_{i}"] = layer.tables
        if self.thresholds is not None:
            arrays["thresholds"] = self.thresholds
        header = {
            "n_inputs": self.n_inputs,
            "n_classes": self.n_classes,
            "n_layers": len(self.layers),
            "fixed": {"width": self.fixed.width, "frac_bits": self.fixed.frac_bits},
            "meta": self.meta,
        }
        arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
        with atomic_path(path) as tmp:
            with open(tmp, "wb") as fh:
                np.savez_compressed(fh, **arrays)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Netlist:
        if not Path(path).exists():
            raise FileNotFoundError(f"netlist file not found: {path}")
        with np.load(path) as z:
            if "header" not in z:
                raise ValueError(f"{path}: not a trigml netlist (no header)")
            h = json.loads(bytes(z["header"]).decode())
            layers = [
                Layer(inputs=z[f"inputs_{i}"].astype(np.int64), tables=z[f"tables_{i}"].astype(bool))
                for i in range(h["n_layers"])
            ]
            thr = z["thresholds"].astype(np.float64) if "thresholds" in z else None
        return cls(
            n_inputs=h["n_inputs"],
            layers=layers,
            n_classes=h["n_classes"],
            thresholds=thr,
            fixed=FixedPoint(**h["fixed"]),
            meta=h.get("meta", {}),
        )


def from_model(model, fixed: FixedPoint | None = None, meta: dict | None = None) -> Netlist:  # noqa: ANN001
    """Extract the discrete network of a :class:`~trigml.logic_warp.network.LogicNetwork`."""
    import torch

    layers = [Layer(inputs=c, tables=t) for c, t in zip(model.connections(), model.truth_tables())]
    thr = None
    if model.encoder is not None:
        with torch.no_grad():
            thr = model.encoder.thresholds().detach().cpu().double().numpy()
    return Netlist(
        n_inputs=model.n_inputs,
        layers=layers,
        n_classes=model.n_classes,
        thresholds=thr,
        fixed=fixed or FixedPoint(),
        meta=dict(meta or {}),
    )


def support(tables: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """``(width, k)``: whether each node's truth table depends on each of its inputs (input 0 is the
    most significant bit of the row index)."""
    t = np.asarray(tables, dtype=bool)
    k = int(np.log2(t.shape[1]))
    rows = np.arange(t.shape[1])
    return np.stack([(t != t[:, rows ^ (1 << (k - 1 - i))]).any(1) for i in range(k)], axis=1)


def node_stats(net: Netlist) -> dict[str, Any]:
    """What the logic of a netlist costs before any synthesis, per node: ``constant`` (depends on no
    input), ``wire`` (one input: buffer or inverter), ``logic`` (two or more: at most one k-LUT);
    ``live_logic`` = logic nodes in the fan-in cone of the GroupSum outputs through the inputs a
    node actually depends on (what synthesis must keep, before constant propagation);
    ``mean_support`` = mean number of inputs a logic node depends on."""
    sup = [support(layer.tables) for layer in net.layers]
    n_sup = np.concatenate([s.sum(1) for s in sup])
    live = np.ones(net.layers[-1].width, dtype=bool)  # every last-layer node feeds the popcount
    live_logic = 0
    for i in range(len(net.layers) - 1, -1, -1):
        layer, s = net.layers[i], sup[i]
        live_logic += int((live & (s.sum(1) >= 2)).sum())
        prev = np.zeros(net.layers[i - 1].width if i else net.n_bits_in, dtype=bool)
        prev[layer.inputs[live][s[live]]] = True  # the inputs a live node depends on
        live = prev
    logic = n_sup >= 2
    return {
        "nodes": int(n_sup.size),
        "constant": int((n_sup == 0).sum()),
        "wire": int((n_sup == 1).sum()),
        "logic": int(logic.sum()),
        "live_logic": live_logic,
        "mean_support": float(n_sup[logic].mean()) if logic.any() else 0.0,
    }
