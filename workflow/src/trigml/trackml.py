"""TrackML challenge files: read, check, write, and score, exactly in the challenge's format.

One event is four CSV files, ``event<9 digits>-{hits,cells,particles,truth}.csv`` (or ``.csv.gz``),
in a folder or inside a zip archive, with these columns (units: mm, GeV):

=========  ==================================================================================
hits       hit_id, x, y, z, volume_id, layer_id, module_id
cells      hit_id, ch0, ch1, value
particles  particle_id, vx, vy, vz, px, py, pz, q, nhits
truth      hit_id, particle_id (0 = noise), tx, ty, tz, tpx, tpy, tpz, weight
=========  ==================================================================================

The calls follow the TrackML challenge library (``trackml.dataset`` / ``trackml.score``; not on
PyPI): :func:`load_event`, :func:`load_dataset`, :func:`score_event`, plus :func:`write_event`.
Readers check every file — the exact column set, numbers of the right kind in every column, no
NaN, at least one row, unique hit ids, truth/cells hit ids present in the hits — and raise
:class:`TrackMLFormatError` naming the file and the column. :func:`import_events` and
:func:`download_events` bring real events (a folder / zip, or an archive fetched with
:mod:`trigml.download`) into the results tree through the same checks.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

__all__ = [
    "PARTS",
    "HITS_DTYPES",
    "CELLS_DTYPES",
    "PARTICLES_DTYPES",
    "TRUTH_DTYPES",
    "DTYPES",
    "COLUMNS",
    "SUBMISSION_COLUMNS",
    "MIN_HITS_WEIGHTED",
    "TrackMLFormatError",
    "EventNotFoundError",
    "event_prefix",
    "event_filename",
    "list_events",
    "load_event",
    "load_dataset",
    "check_event",
    "write_event",
    "analyze_tracks",
    "score_event",
    "import_events",
    "download_events",
]

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


# --------------------------------------------------------------------------------------------
# sources: a folder or a zip archive
# --------------------------------------------------------------------------------------------


class _Source:
    """Files of a dataset: a folder (non-recursive) or a zip archive (any depth)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.zip: zipfile.ZipFile | None = None
        if self.path.is_dir():
            self.names = sorted(os.listdir(self.path))
        elif self.path.is_file():
            try:
                self.zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as err:
                raise TrackMLFormatError(
                    self.path, f"neither a folder nor a readable zip archive ({err})"
                ) from err
            self.names = sorted(i.filename for i in self.zip.infolist() if not i.is_dir())
        else:
            raise FileNotFoundError(f"TrackML dataset {self.path} does not exist")

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()

    def label(self, name: str) -> str:
        return f"{self.path}:{name}" if self.zip is not None else str(self.path / name)

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        if self.zip is not None:
            with self.zip.open(name) as fh:
                yield fh
        else:
            with open(self.path / name, "rb") as fh:
                yield fh

    def events(self) -> dict[int, dict[str, str]]:
        """event id -> part -> file name (in this source)."""
        out: dict[int, dict[str, str]] = {}
        for name in self.names:
            m = _FILE_RE.match(name)
            if not m:
                continue
            event, part = int(m.group(1)), m.group(2)
            prev = out.setdefault(event, {}).get(part)
            if prev is not None:
                raise TrackMLFormatError(
                    self.label(name), f"event {event} part {part!r} found twice (also {self.label(prev)})"
                )
            out[event][part] = name
        return out


def list_events(path: str | os.PathLike[str]) -> list[int]:
    """Sorted ids of the events with at least one file in a folder or zip."""
    src = _Source(path)
    try:
        return sorted(src.events())
    finally:
        src.close()


# --------------------------------------------------------------------------------------------
# reading and checking
# --------------------------------------------------------------------------------------------


