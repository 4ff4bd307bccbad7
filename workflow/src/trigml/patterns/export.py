"""Paths of the exported models: ONNX (and QONNX for quantised models) beside a check of each export."""

from __future__ import annotations

from ._core import RESULTS, fmt


def onnx(**w: str) -> str:
    """One exported model: ``results/{study}/onnx/{model}.onnx`` (``{model}`` names the checkpoint)."""
    return fmt(f"{RESULTS}/{{study}}/onnx/{{model}}.onnx", **w)


def check(**w: str) -> str:
    """The export's check: onnxruntime vs the framework on the test inputs (max |Δ|), format, opset."""
    return fmt(f"{RESULTS}/{{study}}/onnx/{{model}}.json", **w)


def index() -> str:
    """Every exported model with its check, one table for the report."""
    return f"{RESULTS}/export/onnx.json"
