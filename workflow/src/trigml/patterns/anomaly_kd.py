"""Paths of the anomaly_kd study, paper half (Pol et al. 2023 on MNIST / Fashion-MNIST / stand-in).

Wildcards: ``dataset`` (mnist, fashion_mnist, digits, digits_rot90), ``technique`` (baseline,
colearning, outlier_exposure, noise_exposure), ``cls`` (the one-class task's class), ``student``
(A-G), ``idxfile`` (a published IDX file name).
"""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "kd_paper_dir",
    "kd_idx_file",
    "kd_images",
    "kd_teacher_checkpoint",
    "kd_models_checkpoint",
    "kd_scores",
    "kd_metrics",
    "kd_auc_png",
    "kd_emd_png",
    "kd_hls_project",
    "kd_csim_json",
    "kd_synth_json",
]


def kd_paper_dir() -> str:
    return f"{RESULTS}/anomaly_kd/paper"


def kd_idx_file(**wc: object) -> str:
    """A downloaded IDX file (with its ``.sha256`` lock file beside it)."""
    return fmt(f"{kd_paper_dir()}/download/{{dataset}}/{{idxfile}}", **wc)


def kd_images(**wc: object) -> str:
    """One dataset's train/test images and labels (npz), real or stand-in."""
    return fmt(f"{kd_paper_dir()}/data/{{dataset}}.npz", **wc)


def kd_teacher_checkpoint(**wc: object) -> str:
    """Baseline teacher of one class, trained alone."""
    return fmt(f"{kd_paper_dir()}/models/{{dataset}}/baseline/class{{cls}}/teacher.pt", **wc)


def kd_models_checkpoint(**wc: object) -> str:
    """Teacher and students of one (dataset, technique, class), with their training history."""
    return fmt(f"{kd_paper_dir()}/models/{{dataset}}/{{technique}}/class{{cls}}/models.pt", **wc)


def kd_scores(**wc: object) -> str:
    """Test-set scores of the teacher and every student of one task (npz)."""
    return fmt(f"{kd_paper_dir()}/scores/{{dataset}}/{{technique}}/class{{cls}}.npz", **wc)


def kd_metrics() -> str:
    return f"{kd_paper_dir()}/metrics.json"


def kd_auc_png(**wc: object) -> str:
    return fmt(f"{kd_paper_dir()}/figures/{{dataset}}_auc_vs_params.png", **wc)


def kd_emd_png(**wc: object) -> str:
    return fmt(f"{kd_paper_dir()}/figures/{{dataset}}_emd.png", **wc)


def _hls(**wc: object) -> str:
    return fmt(f"{kd_paper_dir()}/hls/{{dataset}}/{{technique}}/class{{cls}}/{{student}}", **wc)


def kd_hls_project(**wc: object) -> str:
    """hls4ml project folder of one student (C++ and the compiled C simulation)."""
    return f"{_hls(**wc)}/project"


def kd_csim_json(**wc: object) -> str:
    return f"{_hls(**wc)}/csim.json"


def kd_synth_json(**wc: object) -> str:
    return f"{_hls(**wc)}/synth.json"