def _read_csv(fh: IO[bytes], label: str, compressed: bool) -> pd.DataFrame:
    try:
        stream: IO[bytes] = gzip.GzipFile(fileobj=fh, mode="rb") if compressed else fh
        return pd.read_csv(stream, header=0, index_col=False, engine="c", low_memory=False)
    except pd.errors.EmptyDataError as err:
        raise TrackMLFormatError(label, "empty file (no header)") from err
    except (OSError, EOFError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        raise TrackMLFormatError(label, f"unreadable {'gzip ' if compressed else ''}file: {err}") from err
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise TrackMLFormatError(label, f"not a valid CSV file: {err}") from err


def _conform(df: pd.DataFrame, part: str, label: str) -> pd.DataFrame:
    """Check one part's frame (columns, kinds, NaN, rows) and return it with the challenge dtypes."""
    dtypes = DTYPES[part]
    cols = [str(c) for c in df.columns]
    missing = [c for c in dtypes if c not in cols]
    extra = [c for c in cols if c not in dtypes]
    dupes = sorted({c for c in cols if cols.count(c) > 1})
    if dupes:
        raise TrackMLFormatError(label, f"duplicated column(s) in {part}", column=dupes[0])
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {missing}")
        if extra:
            parts.append(f"unexpected column(s) {extra}")
        raise TrackMLFormatError(
            label,
            "; ".join(parts) + f" (a {part} file has exactly {list(dtypes)})",
            column=(missing or extra)[0],
        )
    if len(df) == 0:
        raise TrackMLFormatError(label, f"no rows: an event's {part} must not be empty")
    out = {}
    for col, dtype in dtypes.items():
        s = df[col]
        if not pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            bad = pd.to_numeric(s, errors="coerce").isna() & s.notna()
            first = s[bad].iloc[0] if bad.any() else None
            raise TrackMLFormatError(
                label, f"non-numeric value(s), e.g. {first!r} (expected {dtype.name})", column=col
            )
        values = s.to_numpy()
        nan = pd.isna(values)
        if nan.any():
            raise TrackMLFormatError(
                label,
                f"{int(nan.sum())} missing/NaN value(s), first in row {int(np.argmax(nan))}",
                column=col,
            )
        if dtype.kind == "f":
            if not np.isfinite(values.astype(np.float64)).all():
                raise TrackMLFormatError(label, "infinite value(s)", column=col)
            out[col] = values.astype(dtype)
        else:
            if values.dtype.kind == "f":
                if not (np.mod(values, 1) == 0).all():
                    raise TrackMLFormatError(
                        label, f"non-integer value(s) (expected {dtype.name})", column=col
                    )
            info = np.iinfo(dtype)
            lo, hi = values.min(), values.max()
            if lo < info.min or hi > info.max:
                raise TrackMLFormatError(label, f"value(s) outside the {dtype.name} range", column=col)
            out[col] = values.astype(dtype)
    return pd.DataFrame(out)


def _check_ids(frames: dict[str, pd.DataFrame], labels: dict[str, str]) -> None:
    """Cross-file checks: unique ids; truth and cells hit ids present in the hits."""
    for part, key in (("hits", "hit_id"), ("truth", "hit_id"), ("particles", "particle_id")):
        if part in frames:
            ids = frames[part][key]
            if not ids.is_unique:
                dup = ids[ids.duplicated()].iloc[0]
                raise TrackMLFormatError(labels[part], f"duplicated {key} {dup}", column=key)
    if "hits" not in frames:
        return
    hit_ids = frames["hits"]["hit_id"].to_numpy()
    for part in ("truth", "cells"):
        if part in frames:
            ids = frames[part]["hit_id"].to_numpy()
            absent = ~np.isin(ids, hit_ids)
            if absent.any():
                raise TrackMLFormatError(
                    labels[part],
                    f"{int(absent.sum())} hit id(s) absent from the hits file {labels['hits']}, "
                    f"e.g. {int(ids[absent][0])}",
                    column="hit_id",
                )
    if "truth" in frames and len(frames["truth"]) != len(frames["hits"]):
        raise TrackMLFormatError(
            labels["truth"],
            f"{len(frames['truth'])} rows for {len(frames['hits'])} hits: every hit needs one truth row",
            column="hit_id",
        )


def check_event(
    hits: pd.DataFrame | None = None,
    cells: pd.DataFrame | None = None,
    particles: pd.DataFrame | None = None,
    truth: pd.DataFrame | None = None,
    *,
    label: str = "event",
) -> tuple[pd.DataFrame, ...]:
    """Check in-memory parts as the reader checks files; return them with the challenge dtypes.

    Parts given as ``None`` are skipped (and returned as ``None``).
    """
    given = {"hits": hits, "cells": cells, "particles": particles, "truth": truth}
    frames: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {}
    for part, df in given.items():
        if df is None:
            continue
        labels[part] = f"{label} {part}"
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{labels[part]}: expected a pandas DataFrame, got {type(df).__name__}")
        frames[part] = _conform(df.reset_index(drop=True), part, labels[part])
    _check_ids(frames, labels)
    return tuple(frames.get(p) for p in PARTS)  # type: ignore[return-value]


def _load(src: _Source, files: dict[str, str], parts: Sequence[str], what: str) -> tuple[pd.DataFrame, ...]:
    frames: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {}
    for part in parts:
        name = files.get(part)
        if name is None:
            raise FileNotFoundError(f"no {part} file for {what} (expected {what}-{part}.csv or .csv.gz)")
        labels[part] = src.label(name)
        with src.open(name) as fh:
            df = _read_csv(fh, labels[part], name.endswith(".gz"))
        frames[part] = _conform(df, part, labels[part])
    _check_ids(frames, labels)
    return tuple(frames[p] for p in parts)


def _split_prefix(prefix: Path) -> tuple[Path, str]:
    """Container (folder or zip) holding ``prefix``'s files, and the prefix inside it."""
    for container in prefix.parents:
        if container.is_dir():
            if container != prefix.parent:
                break
            return container, prefix.name
        if container.is_file():
            return container, prefix.relative_to(container).as_posix()
    raise FileNotFoundError(f"no TrackML event files for {prefix}: folder {prefix.parent} does not exist")


def load_event(prefix: str | os.PathLike[str], parts: Iterable[str] = PARTS) -> tuple[pd.DataFrame, ...]:
    """Load one event: one checked DataFrame per part, in the order of ``parts``.

    Args:
        prefix: ``path/to/event000001000`` (the file names without ``-<part>.csv``); the folder
            may also be a zip archive, e.g. ``train_sample.zip/train_100_events/event000001000``.
        parts: subset of ``("hits", "cells", "particles", "truth")``.

    Raises:
        FileNotFoundError: a part's file is absent.
        TrackMLFormatError: a file breaks the format (message names file and column).
    """
    parts = _check_parts(parts)
    prefix = Path(prefix)
    container, inner = _split_prefix(prefix)
    src = _Source(container)
    try:
        files: dict[str, str] = {}
        for name in src.names:
            m = _FILE_RE.match(name)
            if m and name.rsplit("-", 1)[0] == inner:
                if m.group(2) in files:
                    raise TrackMLFormatError(
                        src.label(name), f"ambiguous: both {files[m.group(2)]} and {name} exist for {prefix}"
                    )
                files[m.group(2)] = name
        return _load(src, files, parts, str(prefix))
    finally:
        src.close()


def load_dataset(
    path: str | os.PathLike[str],
    skip: int | None = None,
    nevents: int | None = None,
    parts: Iterable[str] = PARTS,
    events: Iterable[int] | None = None,
) -> Iterator[tuple]:
    """Iterate over the events of a folder or zip archive, in increasing event id.

    Yields ``(event_id, *frames)`` with one checked DataFrame per part; events are read lazily.
    ``skip`` / ``nevents`` select a range of the sorted events (as in the challenge library);
    ``events`` selects ids explicitly (a missing id raises :class:`EventNotFoundError`, a
    ``KeyError``, before anything is read).
    """
    parts = _check_parts(parts)
    src = _Source(path)
    try:
        table = src.events()
        ids = sorted(table)
        if events is not None:
            wanted = [int(e) for e in events]
            missing = [e for e in wanted if e not in table]
            if missing:
                raise _missing_events(missing, path, ids)
            ids = wanted
        if skip is not None:
            ids = ids[skip:]
        if nevents is not None:
            ids = ids[:nevents]
        for event_id in ids:
            yield (event_id, *_load(src, table[event_id], parts, src.label(f"event{event_id:09d}")))
    finally:
        src.close()


# --------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------


def _to_csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    # float32 values are written with their shortest repr, so reading gives back the same bits
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode()


def write_event(
    outdir: str | os.PathLike[str],
    event_id: int,
    hits: pd.DataFrame,
    cells: pd.DataFrame,
    particles: pd.DataFrame,
    truth: pd.DataFrame,
    compress: bool = False,
) -> list[Path]:
    """Write one event's four files ``event<9 digits>-<part>.csv[.gz]`` into ``outdir``.

    The frames are checked first (as the reader checks files) and written in the challenge's
    column order and dtypes. Atomic: the four files are written under temporary names and renamed
    only when all are complete, so either all four appear (replacing an older version, and the
    other compression's copy) or none. Gzip output is byte-reproducible (no timestamp).

    Returns:
        The four paths, in the order hits, cells, particles, truth.
    """
    if not 0 <= int(event_id) <= 999_999_999:
        raise ValueError(f"event_id must have at most 9 digits, got {event_id}")
    outdir = Path(outdir)
    frames = check_event(hits, cells, particles, truth, label=f"event {int(event_id):09d}")
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir / event_filename(event_id, part, compress) for part in PARTS]
    tmps: list[Path] = []
    done: list[Path] = []
    try:
        for target, df in zip(targets, frames, strict=True):
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=outdir)
            tmps.append(Path(name))
            data = _to_csv_bytes(df)
            with os.fdopen(fd, "wb") as fh:
                if compress:
                    with gzip.GzipFile(filename="", mode="wb", fileobj=fh, compresslevel=6, mtime=0) as gz:
                        gz.write(data)
                else:
                    fh.write(data)
        for tmp, target in zip(tmps, targets, strict=True):
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        for p in [*tmps, *done]:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise
    for part in PARTS:  # the other compression's copy would make the event ambiguous
        with contextlib.suppress(FileNotFoundError):
            (outdir / event_filename(event_id, part, not compress)).unlink()
    return targets


