"""trigml: ultra-low-latency machine learning for LHC trigger FPGAs, reproduced end to end.

The library behind the Snakemake workflow: data formats and simulation (``trackml``,
``simulation``, ``download``), one sub-package per study, all output paths in ``patterns``.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
