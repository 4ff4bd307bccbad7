"""The TrackML challenge format: parts, columns and dtypes, file names, the format error."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

PARTS: tuple[str, ...] = ("hits", "cells", "particles", "truth")

i32, i64, f32 = np.dtype("int32"), np.dtype("int64"), np.dtype("float32")

HITS_DTYPES: dict[str, np.dtype] = {
    "hit_id": i64,
    "x": f32,
    "y": f32,
    "z": f32,
    "volume_id": i32,
    "layer_id": i32,
    "module_id": i32,
}
CELLS_DTYPES: dict[str, np.dtype] = {"hit_id": i64, "ch0": i32, "ch1": i32, "value": f32}
PARTICLES_DTYPES: dict[str, np.dtype] = {
    "particle_id": i64,
    "vx": f32,
    "vy": f32,
    "vz": f32,
    "px": f32,
    "py": f32,
    "pz": f32,
    "q": i32,
    "nhits": i32,
}
TRUTH_DTYPES: dict[str, np.dtype] = {
    "hit_id": i64,
    "particle_id": i64,
    "tx": f32,
    "ty": f32,
    "tz": f32,
    "tpx": f32,
    "tpy": f32,
    "tpz": f32,
    "weight": f32,
}
DTYPES: dict[str, dict[str, np.dtype]] = {
    "hits": HITS_DTYPES,
    "cells": CELLS_DTYPES,
    "particles": PARTICLES_DTYPES,
    "truth": TRUTH_DTYPES,
}
COLUMNS: dict[str, tuple[str, ...]] = {part: tuple(d) for part, d in DTYPES.items()}
SUBMISSION_COLUMNS: tuple[str, ...] = ("hit_id", "track_id")
#: Particles with fewer hits than this carry no weight in the challenge score.
MIN_HITS_WEIGHTED = 4

_FILE_RE = re.compile(r"(?:^|.*/)event(\d{9})-(hits|cells|particles|truth)\.csv(\.gz)?$")


class TrackMLFormatError(ValueError):
    """A TrackML file (or data frame) does not follow the challenge format.

    Attributes:
        file: the file (``archive.zip:member`` inside a zip; a label for data frames).
        column: the offending column, or ``None`` when the problem is not one column's.
    """

    def __init__(self, file: object, message: str, column: str | None = None):
        self.file = str(file)
        self.column = column
        where = f"{self.file}" + (f", column {column!r}" if column else "")
        super().__init__(f"{where}: {message}")


class EventNotFoundError(KeyError):
    """Requested event ids are not in a dataset (folder, zip or archive)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def _missing_events(missing: Sequence[int], where: object, available: Sequence[int]) -> EventNotFoundError:
    ids = sorted(available)
    held = (
        f"{len(ids)} events, ids {ids[0]}..{ids[-1]}"
        if ids
        else "no event files (event<9 digits>-<part>.csv[.gz])"
    )
    return EventNotFoundError(f"event(s) {sorted(missing)} not found in {where}; it holds {held}")


# --------------------------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------------------------


def event_prefix(directory: str | os.PathLike[str], event_id: int) -> Path:
    """``directory/event<9 digits>``, the prefix :func:`load_event` takes."""
    return Path(directory) / f"event{int(event_id):09d}"


def event_filename(event_id: int, part: str, compress: bool = False) -> str:
    """``event<9 digits>-<part>.csv`` (``.csv.gz`` when ``compress``)."""
    if part not in PARTS:
        raise ValueError(f"unknown TrackML part {part!r}; expected one of {PARTS}")
    return f"event{int(event_id):09d}-{part}.csv" + (".gz" if compress else "")


def _check_parts(parts: Iterable[str]) -> tuple[str, ...]:
    parts = tuple(parts)
    bad = [p for p in parts if p not in PARTS]
    if bad or not parts:
        raise ValueError(f"unknown TrackML part(s) {bad}; expected a non-empty subset of {PARTS}")
    return parts
