"""Paths of the logic_warp study (WARP logic networks vs difflogic, Gerlach et al. 2026)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "task_dir",
    "split",
    "runs_json",
    "timing_json",
    "networks",
    "ablation_runs",
    "ablation_json",
    "ablation_md",
    "verilog_dir",
    "metrics",
    "convergence_png",
    "steps_png",
    "accuracy_gates_png",
    "luts_accuracy_png",
]


def task_dir(**wc: object) -> str:
    """Folder of one task (``boolean``, ``jets``, ``digits``)."""
    return fmt(f"{RESULTS}/logic_warp/{{task}}", **wc)


def split(**wc: object) -> str:
    """Train / validation / test split of a classification task (npz)."""
    return fmt(f"{task_dir()}/data/split.npz", **wc)


def runs_json(**wc: object) -> str:
    """Histories and results of every model, network and seed of a task (no wall times)."""
    return fmt(f"{task_dir()}/train/runs.json", **wc)


def timing_json(**wc: object) -> str:
    """Training wall times of every run of a task (kept apart: they differ between runs)."""
    return fmt(f"{task_dir()}/train/timing.json", **wc)


def networks(**wc: object) -> str:
    """First-seed networks of every model: state dicts, netlists, PyTorch discrete outputs."""
    return fmt(f"{task_dir()}/train/networks.pt", **wc)


def ablation_runs() -> str:
    """The ablation's runs: one model with each of the paper's tricks switched off, every seed."""
    return f"{RESULTS}/logic_warp/ablation/runs.json"


def ablation_json() -> str:
    """The ablation table (mean, std, min, max over seeds) as JSON."""
    return f"{RESULTS}/logic_warp/ablation/ablation.json"


def ablation_md() -> str:
    """The ablation table in Markdown."""
    return f"{RESULTS}/logic_warp/ablation/ablation.md"


def verilog_dir(**wc: object) -> str:
    """Exported designs of a task: ``<model>_<network>.v`` + ``.npz`` netlist and ``_expected.npz``."""
    return fmt(f"{task_dir()}/verilog", **wc)


def metrics(**wc: object) -> str:
    """Per task summary: accuracies over seeds, convergence, netlist counts, and each exported
    design's LUTs and bit-exactness from its hardware.json (``patterns.hardware``)."""
    return fmt(f"{task_dir()}/metrics.json", **wc)


def convergence_png(**wc: object) -> str:
    """Validation discrete accuracy vs epoch and vs wall time, every model."""
    return fmt(f"{task_dir()}/figures/convergence.png", **wc)


def steps_png() -> str:
    """Boolean functions: optimizer steps until the discrete network is exact."""
    return f"{RESULTS}/logic_warp/boolean/figures/steps_to_exact.png"


def accuracy_gates_png() -> str:
    return f"{RESULTS}/logic_warp/figures/accuracy_vs_gates.png"


def luts_accuracy_png() -> str:
    return f"{RESULTS}/logic_warp/figures/luts_vs_accuracy.png"
