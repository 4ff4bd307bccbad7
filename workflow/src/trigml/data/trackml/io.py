"""Reading, checking and writing TrackML events; importing and downloading real ones."""

from __future__ import annotations

import contextlib
import gzip
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from trigml.files import temporary_beside

from .format import (
    _FILE_RE,
    DTYPES,
    PARTS,
    EventNotFoundError,
    TrackMLFormatError,
    _check_parts,
    _missing_events,
    event_filename,
)

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
    """The frame as CSV: an unquoted header line, then Arrow's C++ writer (4-5x faster than
    ``DataFrame.to_csv``); float32 values get their shortest round-trip repr, so reading gives back
    the same bits, and the same frame always gives the same bytes."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    sink = pa.BufferOutputStream()
    table = pa.Table.from_pandas(df, preserve_index=False, nthreads=1)  # a job's one thread; same bytes
    options = pacsv.WriteOptions(include_header=False, quoting_style="none", batch_size=1 << 16)
    pacsv.write_csv(table, sink, options)
    return (",".join(map(str, df.columns)) + "\n").encode() + sink.getvalue().to_pybytes()


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
            fd, name = temporary_beside(target)  # mode from the umask, not 0600
            tmps.append(name)
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

    log = logging.getLogger("trigml.data.trackml")
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
