"""Paths of the logic_warp study (WARP logic networks vs difflogic, Gerlach et al. 2026)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "task_dir",
    "split",
    "run_json",
    "models",
    "verilog_dir",
    "simulation_json",
    "simulation_log",
    "synth_json",
    "metrics",
    "convergence_png",
    "steps_png",
    "accuracy_gates_png",
    "luts_accuracy_png",
    "build_dir",
]


def task_dir(**wc: object) -> str:
    """Folder of one task (``boolean``, ``jets``, ``digits``)."""
    return fmt(f"{RESULTS}/logic_warp/{{task}}", **wc)


def split(**wc: object) -> str:
    """Train/test split of a classification task (npz)."""
    return fmt(f"{task_dir()}/data/split.npz", **wc)


def run_json(**wc: object) -> str:
    """Histories and final numbers of one method and seed (every network of the task)."""
    return fmt(f"{task_dir()}/train/{{method}}-seed{{seed}}.json", **wc)


def models(**wc: object) -> str:
    """Trained networks of one method and seed: state dicts, netlists, PyTorch discrete outputs."""
    return fmt(f"{task_dir()}/train/{{method}}-seed{{seed}}.pt", **wc)


def verilog_dir(**wc: object) -> str:
    """Exported designs of a task: ``<method>_<network>.v`` + netlist and expected outputs."""
    return fmt(f"{task_dir()}/verilog", **wc)


def simulation_json(**wc: object) -> str:
    return fmt(f"{task_dir()}/simulation.json", **wc)


def simulation_log(**wc: object) -> str:
    return fmt(f"{task_dir()}/simulation.log", **wc)


def synth_json(**wc: object) -> str:
    return fmt(f"{task_dir()}/synth.json", **wc)


def metrics(**wc: object) -> str:
    return fmt(f"{task_dir()}/metrics.json", **wc)


def convergence_png(**wc: object) -> str:
    """Loss and discrete accuracy vs epoch and vs wall time, WARP vs difflogic."""
    return fmt(f"{task_dir()}/figures/convergence.png", **wc)


def steps_png() -> str:
    """Boolean functions: optimizer steps until the discrete network is exact."""
    return f"{RESULTS}/logic_warp/boolean/figures/steps_to_exact.png"


def accuracy_gates_png() -> str:
    return f"{RESULTS}/logic_warp/figures/accuracy_vs_gates.png"


def luts_accuracy_png() -> str:
    return f"{RESULTS}/logic_warp/figures/luts_vs_accuracy.png"


def build_dir(**wc: object) -> str:
    """Scratch folder of a task's simulator build (``{step}``: simulation, synth)."""
    return fmt(f"{task_dir()}/build/{{step}}", **wc)
