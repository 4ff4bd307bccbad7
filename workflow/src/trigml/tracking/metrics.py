"""Edge-classification metrics (DeZoort et al. 2021, section 5.1).

The working point is the score threshold where the true-positive rate equals the true-negative
rate on the *validation* graphs; accuracy, TPR, TNR and purity are then quoted on the test
graphs at that threshold (an edge is called true when its score is *above* it, ``>`` as in the
authors' code), with the threshold-free ROC AUC; :func:`edge_metrics_with_errors` adds a bootstrap
over the test events to each number.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve


def roc_auc(y: np.ndarray, scores: np.ndarray) -> float:
    """ROC AUC; NaN when only one class is present (no ranking to judge)."""
    y = np.asarray(y) > 0.5
    if y.all() or not y.any():
        return float("nan")
    return float(roc_auc_score(y, scores))


def threshold_tpr_eq_tnr(y: np.ndarray, scores: np.ndarray) -> float:
    """Score threshold where TPR = TNR (the ROC point closest to it); 0.5 if one class is absent."""
    y = np.asarray(y) > 0.5
    if y.all() or not y.any():
        return 0.5
    fpr, tpr, thr = roc_curve(y, scores)
    k = int(np.argmin(np.abs(tpr - (1 - fpr))))
    return float(np.clip(thr[k], 0.0, 1.0))


def edge_metrics(
    y: np.ndarray, scores: np.ndarray, threshold: float, roc_points: int = 200
) -> dict[str, object]:
    """Accuracy, TPR, TNR, purity (precision), AUC at ``threshold`` (edges with score > it are true)
    and the ROC curve thinned to about ``roc_points`` points."""
    y = np.asarray(y) > 0.5
    s = np.asarray(scores, dtype=np.float64)
    pred = s > threshold
    tp, tn = int((pred & y).sum()), int((~pred & ~y).sum())
    fp, fn = int((pred & ~y).sum()), int((~pred & y).sum())
    out: dict[str, object] = {
        "threshold": float(threshold),
        "n_edges": int(len(y)),
        "n_true": int(y.sum()),
        "accuracy": (tp + tn) / len(y) if len(y) else float("nan"),
        "tpr": tp / (tp + fn) if tp + fn else float("nan"),
        "tnr": tn / (tn + fp) if tn + fp else float("nan"),
        "purity": tp / (tp + fp) if tp + fp else float("nan"),
        "auc": roc_auc(y, s),
    }
    if y.any() and not y.all():
        fpr, tpr, _ = roc_curve(y, s)
        keep = np.unique(np.linspace(0, len(fpr) - 1, min(roc_points, len(fpr))).round().astype(int))
        out["roc"] = {"fpr": fpr[keep].tolist(), "tpr": tpr[keep].tolist()}
    else:
        out["roc"] = {"fpr": [], "tpr": []}
    return out


def json_safe(obj: object) -> object:
    """Replace NaN/inf floats by None (recursively) so that the result is strict JSON."""
    if isinstance(obj, dict):
        return {k: json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_safe(v) for v in obj]
    if isinstance(obj, float | np.floating):
        return float(obj) if np.isfinite(obj) else None
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


SCALARS = ("accuracy", "tpr", "tnr", "purity", "auc")


def edge_metrics_with_errors(
    per_event: list[tuple[np.ndarray, np.ndarray]], threshold: float, *, n_boot: int, seed: int
) -> dict[str, object]:
    """:func:`edge_metrics` of the pooled test events plus ``"errors"``: for each scalar its
    event-bootstrap interval (``trigml.tracking.stats.bootstrap_events``)."""
    from .stats import CONFIDENCE, bootstrap_events

    y = np.concatenate([e[0] for e in per_event]) if per_event else np.zeros(0)
    s = np.concatenate([e[1] for e in per_event]) if per_event else np.zeros(0)
    out = edge_metrics(y, s, threshold)

    def scalars(yy: np.ndarray, ss: np.ndarray) -> dict[str, float]:
        m = edge_metrics(yy, ss, threshold, roc_points=2)
        return {k: m[k] for k in SCALARS}  # type: ignore[misc]

    out["errors"] = bootstrap_events(per_event, scalars, n_boot=n_boot, seed=seed)
    out["errors_method"] = f"bootstrap over {len(per_event)} test events, {n_boot} replicas, {CONFIDENCE:.2%} central"
    return out
