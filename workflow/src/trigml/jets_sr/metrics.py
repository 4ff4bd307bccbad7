"""Classification metrics with bootstrap intervals (accuracy, per-class AUC, SR/NN accuracy ratio).

Every interval is a percentile bootstrap over the evaluated jets (resampled with replacement,
seeded): the same config gives the same intervals. Ratios use *paired* resamples (the same jets
for the SR and the NN), so the interval reflects the test sample both models saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from .features import CLASSES


def _interval(samples: np.ndarray, confidence: float) -> list[float]:
    lo, hi = np.quantile(samples, [(1 - confidence) / 2, (1 + confidence) / 2])
    return [float(lo), float(hi)]


def resamples(n: int, n_bootstrap: int, seed: int) -> np.ndarray:
    """(n_bootstrap, n) indices drawn with replacement (seeded)."""
    return np.random.default_rng(seed).integers(0, n, size=(n_bootstrap, n))


def accuracy_interval(
    correct: np.ndarray, *, n_bootstrap: int, confidence: float, seed: int
) -> dict[str, Any]:
    """Accuracy of per-jet ``correct`` flags with its bootstrap interval."""
    correct = np.asarray(correct, dtype=np.float64)
    idx = resamples(len(correct), n_bootstrap, seed)
    return {"value": float(correct.mean()), "interval": _interval(correct[idx].mean(axis=1), confidence),
            "confidence": confidence, "n": int(len(correct))}  # fmt: skip


def bootstrap_auc(truth: np.ndarray, score: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """AUC of each bootstrap resample (rows of ``idx``), ties counted half (the Mann–Whitney form),
    vectorised: each resample is a vector of multiplicities over the jets sorted by score."""
    order = np.argsort(score, kind="stable")
    s, pos = score[order], truth[order].astype(bool)
    n = len(s)
    counts = np.stack([np.bincount(r, minlength=n) for r in idx])[:, order].astype(np.float64)
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])  # first jet of each group of equal scores
    group = np.cumsum(np.r_[True, s[1:] != s[:-1]]) - 1
    neg = np.add.reduceat(counts * ~pos, starts, axis=1)
    below = (np.cumsum(neg, axis=1) - neg + 0.5 * neg)[:, group]  # negatives below + half the ties
    wp, wn = (counts * pos).sum(axis=1), (counts * ~pos).sum(axis=1)
    ok = (wp > 0) & (wn > 0)
    return ((counts * pos * below).sum(axis=1)[ok]) / (wp[ok] * wn[ok])


def auc_intervals(scores: np.ndarray, y: np.ndarray, *, n_bootstrap: int, confidence: float, seed: int) -> dict[str, Any]:
    """One-vs-rest AUC per class with bootstrap intervals (resamples lacking a class are skipped)."""
    idx = resamples(len(y), n_bootstrap, seed)
    out: dict[str, Any] = {}
    for i, c in enumerate(CLASSES[: scores.shape[1]]):
        truth = (y == i).astype(int)
        if truth.min() == truth.max():
            out[c] = None
            continue
        boot = bootstrap_auc(truth, np.asarray(scores[:, i], dtype=np.float64), idx)
        out[c] = {"value": float(roc_auc_score(truth, scores[:, i])), "interval": _interval(boot, confidence)}
    return out


def ratio_interval(correct_a: np.ndarray, correct_b: np.ndarray, *, n_bootstrap: int, confidence: float,
                   seed: int) -> dict[str, Any]:  # fmt: skip
    """accuracy(a) / accuracy(b) on the same jets, with a paired bootstrap interval."""
    a = np.asarray(correct_a, dtype=np.float64)
    b = np.asarray(correct_b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"paired ratio needs per-jet results of the same jets, got {a.shape} and {b.shape}")
    idx = resamples(len(a), n_bootstrap, seed)
    ratios = a[idx].mean(axis=1) / np.maximum(b[idx].mean(axis=1), 1e-12)
    return {"value": float(a.mean() / max(b.mean(), 1e-12)), "interval": _interval(ratios, confidence),
            "confidence": confidence, "n": int(len(a))}  # fmt: skip


def with_intervals(scores: np.ndarray, y: np.ndarray, *, n_bootstrap: int, confidence: float, seed: int,
                   base: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """``base`` (e.g. :func:`trigml.jets_sr.nn.classification_metrics`) plus ``accuracy_interval``,
    ``auc_interval`` and the per-jet ``predictions`` (argmax) for paired comparisons."""
    pred = np.argmax(scores, axis=1)
    out = dict(base or {})
    acc = accuracy_interval(pred == y, n_bootstrap=n_bootstrap, confidence=confidence, seed=seed)
    aucs = auc_intervals(scores, y, n_bootstrap=n_bootstrap, confidence=confidence, seed=seed)
    out["accuracy"] = acc["value"]
    out["accuracy_interval"] = acc["interval"]
    out["auc_interval"] = {c: (a["interval"] if a else None) for c, a in aucs.items()}
    out["interval_confidence"] = confidence
    out["predictions"] = pred.astype(int).tolist()
    return out


def spread(values: Sequence[float]) -> dict[str, float]:
    """Mean and standard deviation (ddof = 1) of a seed spread."""
    v = np.asarray(values, dtype=np.float64)
    return {"mean": float(v.mean()), "std": float(v.std(ddof=1)) if len(v) > 1 else 0.0, "n": int(len(v))}