# --------------------------------------------------------------------------------------------
# score
# --------------------------------------------------------------------------------------------


def _frame_columns(df: pd.DataFrame, cols: Sequence[str], what: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(df).__name__}")
    for col in cols:
        if col not in df.columns:
            raise TrackMLFormatError(what, f"missing column (has {list(df.columns)})", column=col)
        if df[col].isna().any():
            raise TrackMLFormatError(what, "missing/NaN value(s)", column=col)
        if not pd.api.types.is_numeric_dtype(df[col].dtype):
            raise TrackMLFormatError(what, f"non-numeric values ({df[col].dtype})", column=col)
    return df[list(cols)]


def analyze_tracks(truth: pd.DataFrame, submission: pd.DataFrame) -> pd.DataFrame:
    """Per reconstructed track: its majority particle and the hit counts the score needs.

    Args:
        truth: with ``hit_id``, ``particle_id``, ``weight`` (one row per hit).
        submission: with ``hit_id``, ``track_id`` (each hit at most once; hits absent from it
            belong to no track).

    Returns:
        One row per ``track_id``: ``nhits`` (hits on the track), ``major_particle_id`` (the
        particle with most hits on it; ties go to the smaller id), ``major_particle_nhits`` (that
        particle's hits in the event), ``major_nhits`` (its hits on the track), ``major_weight``
        (their summed weight, see :func:`score_event`), ``good`` (double majority: both purities
        strictly above 0.5).
    """
    t = _frame_columns(truth, ("hit_id", "particle_id", "weight"), "truth")
    s = _frame_columns(submission, SUBMISSION_COLUMNS, "submission")
    if not t["hit_id"].is_unique:
        raise TrackMLFormatError("truth", "duplicated hit ids", column="hit_id")
    if not s["hit_id"].is_unique:
        dup = s["hit_id"][s["hit_id"].duplicated()].iloc[0]
        raise TrackMLFormatError("submission", f"hit {dup} assigned to more than one track", column="hit_id")
    unknown = ~s["hit_id"].isin(t["hit_id"])
    if unknown.any():
        raise TrackMLFormatError(
            "submission", f"{int(unknown.sum())} hit id(s) absent from truth, e.g. {s['hit_id'][unknown].iloc[0]}",
            column="hit_id",
        )  # fmt: skip
    weight = _effective_weights(t)
    particle_nhits = t["particle_id"].value_counts()
    ev = pd.DataFrame(
        {"hit_id": t["hit_id"].to_numpy(), "particle_id": t["particle_id"].to_numpy(), "weight": weight}
    ).merge(s, on="hit_id", how="inner", validate="one_to_one")
    pairs = ev.groupby(["track_id", "particle_id"], sort=True).agg(n=("hit_id", "size"), w=("weight", "sum"))
    pairs = pairs.reset_index()
    track_nhits = pairs.groupby("track_id")["n"].transform("sum")
    # majority particle: most hits; ties to the smaller particle id (stable sort keeps id order)
    pairs = pairs.assign(nhits=track_nhits).sort_values(
        ["track_id", "n"], ascending=[True, False], kind="stable"
    )
    major = pairs.drop_duplicates("track_id", keep="first")
    out = pd.DataFrame(
        {
            "track_id": major["track_id"].to_numpy(),
            "nhits": major["nhits"].to_numpy(),
            "major_particle_id": major["particle_id"].to_numpy(),
            "major_particle_nhits": particle_nhits.reindex(major["particle_id"]).to_numpy(),
            "major_nhits": major["n"].to_numpy(),
            "major_weight": major["w"].to_numpy(),
        }
    )
    out["good"] = (2 * out["major_nhits"] > out["nhits"]) & (
        2 * out["major_nhits"] > out["major_particle_nhits"]
    )
    return out


