"""Metrics shared by the anomaly-detection studies: ROC/AUC, TPR at fixed FPR, score EMD, model size."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import wasserstein_distance
from sklearn.metrics import roc_auc_score, roc_curve


def _labels_scores(background: ArrayLike, signal: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    b = np.asarray(background, dtype=np.float64).ravel()
    s = np.asarray(signal, dtype=np.float64).ravel()
    if b.size == 0 or s.size == 0:
        raise ValueError("need at least one background and one signal score")
    if not (np.isfinite(b).all() and np.isfinite(s).all()):
        raise ValueError("anomaly scores contain NaN or inf")
    y = np.concatenate([np.zeros(b.size), np.ones(s.size)])
    return y, np.concatenate([b, s])


def auc(background: ArrayLike, signal: ArrayLike) -> float:
    """ROC AUC of separating signal (anomalous, high score) from background."""
    y, x = _labels_scores(background, signal)
    return float(roc_auc_score(y, x))


def roc(background: ArrayLike, signal: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds) from scikit-learn."""
    y, x = _labels_scores(background, signal)
    return roc_curve(y, x)


def tpr_at_fpr(background: ArrayLike, signal: ArrayLike, fpr_target: float) -> float:
    """Signal efficiency at the threshold that keeps a fraction ``fpr_target`` of background.

    Linear interpolation of the ROC; returns NaN where the background sample is too small to
    resolve ``fpr_target`` (fewer than 1 / fpr_target events), so no number is invented.
    """
    n_bkg = np.asarray(background).size
    if fpr_target * n_bkg < 1:
        return float("nan")
    fpr, tpr, _ = roc(background, signal)
    return float(np.interp(fpr_target, fpr, tpr))


def score_emd(a: ArrayLike, b: ArrayLike) -> float:
    """Earth mover's distance between two 1-D score distributions (scipy ``wasserstein_distance``)."""
    return float(wasserstein_distance(np.asarray(a, float).ravel(), np.asarray(b, float).ravel()))


def footprint_bytes(n_params: int, bits: int = 32) -> int:
    """Memory to store ``n_params`` weights at ``bits`` each (rounded up to whole bytes)."""
    if n_params < 0 or bits <= 0:
        raise ValueError("n_params must be >= 0 and bits > 0")
    return int(np.ceil(n_params * bits / 8))
