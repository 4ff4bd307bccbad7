"""Paths of the logic_warp study (WARP logic networks vs difflogic, Gerlach et al. 2026)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "logic_dir",
    "logic_split",
    "logic_run_json",
    "logic_models",
    "logic_verilog_dir",
    "logic_simulation_json",
    "logic_simulation_log",
    "logic_synth_json",
    "logic_metrics",
    "logic_convergence_png",
    "logic_steps_png",
    "logic_accuracy_gates_png",
    "logic_luts_accuracy_png",
    "logic_build_dir",
]


def logic_dir(**wc: object) -> str:
    """Folder of one task (``boolean``, ``jets``, ``digits``)."""
    return fmt(f"{RESULTS}/logic_warp/{{task}}", **wc)


def logic_split(**wc: object) -> str:
    """Train/test split of a classification task (npz)."""
    return fmt(f"{logic_dir()}/data/split.npz", **wc)


def logic_run_json(**wc: object) -> str:
    """Histories and final numbers of one method and seed (every network of the task)."""
    return fmt(f"{logic_dir()}/train/{{method}}-seed{{seed}}.json", **wc)


def logic_models(**wc: object) -> str:
    """Trained networks of one method and seed: state dicts, netlists, PyTorch discrete outputs."""
    return fmt(f"{logic_dir()}/train/{{method}}-seed{{seed}}.pt", **wc)


def logic_verilog_dir(**wc: object) -> str:
    """Exported designs of a task: ``<method>_<network>.v`` + netlist and expected outputs."""
    return fmt(f"{logic_dir()}/verilog", **wc)


def logic_simulation_json(**wc: object) -> str:
    return fmt(f"{logic_dir()}/simulation.json", **wc)


def logic_simulation_log(**wc: object) -> str:
    return fmt(f"{logic_dir()}/simulation.log", **wc)


def logic_synth_json(**wc: object) -> str:
    return fmt(f"{logic_dir()}/synth.json", **wc)


def logic_metrics(**wc: object) -> str:
    return fmt(f"{logic_dir()}/metrics.json", **wc)


def logic_convergence_png(**wc: object) -> str:
    """Loss and discrete accuracy vs epoch and vs wall time, WARP vs difflogic."""
    return fmt(f"{logic_dir()}/figures/convergence.png", **wc)


def logic_steps_png() -> str:
    """Boolean functions: optimizer steps until the discrete network is exact."""
    return f"{RESULTS}/logic_warp/boolean/figures/steps_to_exact.png"


def logic_accuracy_gates_png() -> str:
    return f"{RESULTS}/logic_warp/figures/accuracy_vs_gates.png"


def logic_luts_accuracy_png() -> str:
    return f"{RESULTS}/logic_warp/figures/luts_vs_accuracy.png"


def logic_build_dir(**wc: object) -> str:
    """Scratch folder of a task's simulator build (``{step}``: simulation, synth)."""
    return fmt(f"{logic_dir()}/build/{{step}}", **wc)
