"""Paths of the tracking_fpga study (Elabd et al. 2021, Heintz et al. 2020).

Figures live under ``figures/`` with their JSON twins (``figures/<name>.json``), apart from the
result JSONs of the same name. Wildcards: ``pt`` (pT threshold of the graphs, GeV), ``design`` (``n{nodes}e{edges}``, e.g.
``n28e56``), ``style`` (``pipeline`` | ``dataflow``), ``point`` (a synthesis point,
``{design}_rf{reuse}_{style}``; its project and hardware.json: ``trigml.patterns.hardware``).
"""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "root",
    "checkpoint",
    "history",
    "designs_json",
    "designs_png",
    "design_graphs",
    "csim_json",
    "hls_project",
    "csim_summary_json",
    "csim_png",
    "precision_scan_design_json",
    "precision_scan_json",
    "precision_scan_png",
    "synth_summary_json",
    "synth_png",
    "opencl_json",
    "throughput_png",
]


def root() -> str:
    return f"{RESULTS}/tracking_fpga"


def checkpoint(**wc: object) -> str:
    """The FPGA-sized interaction network (hidden size 8) trained by the tracking study's rule."""
    return fmt(f"{RESULTS}/tracking_fpga/train/pt{{pt}}/model.pt", **wc)


def history(**wc: object) -> str:
    return fmt(f"{RESULTS}/tracking_fpga/train/pt{{pt}}/history.json", **wc)


def designs_json() -> str:
    """Per design: fractions of all and of true edges lost to sectoring and truncation."""
    return f"{RESULTS}/tracking_fpga/designs.json"


def designs_png() -> str:
    return f"{RESULTS}/tracking_fpga/figures/designs.png"


def design_graphs(**wc: object) -> str:
    """The padded sector graphs of one design (npz, see trigml.tracking_fpga.sectors.Padded)."""
    return fmt(f"{RESULTS}/tracking_fpga/designs/{{design}}.npz", **wc)


def csim_json(**wc: object) -> str:
    """C simulation vs PyTorch of one design and style (max |delta|, AUCs, throughput)."""
    return fmt(f"{RESULTS}/tracking_fpga/csim/{{design}}_{{style}}.json", **wc)


def hls_project(**wc: object) -> str:
    """The hls4ml project (firmware, C-simulation library) of one design and style."""
    return fmt(f"{RESULTS}/tracking_fpga/hls/{{design}}_{{style}}", **wc)


def csim_summary_json() -> str:
    return f"{RESULTS}/tracking_fpga/csim.json"


def csim_png() -> str:
    return f"{RESULTS}/tracking_fpga/figures/csim.png"


def precision_scan_design_json(**wc: object) -> str:
    return fmt(f"{RESULTS}/tracking_fpga/precision_scan/{{design}}.json", **wc)


def precision_scan_json() -> str:
    """AUC vs total bits and vs integer bits, every scanned design."""
    return f"{RESULTS}/tracking_fpga/precision_scan.json"


def precision_scan_png() -> str:
    return f"{RESULTS}/tracking_fpga/figures/precision_scan.png"


def synth_summary_json() -> str:
    return f"{RESULTS}/tracking_fpga/synth.json"


def synth_png() -> str:
    return f"{RESULTS}/tracking_fpga/figures/synth.png"


def opencl_json() -> str:
    """OpenCL matrix-form kernels (PoCL CPU device): agreement with PyTorch and time per graph."""
    return f"{RESULTS}/tracking_fpga/opencl.json"


def throughput_png() -> str:
    return f"{RESULTS}/tracking_fpga/figures/throughput.png"
