"""A *design*: one study's fixed-point model, ready for the hardware back-ends.

A :class:`Design` holds

* ``name`` / ``study`` — where it comes from (``results/<study>/hardware/<name>/``);
* the logic, either ``comb`` (a da4ml ``CombLogic`` traced from numpy-style fixed-point code, see
  :mod:`trigml.hardware.designs`) or ``verilog`` (an :class:`ExternalVerilog`: a study's own
  Verilog with its port description, e.g. logic_warp's networks);
* ``inputs`` — test inputs ``(N, n_in)`` on the design's input grid;
* the software fixed-point reference :meth:`Design.predict` — da4ml's own emulation
  (``comb.predict``) for traced logic, or ``reference`` (a callable) for external Verilog;
* ``float_scores`` / ``labels`` / ``metric`` — the float model's outputs and the truth, so the
  records can say what accuracy (``metric="accuracy"``: argmax of the first ``n_scores`` outputs)
  or AUC (``metric="auc"``: output 0 as the score, labels 0/1) the float model and the fixed-point
  design reach;
* ``precision`` — a human-readable description of the arithmetic (``"ap_fixed<8,3> weights, ..."``).

:func:`trigml.hardware.rtl.write_project` turns a Design into an RTL project folder (Verilog,
``design.json`` and ``reference.npz`` with the integer input codes and the reference's output
codes); :func:`~trigml.hardware.rtl.simulate` and :func:`~trigml.hardware.rtl.synthesize` read that
folder, so the three rules ``convert_rtl → simulate_rtl → synth_rtl`` pass files, not objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Design", "ExternalVerilog", "Ports", "score"]

METRICS = ("accuracy", "auc")


@dataclass(frozen=True)
class Ports:
    """How a testbench drives a module: a packed input word of ``n_in`` fields of ``in_width`` bits
    (field i at bits ``[i*in_width +: in_width]``, two's complement codes of ``value * 2**in_frac``)
    and a packed output word of ``n_out`` fields of ``out_width`` bits (value = code ``* 2**-out_frac``,
    sign-extended when ``out_signed``); ``latency_cycles`` register stages (0: combinational, no clock)."""

    top: str
    n_in: int
    in_width: int
    in_frac: int
    n_out: int
    out_width: int
    out_frac: int
    out_signed: bool
    latency_cycles: int
    inp_port: str = "model_inp"
    out_port: str = "model_out"
    clk_port: str = "clk"

    def __post_init__(self) -> None:
        for k in ("n_in", "in_width", "n_out", "out_width"):
            if getattr(self, k) < 1:
                raise ValueError(f"ports of {self.top}: {k} must be >= 1, got {getattr(self, k)}")
        if self.latency_cycles < 0:
            raise ValueError(f"ports of {self.top}: latency_cycles must be >= 0")

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ExternalVerilog:
    """A study's own Verilog: ``sources`` (file name -> text, read in this order), the testbench
    ``ports`` (``ports.top`` may be a thin wrapper), the module to synthesise (``synth_top``) and
    its number of ``pipeline_stages``."""

    sources: dict[str, str]
    ports: Ports
    synth_top: str
    pipeline_stages: int


@dataclass
class Design:
    """One fixed-point model with its software reference and test inputs (see the module docs)."""

    name: str
    study: str
    inputs: np.ndarray
    comb: Any = None  # da4ml.types.CombLogic
    verilog: ExternalVerilog | None = None
    reference: Callable[[np.ndarray], np.ndarray] | None = None
    float_scores: np.ndarray | None = None
    labels: np.ndarray | None = None
    metric: str = "accuracy"
    n_scores: int | None = None
    precision: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(
                f"design name must be an identifier (it names the Verilog module), got {self.name!r}"
            )
        if (self.comb is None) == (self.verilog is None):
            raise ValueError(f"design {self.name}: give exactly one of comb (traced da4ml logic) or verilog")
        if self.verilog is not None and self.reference is None:
            raise ValueError(f"design {self.name}: external Verilog needs a software reference")
        if self.metric not in METRICS:
            raise ValueError(f"design {self.name}: metric must be one of {METRICS}, got {self.metric!r}")
        self.inputs = np.asarray(self.inputs, dtype=np.float64)
        if self.inputs.ndim != 2 or len(self.inputs) == 0:
            raise ValueError(
                f"design {self.name}: inputs must be a non-empty (N, n_in) array, got {self.inputs.shape}"
            )
        for k in ("float_scores", "labels"):
            v = getattr(self, k)
            if v is not None and len(v) != len(self.inputs):
                raise ValueError(f"design {self.name}: {k} has {len(v)} rows, inputs {len(self.inputs)}")

    @property
    def kind(self) -> str:
        return "traced" if self.comb is not None else "external"

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The software fixed-point model: da4ml's emulation of the traced logic, or ``reference``."""
        X = np.asarray(X, dtype=np.float64)
        if self.reference is not None:
            return np.asarray(self.reference(X), dtype=np.float64)
        return np.asarray(self.comb.predict(X), dtype=np.float64).reshape(len(X), -1)


def score(
    outputs: np.ndarray, labels: np.ndarray | None, metric: str, n_scores: int | None = None
) -> float | None:
    """Accuracy (argmax of the first ``n_scores`` outputs vs integer labels) or AUC (output 0 vs 0/1
    labels) of ``outputs``; ``None`` without labels or (AUC) with one class only."""
    if labels is None or outputs is None:
        return None
    out = np.asarray(outputs, dtype=np.float64).reshape(len(labels), -1)
    y = np.asarray(labels)
    if metric == "accuracy":
        k = n_scores or out.shape[1]
        return float(np.mean(out[:, :k].argmax(1) == y))
    if len(np.unique(y)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, out[:, 0]))
