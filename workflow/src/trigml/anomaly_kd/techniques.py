"""Framework-neutral pieces of the distillation techniques of Pol et al. (2023).

- noise exposure: students (and in co-learning the teacher's scores) see inputs + sigma * N(0, 1);
- pseudo-outlier exposure: a share of each student batch comes from an *other* sample (another
  dataset, other SM processes, detector-noise-like inputs), labelled with the teacher's score.

The training loops (PyTorch for the paper study, QKeras for L1) call these on numpy batches.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def add_noise(
    x: NDArray[np.floating],
    *,
    sigma: float,
    rng: np.random.Generator,
    clip: tuple[float, float] | None = None,
) -> NDArray[np.floating]:
    """``x + sigma * N(0, 1)``, optionally clipped (images: to [0, 1]); same dtype as ``x``."""
    if sigma < 0:
        raise ValueError(f"noise sigma must be >= 0, got {sigma}")
    noisy = x + sigma * rng.standard_normal(x.shape)
    if clip is not None:
        noisy = np.clip(noisy, clip[0], clip[1])
    return noisy.astype(x.dtype, copy=False)


def mix_outliers(
    x: NDArray[np.floating],
    outliers: NDArray[np.floating],
    *,
    fraction: float,
    rng: np.random.Generator,
) -> NDArray[np.floating]:
    """Append ``round(fraction * len(x))`` randomly drawn rows of ``outliers`` to the batch ``x``.

    The caller labels the whole returned batch with the teacher's scores, so the students learn
    the teacher's response beyond the training distribution.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"outlier fraction must be in [0, 1], got {fraction}")
    if x.shape[1:] != outliers.shape[1:]:
        raise ValueError(f"outlier shape {outliers.shape[1:]} differs from input shape {x.shape[1:]}")
    n = int(round(fraction * len(x)))
    if n == 0 or len(outliers) == 0:
        return x
    idx = rng.integers(0, len(outliers), size=n)
    return np.concatenate([x, outliers[idx]], axis=0)
