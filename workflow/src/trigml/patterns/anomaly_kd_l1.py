"""Paths of the anomaly_kd_l1 study (knowledge distillation at the L1 trigger, ADC2021 format)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "l1_dir",
    "l1_events",
    "l1_dataset",
    "l1_teacher_model",
    "l1_teacher_scores",
    "l1_teacher_info",
    "l1_student_model",
    "l1_student_scores",
    "l1_student_info",
    "l1_small_ae_model",
    "l1_small_ae_scores",
    "l1_small_ae_info",
    "l1_metrics",
    "l1_roc_png",
    "l1_ablation_png",
    "l1_hls_dir",
    "l1_synth_dir",
    "l1_csim_json",
    "l1_synth_json",
]


def l1_dir() -> str:
    return f"{RESULTS}/anomaly_kd/l1"


def l1_events(**wc: object) -> str:
    """One sample in the ADC2021 HDF5 layout (background, Ato4l, leptoquark, hToTauTau, hChToTauNu, outliers)."""
    return fmt(f"{l1_dir()}/data/{{sample}}.h5", **wc)


def l1_dataset() -> str:
    """Scaled model inputs: background splits, signals, pseudo-outliers (.npz)."""
    return f"{l1_dir()}/data/dataset.npz"


def l1_teacher_model() -> str:
    return f"{l1_dir()}/models/teacher.h5"


def l1_teacher_scores() -> str:
    return f"{l1_dir()}/scores/teacher.npz"


def l1_teacher_info() -> str:
    return f"{l1_dir()}/models/teacher.json"


def l1_student_model(**wc: object) -> str:
    return fmt(f"{l1_dir()}/models/student_{{technique}}.h5", **wc)


def l1_student_scores(**wc: object) -> str:
    return fmt(f"{l1_dir()}/scores/student_{{technique}}.npz", **wc)


def l1_student_info(**wc: object) -> str:
    return fmt(f"{l1_dir()}/models/student_{{technique}}.json", **wc)


def l1_small_ae_model() -> str:
    return f"{l1_dir()}/models/small_ae.h5"


def l1_small_ae_scores() -> str:
    return f"{l1_dir()}/scores/small_ae.npz"


def l1_small_ae_info() -> str:
    return f"{l1_dir()}/models/small_ae.json"


def l1_metrics() -> str:
    return f"{l1_dir()}/metrics.json"


def l1_roc_png() -> str:
    return f"{l1_dir()}/roc.png"


def l1_ablation_png() -> str:
    return f"{l1_dir()}/ablation.png"


def l1_hls_dir() -> str:
    return f"{l1_dir()}/hls/project"


def l1_synth_dir() -> str:
    """HLS project of the synthesis run (written only where Vivado/Vitis exist)."""
    return f"{l1_dir()}/hls/synth_project"


def l1_csim_json() -> str:
    return f"{l1_dir()}/hls/csim.json"


def l1_synth_json() -> str:
    return f"{l1_dir()}/hls/synth.json"
