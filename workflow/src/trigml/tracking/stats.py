"""Uncertainties of the tracking study's numbers.

* Efficiencies and rates (k of n): the Clopper-Pearson (exact binomial) central interval at
  ``CONFIDENCE`` (68.27 %, one Gaussian sigma): ``{"value", "lo", "hi", "k", "n"}``.
* Edge metrics (AUC, accuracy, TPR, TNR, purity): a bootstrap over the test *events* (whole events
  resampled with replacement, the threshold fixed), the 15.87 / 84.13 % quantiles of
  ``n_boot`` replicas from a seeded generator, so the same scores give the same interval.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy.stats import beta

CONFIDENCE = 0.6827


def clopper_pearson(k: int, n: int, confidence: float = CONFIDENCE) -> dict[str, float | int | None]:
    """``k`` successes of ``n`` with the exact central interval; n = 0 gives None values."""
    k, n = int(k), int(n)
    if n == 0:
        return {"value": None, "lo": None, "hi": None, "k": k, "n": n}
    if not 0 <= k <= n:
        raise ValueError(f"k = {k} successes of n = {n}")
    a = (1 - confidence) / 2
    lo = float(beta.ppf(a, k, n - k + 1)) if k > 0 else 0.0
    hi = float(beta.ppf(1 - a, k + 1, n - k)) if k < n else 1.0
    return {"value": k / n, "lo": lo, "hi": hi, "k": k, "n": n}


def bootstrap_events(
    per_event: Sequence[tuple[np.ndarray, np.ndarray]],
    metric: Callable[[np.ndarray, np.ndarray], dict[str, float]],
    *,
    n_boot: int,
    seed: int,
    confidence: float = CONFIDENCE,
) -> dict[str, dict[str, float | None]]:
    """``{name: {"lo", "hi", "std"}}`` of each metric over event-bootstrap replicas of
    ``per_event`` = [(y, scores) of each test event]."""
    n = len(per_event)
    if n == 0 or n_boot < 1:
        return {}
    rng = np.random.default_rng(seed)
    rows: dict[str, list[float]] = {}
    for _ in range(n_boot):
        pick = rng.integers(0, n, n)
        y = np.concatenate([per_event[i][0] for i in pick])
        s = np.concatenate([per_event[i][1] for i in pick])
        for key, value in metric(y, s).items():
            rows.setdefault(key, []).append(np.nan if value is None else float(value))
    a = (1 - confidence) / 2
    out: dict[str, dict[str, float | None]] = {}
    for key, values in rows.items():
        v = np.asarray(values)
        v = v[np.isfinite(v)]
        out[key] = (
            {"lo": float(np.quantile(v, a)), "hi": float(np.quantile(v, 1 - a)), "std": float(v.std(ddof=1)) if len(v) > 1 else 0.0}
            if len(v)
            else {"lo": None, "hi": None, "std": None}
        )
    return out
