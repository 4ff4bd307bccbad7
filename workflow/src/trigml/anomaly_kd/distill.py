"""The distillation target: students regress log(MSE + 1) of the teacher's reconstruction error."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def score_to_target(mse: ArrayLike) -> NDArray[np.float64]:
    """Teacher anomaly score (per-sample MSE, >= 0) -> student regression target log(MSE + 1)."""
    a = np.asarray(mse, dtype=np.float64)
    if np.any(~np.isfinite(a)):
        raise ValueError("teacher scores contain NaN or inf")
    if np.any(a < 0):
        raise ValueError(f"teacher scores must be >= 0 (an MSE); minimum is {a.min()}")
    return np.log1p(a)


def target_to_score(target: ArrayLike) -> NDArray[np.float64]:
    """Inverse of :func:`score_to_target`: student output -> MSE-scale anomaly score."""
    return np.expm1(np.asarray(target, dtype=np.float64))
