"""Paths of the anomaly_kd_l1 study (knowledge distillation at the L1 trigger, ADC2021 format)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "root",
    "events",
    "dataset",
    "teacher_model",
    "teacher_scores",
    "teacher_info",
    "student_model",
    "student_scores",
    "student_info",
    "small_ae_model",
    "small_ae_scores",
    "small_ae_info",
    "metrics",
    "roc_png",
    "ablation_png",
    "hls_dir",
    "synth_dir",
    "csim_json",
    "synth_json",
]


def root() -> str:
    return f"{RESULTS}/anomaly_kd_l1"


def events(**wc: object) -> str:
    """One sample in the ADC2021 HDF5 layout (background, Ato4l, leptoquark, hToTauTau, hChToTauNu, outliers)."""
    return fmt(f"{root()}/data/{{sample}}.h5", **wc)


def dataset() -> str:
    """Scaled model inputs: background splits, signals, pseudo-outliers (.npz)."""
    return f"{root()}/data/dataset.npz"


def teacher_model() -> str:
    return f"{root()}/models/teacher.h5"


def teacher_scores() -> str:
    return f"{root()}/scores/teacher.npz"


def teacher_info() -> str:
    return f"{root()}/models/teacher.json"


def student_model(**wc: object) -> str:
    return fmt(f"{root()}/models/student_{{technique}}.h5", **wc)


def student_scores(**wc: object) -> str:
    return fmt(f"{root()}/scores/student_{{technique}}.npz", **wc)


def student_info(**wc: object) -> str:
    return fmt(f"{root()}/models/student_{{technique}}.json", **wc)


def small_ae_model() -> str:
    return f"{root()}/models/small_ae.h5"


def small_ae_scores() -> str:
    return f"{root()}/scores/small_ae.npz"


def small_ae_info() -> str:
    return f"{root()}/models/small_ae.json"


def metrics() -> str:
    return f"{root()}/metrics.json"


def roc_png() -> str:
    return f"{root()}/roc.png"


def ablation_png() -> str:
    return f"{root()}/ablation.png"


def hls_dir() -> str:
    return f"{root()}/hls/project"


def synth_dir() -> str:
    """HLS project of the synthesis run (written only where Vivado/Vitis exist)."""
    return f"{root()}/hls/synth_project"


def csim_json() -> str:
    return f"{root()}/hls/csim.json"


def synth_json() -> str:
    return f"{root()}/hls/synth.json"
