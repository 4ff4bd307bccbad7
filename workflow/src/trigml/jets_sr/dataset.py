"""The jet dataset on disk: parquet with the 16 feature columns of OpenML 42468 plus ``class``.

Real data (the hls4ml LHC jet dataset, OpenML 42468: 830,000 jets) comes as OpenML's parquet or
ARFF file; :func:`convert_openml` turns either into the study's parquet. Simulated jets are written
with :func:`write_jets`. Every reader goes through :func:`load_jets`, which refuses missing
columns, unknown classes and non-finite values with a message that names the file and the column.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd

from trigml.files import atomic_path

from .features import CLASSES, FEATURES

log = logging.getLogger(__name__)

CLASS_COLUMN = "class"
OPENML_ID = 42468
OPENML_PARQUET_URL = "https://openml1.win.tue.nl/datasets/0004/42468/dataset_42468.pq"
"""OpenML's parquet copy of data set 42468 (hls4ml_lhc_jets_hlf) on its object store."""


class JetDatasetError(ValueError):
    """A jet dataset file does not have the expected columns, classes or values."""


def validate_frame(df: pd.DataFrame, source: str | os.PathLike[str] = "<frame>") -> pd.DataFrame:
    """Check columns, classes and finiteness; return the frame with float32 features and str classes."""
    missing = [c for c in [*FEATURES, CLASS_COLUMN] if c not in df.columns]
    if missing:
        raise JetDatasetError(
            f"{source}: missing column(s) {missing}; expected the 16 features of OpenML 42468 and 'class'"
        )
    if len(df) == 0:
        raise JetDatasetError(f"{source}: no jets (empty table)")
    out = df[[*FEATURES, CLASS_COLUMN]].copy()
    for c in FEATURES:
        try:
            out[c] = out[c].astype(np.float32)
        except (TypeError, ValueError) as err:
            raise JetDatasetError(f"{source}: column {c!r} is not numeric ({err})") from None
        bad = ~np.isfinite(out[c].to_numpy())
        if bad.any():
            raise JetDatasetError(
                f"{source}: column {c!r} has {int(bad.sum())} NaN/inf value(s), first at row {int(np.argmax(bad))}"
            )
    labels = out[CLASS_COLUMN].astype(str).str.strip().str.lower()
    unknown = sorted(set(labels) - set(CLASSES))
    if unknown:
        raise JetDatasetError(
            f"{source}: column 'class' has unknown value(s) {unknown[:5]}; expected {CLASSES}"
        )
    out[CLASS_COLUMN] = labels.astype(str)
    return out.reset_index(drop=True)


def read_jets(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a jet parquet file (see :func:`validate_frame`)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: jet dataset not found")
    try:
        df = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for a corrupt file
        raise JetDatasetError(f"{path}: not a readable parquet file ({err})") from err
    return validate_frame(df, path)


def load_jets(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(X, y, feature_names)``: X float32 (N, 16) in dataset order, y int64 (N,) with classes
    g, q, t, w, z = 0..4."""
    df = read_jets(path)
    X = df[FEATURES].to_numpy(dtype=np.float32)
    y = df[CLASS_COLUMN].map({c: i for i, c in enumerate(CLASSES)}).to_numpy(dtype=np.int64)
    return X, y, list(FEATURES)


def write_jets(df: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Validate ``df`` and write it atomically as parquet (16 float32 features + string ``class``)."""
    out = validate_frame(df, path)
    with atomic_path(path) as tmp:
        out.to_parquet(tmp, index=False)


def _read_arff(path: Path) -> pd.DataFrame:
    from scipy.io import arff

    data, _meta = arff.loadarff(str(path))
    df = pd.DataFrame(data)
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].str.decode("utf-8")
    return df


def convert_openml(
    src: str | os.PathLike[str], dest: str | os.PathLike[str], *, max_jets: int | None = None, seed: int = 0
) -> pd.DataFrame:
    """Turn OpenML 42468 as downloaded (parquet ``.pq``/``.parquet`` or ``.arff``) into the study's
    parquet; optionally keep a random subset of ``max_jets`` jets (seeded)."""
    src = Path(src)
    if not src.exists():
        raise FileNotFoundError(f"{src}: OpenML file not found")
    if src.suffix.lower() == ".arff":
        df = _read_arff(src)
    else:
        try:
            df = pd.read_parquet(src)
        except Exception as err:
            raise JetDatasetError(f"{src}: not a readable parquet file ({err})") from err
    df = validate_frame(df, src)
    if max_jets is not None and max_jets < len(df):
        df = df.sample(n=max_jets, random_state=seed).reset_index(drop=True)
    write_jets(df, dest)
    log.info(
        "%s -> %s: %d jets, class counts %s", src, dest, len(df), df[CLASS_COLUMN].value_counts().to_dict()
    )
    return df


def download_openml(
    dest: str | os.PathLike[str],
    download_dir: str | os.PathLike[str],
    *,
    url: str = OPENML_PARQUET_URL,
    sha256: str | None = None,
    retries: int = 5,
    max_jets: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Download OpenML 42468 (checksummed, resumable; :func:`trigml.download.fetch`) and convert it."""
    from trigml.download import fetch

    name = url.rstrip("/").rsplit("/", 1)[-1] or "dataset_42468.pq"
    local = Path(download_dir) / name
    fetch(url, local, sha256=sha256, retries=retries)
    return convert_openml(local, dest, max_jets=max_jets, seed=seed)


def split_indices(
    y: np.ndarray, *, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2), seed: int = 0
) -> dict[str, np.ndarray]:
    """Stratified train/validation/test indices (the authors' 60/20/20 split), seeded."""
    from sklearn.model_selection import train_test_split

    if len(fractions) != 3 or not np.isclose(sum(fractions), 1.0) or min(fractions) <= 0:
        raise ValueError(f"fractions must be three positive numbers summing to 1, got {fractions}")
    idx = np.arange(len(y))
    train, rest = train_test_split(idx, train_size=fractions[0], stratify=y, random_state=seed)
    val_frac = fractions[1] / (fractions[1] + fractions[2])
    val, test = train_test_split(rest, train_size=val_frac, stratify=y[rest], random_state=seed + 1)
    return {"train": np.sort(train), "val": np.sort(val), "test": np.sort(test)}
