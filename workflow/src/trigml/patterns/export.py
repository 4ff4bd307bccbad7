"""Paths of the exported models: ONNX (and QONNX for QKeras models) per study, with the check of each."""

from __future__ import annotations

from ._core import RESULTS, fmt


def onnx_dir(**w: str) -> str:
    """Every exported model of a study: ``<model>.onnx`` (and ``<model>.qonnx.onnx``)."""
    return fmt(f"{RESULTS}/{{study}}/onnx", **w)


def index(**w: str) -> str:
    """The study's exports and their checks: onnxruntime vs the framework (max |Δ|), inputs, opset."""
    return fmt(f"{RESULTS}/export/{{study}}.json", **w)
