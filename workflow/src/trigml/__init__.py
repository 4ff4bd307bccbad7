"""trigml: ultra-low-latency machine learning for LHC trigger FPGAs, reproduced end to end.

The library behind the Snakemake workflow: data formats and simulation (``trackml``,
``simulation``, ``download``), one sub-package per study, all output paths in ``patterns``.

``trigml.load_model(path)`` reads a trained model without the workflow: an exported ``.onnx`` file
(run with onnxruntime), a Keras / QKeras ``.h5`` or a PyTorch checkpoint ``.pt`` (see
:func:`trigml.export.load_model`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["__version__", "load_model"]
__version__ = "0.1.0"


def load_model(path: Any) -> Any:
    """A trained model from its file, without the workflow (heavy frameworks imported only here)."""
    from trigml.export import load_model as _load

    return _load(path)
