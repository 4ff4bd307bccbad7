"""The one comparison of an hls4ml C simulation with its reference model, for every study."""

from __future__ import annotations

from typing import Any

import numpy as np

from trigml.hardware.design import score


def compare(
    reference: np.ndarray,
    csim: np.ndarray,
    *,
    labels: np.ndarray | None = None,
    metric: str | None = None,
    n_scores: int | None = None,
    mask: np.ndarray | None = None,
) -> dict[str, Any]:
    """C simulation vs the framework's model on the same inputs (rows; ``mask`` selects the rows
    that count, e.g. real edges of padded graphs): largest and mean |difference|, argmax agreement
    (several outputs) and the metric of both (``accuracy``: argmax of the first ``n_scores`` outputs
    vs integer labels; ``auc``: output 0 vs 0/1 labels)."""
    ref = np.asarray(reference, np.float64)
    got = np.asarray(csim, np.float64)
    ref = ref.reshape(len(ref), -1)
    got = got.reshape(len(got), -1)
    if ref.shape != got.shape:
        raise ValueError(f"C simulation gave {got.shape} outputs for the reference's {ref.shape}")
    if mask is not None:
        ref, got = ref[np.asarray(mask, bool)], got[np.asarray(mask, bool)]
        labels = None if labels is None else np.asarray(labels)[np.asarray(mask, bool)]
    if len(ref) == 0:
        raise ValueError("nothing to compare: no rows (after the mask)")
    d = np.abs(got - ref)
    out: dict[str, Any] = {
        "n_checked": int(len(ref)),
        "max_abs_diff": float(d.max()),
        "mean_abs_diff": float(d.mean()),
    }
    if ref.shape[1] > 1:
        k = n_scores or ref.shape[1]
        out["argmax_agreement"] = float(np.mean(ref[:, :k].argmax(1) == got[:, :k].argmax(1)))
    if metric is not None:
        out["metric"] = metric
        out["float"] = score(ref, labels, metric, n_scores)
        out["fixed"] = score(got, labels, metric, n_scores)
    return out