def _effective_weights(truth: pd.DataFrame) -> np.ndarray:
    """Truth weights normalised to sum 1, zero for noise and for particles with < 4 hits."""
    w = truth["weight"].to_numpy(dtype=np.float64).copy()
    if (w < 0).any():
        raise TrackMLFormatError("truth", "negative weight(s)", column="weight")
    pid = truth["particle_id"].to_numpy()
    counts = truth["particle_id"].map(truth["particle_id"].value_counts()).to_numpy()
    w[(pid == 0) | (counts < MIN_HITS_WEIGHTED)] = 0.0
    total = w.sum()
    if total <= 0:
        raise TrackMLFormatError(
            "truth",
            f"no hit carries weight (all noise or particles with < {MIN_HITS_WEIGHTED} hits)",
            column="weight",
        )
    return w / total


def score_event(truth: pd.DataFrame, submission: pd.DataFrame) -> float:
    """The TrackML challenge score of one event, in [0, 1].

    A reconstructed track (hits sharing a ``track_id``) counts when its majority particle has
    more than half of the track's hits *and* the track holds more than half of that particle's
    hits (double majority); it then scores the summed weight of the majority particle's hits on
    it. Weights come from ``truth['weight']``; hits of noise (``particle_id`` 0) and of particles
    with fewer than 4 hits weigh 0 (in challenge truth files they already do), and the weights
    are normalised to sum 1, so a perfect submission scores 1 on any truth. Hits missing from the
    submission belong to no track.
    """
    tracks = analyze_tracks(truth, submission)
    return float(tracks.loc[tracks["good"], "major_weight"].sum())


