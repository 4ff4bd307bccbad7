"""Model inputs from ADC2021-layout events: a fixed scaling, the background splits, pseudo-outliers.

Inputs are the 19 objects x (pT, η, φ) flattened to 57 numbers (the type column is implied by the
row). The scaling is fixed, not fitted, so the FPGA sees the same numbers without a stored scaler:
``log1p(pT) / 5``, ``η / 4``, ``φ / π`` — zero-padded objects stay exactly zero.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from trigml.files import atomic_path

from .layout import N_FEATURES, N_OBJECTS, SLOTS, read_particles

N_INPUTS = N_OBJECTS * 3
PT_SCALE = 5.0
ETA_SCALE = 4.0


def scale(particles: NDArray[np.floating]) -> NDArray[np.float32]:
    """(N, 19, 4) events -> (N, 57) model inputs."""
    a = np.asarray(particles, dtype=np.float64)
    if a.ndim != 3 or a.shape[1:] != (N_OBJECTS, N_FEATURES):
        raise ValueError(f"expected events of shape (N, {N_OBJECTS}, {N_FEATURES}), got {a.shape}")
    present = a[..., 0] > 0
    x = np.stack([np.log1p(a[..., 0]) / PT_SCALE, a[..., 1] / ETA_SCALE, a[..., 2] / np.pi], axis=-1)
    x = np.where(present[..., None], x, 0.0)
    return x.reshape(len(a), N_INPUTS).astype(np.float32)


def present_mask(x: NDArray[np.floating]) -> NDArray[np.float32]:
    """1 where an input belongs to a filled object (pT > 0), 0 on zero-padding; same shape as ``x``."""
    x3 = np.asarray(x).reshape(len(x), N_OBJECTS, 3)
    m = np.repeat(x3[..., :1] > 0, 3, axis=-1)
    return m.reshape(len(x), N_INPUTS).astype(np.float32)


def detector_noise(
    n: int, *, rng: np.random.Generator, occupancy: float = 0.3, pt_mean: float = 15.0
) -> NDArray[np.float32]:
    """Detector-noise-like events in the ADC2021 layout: objects switched on at random in each slot,
    exponential pT above 3 GeV, η and φ uniform in the acceptance — no physics correlation at all."""
    out = np.zeros((n, N_OBJECTS, N_FEATURES), dtype=np.float32)
    eta_max = {"MET": 0.0, "Ele": 3.0, "Mu": 2.1, "Jet": 4.0}
    for group, (first, k, code) in SLOTS.items():
        on = rng.random((n, k)) < (1.0 if group == "MET" else occupancy)
        pt = 3.0 + rng.exponential(pt_mean, size=(n, k))
        pt = -np.sort(-np.where(on, pt, 0.0), axis=1)  # pT-ordered, zeros last
        filled = pt > 0
        out[:, first : first + k, 0] = pt
        out[:, first : first + k, 1] = np.where(
            filled, rng.uniform(-eta_max[group], eta_max[group], (n, k)), 0
        )
        out[:, first : first + k, 2] = np.where(filled, rng.uniform(-np.pi, np.pi, (n, k)), 0)
        out[:, first : first + k, 3] = np.where(filled, code, 0)
    return out


def split_indices(
    n: int, fractions: tuple[float, float, float], *, seed: int
) -> tuple[NDArray[np.int64], ...]:
    """Random train/validation/test indices for ``n`` background events."""
    if n < 3:
        raise ValueError(f"need at least 3 background events to split, got {n}")
    if any(f <= 0 for f in fractions):
        raise ValueError(f"split fractions must be > 0, got {fractions}")
    f = np.asarray(fractions, dtype=float) / sum(fractions)
    perm = np.random.default_rng(seed).permutation(n)
    n_train = max(1, int(round(f[0] * n)))
    n_val = max(1, int(round(f[1] * n)))
    n_val = min(n_val, n - n_train - 1)
    return perm[:n_train], perm[n_train : n_train + n_val], perm[n_train + n_val :]


def build_dataset(
    background: str | os.PathLike[str],
    signals: Mapping[str, str | os.PathLike[str]],
    outliers: str | os.PathLike[str] | None,
    out: str | os.PathLike[str],
    *,
    split: tuple[float, float, float] = (0.5, 0.1, 0.4),
    n_noise: int = 2000,
    max_events: int | None = None,
    seed: int = 0,
) -> dict[str, int]:
    """Read the layout files, scale them, split the background; write one ``.npz``.

    Arrays: ``x_train``, ``x_val``, ``x_test`` (background), ``signal_<name>`` (evaluation only),
    ``outlier_sm`` (other SM processes; empty if ``outliers`` is None) and ``outlier_noise``
    (detector-noise-like events). Returns the number of events per array.
    """
    bkg = read_particles(background, max_events=max_events)
    tr, va, te = split_indices(len(bkg), split, seed=seed)
    x = scale(bkg)
    arrays = {"x_train": x[tr], "x_val": x[va], "x_test": x[te]}
    for name, path in signals.items():
        arrays[f"signal_{name}"] = scale(read_particles(path, max_events=max_events))
    arrays["outlier_sm"] = (
        scale(read_particles(outliers, max_events=max_events))
        if outliers
        else np.zeros((0, N_INPUTS), np.float32)
    )
    arrays["outlier_noise"] = scale(detector_noise(n_noise, rng=np.random.default_rng(seed + 1)))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, **arrays)
    return {k: int(len(v)) for k, v in arrays.items()}


def load_dataset(path: str | os.PathLike[str]) -> dict[str, NDArray[np.float32]]:
    with np.load(path) as z:
        return {k: z[k] for k in z.files}


def signal_names(data: Mapping[str, object]) -> list[str]:
    return [k.removeprefix("signal_") for k in data if k.startswith("signal_")]
