"""Benchmark data of the logic study: Boolean functions, the jet features, scikit-learn digits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "BOOLEAN_KINDS",
    "JET_CLASSES",
    "Split",
    "boolean_function",
    "digits_split",
    "jets_split",
    "load_jets_parquet",
    "save_split",
    "load_split",
]

BOOLEAN_KINDS = ("parity", "majority", "random")
JET_CLASSES = ("g", "q", "t", "w", "z")


def boolean_function(kind: str, n: int, seed: int = 0) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    """All 2^n inputs ``(2^n, n)`` (row i = binary expansion of i, bit 0 first = MSB) and the
    function's value on each: ``parity`` (odd number of ones), ``majority`` (more than n/2 ones),
    ``random`` (a uniformly random truth table, seeded)."""
    if kind not in BOOLEAN_KINDS:
        raise ValueError(f"Boolean function kind must be one of {BOOLEAN_KINDS}, got {kind!r}")
    if not 1 <= n <= 16:
        raise ValueError(f"number of input bits must be in 1..16, got {n}")
    rows = np.arange(1 << n)
    x = ((rows[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(bool)
    ones = x.sum(1)
    if kind == "parity":
        y = ones % 2
    elif kind == "majority":
        y = (2 * ones > n).astype(np.int64)
    else:
        y = np.random.default_rng(seed).integers(0, 2, size=1 << n)
    return x, y.astype(np.int64)


@dataclass
class Split:
    """Train / validation / test features (float32) and labels; ``names`` of features and classes.

    Training fits the networks, validation chooses (best epoch, convergence targets), the test set
    is only reported."""

    x_train: NDArray[np.float32]
    y_train: NDArray[np.int64]
    x_val: NDArray[np.float32]
    y_val: NDArray[np.int64]
    x_test: NDArray[np.float32]
    y_test: NDArray[np.int64]
    feature_names: list[str]
    class_names: list[str]


_ARRAYS = ("x_train", "y_train", "x_val", "y_val", "x_test", "y_test")


def _split(x, y, *, test_fraction: float, val_fraction: float, seed: int, max_samples: int | None):  # noqa: ANN001, ANN202
    """Stratified (x_train, x_val, x_test, y_train, y_val, y_test) after an optional stratified cap."""
    from sklearn.model_selection import train_test_split

    if not (0 < test_fraction < 1 and 0 < val_fraction < 1 and test_fraction + val_fraction < 1):
        raise ValueError(
            f"need 0 < test_fraction, val_fraction and their sum < 1, got {test_fraction}, {val_fraction}"
        )
    if max_samples is not None and len(y) > max_samples:
        keep, _ = train_test_split(np.arange(len(y)), train_size=max_samples, random_state=seed, stratify=y)
        x, y = x[np.sort(keep)], y[np.sort(keep)]
    x_rest, x_te, y_rest, y_te = train_test_split(
        x, y, test_size=test_fraction, random_state=seed, stratify=y
    )
    val = val_fraction / (1.0 - test_fraction)
    x_tr, x_va, y_tr, y_va = train_test_split(
        x_rest, y_rest, test_size=val, random_state=seed, stratify=y_rest
    )
    return x_tr, x_va, x_te, y_tr, y_va, y_te


def load_jets_parquet(
    path: str | os.PathLike[str],
) -> tuple[NDArray[np.float32], NDArray[np.int64], list[str]]:
    """The jet dataset (16 features of OpenML 42468 + ``class`` in g, q, t, w, z) through the jets
    study's reader, which refuses missing columns, unknown classes and NaN naming file and column."""
    from trigml.jets_sr.dataset import load_jets

    x, y, names = load_jets(path)
    return np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.int64), list(names)


def jets_split(
    path: str, *, test_fraction: float, val_fraction: float, seed: int, max_samples: int | None = None
) -> Split:
    """Stratified split of the jet set, features standardised with the training mean and std."""
    x, y, names = load_jets_parquet(path)
    if len(y) == 0:
        raise ValueError(f"{path}: the jet dataset is empty")
    xtr, xva, xte, ytr, yva, yte = _split(
        x, y, test_fraction=test_fraction, val_fraction=val_fraction, seed=seed, max_samples=max_samples
    )
    mu, sd = xtr.mean(0), xtr.std(0)
    sd = np.where(sd > 0, sd, 1.0)

    def std(a: NDArray[np.float32]) -> NDArray[np.float32]:
        return ((a - mu) / sd).astype(np.float32)

    return Split(std(xtr), ytr, std(xva), yva, std(xte), yte, names, list(JET_CLASSES))


def digits_split(
    *, test_fraction: float, val_fraction: float, seed: int, max_samples: int | None = None
) -> Split:
    """scikit-learn's bundled 8x8 digits (1,797 images, offline), pixels scaled to [0, 1]."""
    from sklearn.datasets import load_digits

    d = load_digits()
    x = (d.data / 16.0).astype(np.float32)
    xtr, xva, xte, ytr, yva, yte = _split(
        x, d.target.astype(np.int64), test_fraction=test_fraction, val_fraction=val_fraction, seed=seed,
        max_samples=max_samples,
    )  # fmt: skip
    names = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
    return Split(xtr, ytr, xva, yva, xte, yte, names, [str(i) for i in range(10)])


def save_split(split: Split, path: str | os.PathLike[str]) -> None:
    from trigml.files import atomic_path

    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(
                fh,
                **{k: getattr(split, k) for k in _ARRAYS},
                feature_names=np.array(split.feature_names),
                class_names=np.array(split.class_names),
            )


def load_split(path: str | os.PathLike[str]) -> Split:
    if not Path(path).exists():
        raise FileNotFoundError(f"split file not found: {path}")
    with np.load(path) as z:
        missing = {*_ARRAYS, "feature_names", "class_names"} - set(z.files)
        if missing:
            raise ValueError(f"{path}: missing arrays {sorted(missing)} (a split from an older trigml?)")
        arrays = {k: z[k].astype(np.float32 if k.startswith("x") else np.int64) for k in _ARRAYS}
        return Split(
            **arrays,
            feature_names=[str(s) for s in z["feature_names"]],
            class_names=[str(s) for s in z["class_names"]],
        )