# --------------------------------------------------------------------------------------------
# real data: import from a folder / zip, or download an archive
# --------------------------------------------------------------------------------------------


def import_events(
    source: str | os.PathLike[str], event_ids: Iterable[int], outdir: str | os.PathLike[str]
) -> list[Path]:
    """Read the given events from a folder or zip, check them, and write them to ``outdir``.

    Every file is read with the checks of :func:`load_event` and written with :func:`write_event`
    (plain ``.csv``, challenge column order), so ``outdir`` holds exactly the challenge format
    whatever the source's compression.

    Raises:
        EventNotFoundError: an id is absent from ``source`` (checked before anything is written).
        TrackMLFormatError: a source file breaks the format.
    """
    import logging

    log = logging.getLogger("trigml.trackml")
    ids = [int(e) for e in event_ids]
    written: list[Path] = []
    for event_id, *frames in load_dataset(source, events=ids):
        written += write_event(outdir, event_id, *frames)
        log.info(
            "event %09d: %d hits, %d particles checked and written to %s",
            event_id,
            len(frames[0]),
            len(frames[2]),
            outdir,
        )
    return written


def download_events(
    url: str,
    event_ids: Iterable[int],
    outdir: str | os.PathLike[str],
    download_dir: str | os.PathLike[str],
    *,
    sha256: str | None = None,
    retries: int = 5,
    progress: bool = True,
) -> list[Path]:
    """Fetch a TrackML archive (zip or tar), extract the given events, check and write them.

    The archive is kept in ``download_dir`` under its URL's file name, with its sha256 lock file
    when no ``sha256`` is given (see :func:`trigml.download.fetch`); a second call verifies it
    instead of downloading again. Only the requested events' members are extracted, into a
    temporary folder removed afterwards.

    Raises:
        trigml.download.DownloadError: download, checksum or archive failure.
        EventNotFoundError: an id is absent from the archive (before anything is extracted).
        TrackMLFormatError: an archive member breaks the format.
    """
    import shutil
    import urllib.parse

    from trigml.download import extract, fetch, list_members

    ids = [int(e) for e in event_ids]
    download_dir = Path(download_dir)
    name = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).name or "trackml-archive"
    archive = fetch(url, download_dir / name, sha256=sha256, retries=retries, progress=progress)
    table: dict[int, dict[str, str]] = {}
    for member in list_members(archive):
        m = _FILE_RE.match(member)
        if m:
            table.setdefault(int(m.group(1)), {})[m.group(2)] = member
    missing = [e for e in ids if e not in table]
    if missing:
        raise _missing_events(missing, f"{archive} (from {url})", list(table))
    incomplete = {e: sorted(set(PARTS) - set(table[e])) for e in ids if set(PARTS) - set(table[e])}
    if incomplete:
        raise EventNotFoundError(f"{archive} lacks part(s) of event(s) {incomplete}")
    members = [table[e][p] for e in ids for p in PARTS]
    tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=download_dir))
    try:
        extracted = extract(archive, tmp / "events", members=members)
        written: list[Path] = []
        for e in ids:
            prefix = extracted / table[e]["hits"].rsplit("-", 1)[0]
            written += write_event(outdir, e, *load_event(prefix))
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
