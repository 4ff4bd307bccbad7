"""Paths of the anomaly_kd study, paper half (Pol et al. 2023 on MNIST / Fashion-MNIST / stand-in).

Wildcards: ``dataset`` (mnist, fashion_mnist, digits, digits_rot90), ``technique`` (baseline,
colearning, outlier_exposure, noise_exposure), ``cls`` (the one-class task's class), ``student``
(A-G), ``idxfile`` (a published IDX file name).
"""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "root",
    "idx_file",
    "images",
    "teacher_checkpoint",
    "models_checkpoint",
    "scores",
    "metrics",
    "auc_png",
    "emd_png",
    "hls_project",
    "csim_json",
    "synth_json",
]


def root() -> str:
    return f"{RESULTS}/anomaly_kd"


def idx_file(**wc: object) -> str:
    """A downloaded IDX file (with its ``.sha256`` lock file beside it)."""
    return fmt(f"{root()}/download/{{dataset}}/{{idxfile}}", **wc)


def images(**wc: object) -> str:
    """One dataset's train/test images and labels (npz), real or stand-in."""
    return fmt(f"{root()}/data/{{dataset}}.npz", **wc)


def teacher_checkpoint(**wc: object) -> str:
    """Baseline teacher of one class, trained alone."""
    return fmt(f"{root()}/models/{{dataset}}/baseline/class{{cls}}/teacher.pt", **wc)


def models_checkpoint(**wc: object) -> str:
    """Teacher and students of one (dataset, technique, class), with their training history."""
    return fmt(f"{root()}/models/{{dataset}}/{{technique}}/class{{cls}}/models.pt", **wc)


def scores(**wc: object) -> str:
    """Test-set scores of the teacher and every student of one task (npz)."""
    return fmt(f"{root()}/scores/{{dataset}}/{{technique}}/class{{cls}}.npz", **wc)


def metrics() -> str:
    return f"{root()}/metrics.json"


def auc_png(**wc: object) -> str:
    return fmt(f"{root()}/figures/{{dataset}}_auc_vs_params.png", **wc)


def emd_png(**wc: object) -> str:
    return fmt(f"{root()}/figures/{{dataset}}_emd.png", **wc)


def _hls(**wc: object) -> str:
    return fmt(f"{root()}/hls/{{dataset}}/{{technique}}/class{{cls}}/{{student}}", **wc)


def hls_project(**wc: object) -> str:
    """hls4ml project folder of one student (C++ and the compiled C simulation)."""
    return f"{_hls(**wc)}/project"


def csim_json(**wc: object) -> str:
    return f"{_hls(**wc)}/csim.json"


def synth_json(**wc: object) -> str:
    return f"{_hls(**wc)}/synth.json"
