"""trigml.data.trackml: challenge-format round trips (csv, csv.gz, folder, zip) and every bad-file error."""

from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from trackml_fixtures import make_event
from trigml.data import trackml
from trigml.data.trackml import (
    COLUMNS,
    DTYPES,
    PARTS,
    TrackMLFormatError,
    event_prefix,
    list_events,
    load_dataset,
    load_event,
    write_event,
)

REPO = Path(__file__).resolve().parents[2]


def assert_same(a: tuple, b: tuple) -> None:
    for x, y in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(x.reset_index(drop=True), y.reset_index(drop=True), check_exact=True)


def test_constants_are_the_challenge_columns():
    assert PARTS == ("hits", "cells", "particles", "truth")
    assert COLUMNS["hits"] == ("hit_id", "x", "y", "z", "volume_id", "layer_id", "module_id")
    assert COLUMNS["cells"] == ("hit_id", "ch0", "ch1", "value")
    assert COLUMNS["particles"] == ("particle_id", "vx", "vy", "vz", "px", "py", "pz", "q", "nhits")
    assert COLUMNS["truth"] == ("hit_id", "particle_id", "tx", "ty", "tz", "tpx", "tpy", "tpz", "weight")
    assert DTYPES["hits"]["hit_id"] == np.int64 and DTYPES["hits"]["x"] == np.float32
    assert DTYPES["particles"]["particle_id"] == np.int64
    assert trackml.event_filename(1000, "hits") == "event000001000-hits.csv"
    assert trackml.event_filename(7, "truth", compress=True) == "event000000007-truth.csv.gz"


@pytest.mark.parametrize("compress", [False, True])
def test_round_trip_folder(tmp_path, compress):
    event = make_event(seed=1)
    paths = write_event(tmp_path, 1000, *event, compress=compress)
    suffix = ".csv.gz" if compress else ".csv"
    assert [p.name for p in paths] == [f"event000001000-{p}{suffix}" for p in PARTS]
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in paths)  # no temporary leftovers
    back = load_event(event_prefix(tmp_path, 1000))
    assert_same(back, event)
    for part, df in zip(PARTS, back, strict=True):
        assert list(df.columns) == list(COLUMNS[part])
        assert dict(df.dtypes) == DTYPES[part]
    # the file text is the challenge's: header line = column names
    raw = paths[0].read_bytes()
    text = (gzip.decompress(raw) if compress else raw).decode()
    assert text.splitlines()[0] == "hit_id,x,y,z,volume_id,layer_id,module_id"


def test_parts_subset_and_order(tmp_path):
    hits, cells, particles, truth = make_event(seed=2)
    write_event(tmp_path, 5, hits, cells, particles, truth)
    t, h = load_event(tmp_path / "event000000005", parts=["truth", "hits"])
    assert_same((t, h), (truth, hits))
    with pytest.raises(ValueError, match="unknown TrackML part"):
        load_event(tmp_path / "event000000005", parts=["tracks"])


@pytest.mark.parametrize("compress", [False, True])
def test_round_trip_zip_and_dataset(tmp_path, compress):
    events = {eid: make_event(seed=eid) for eid in (1002, 1000, 1001)}
    folder = tmp_path / "events"
    for eid, ev in events.items():
        write_event(folder, eid, *ev, compress=compress)
    archive = tmp_path / "sample.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f"train_sample/{f.name}")  # a folder inside the zip, as in train_sample.zip
    assert list_events(folder) == list_events(archive) == [1000, 1001, 1002]
    for source in (folder, archive):
        got = list(load_dataset(source))
        assert [g[0] for g in got] == [1000, 1001, 1002]
        for eid, *frames in got:
            assert_same(tuple(frames), events[eid])
        sub = list(load_dataset(source, skip=1, nevents=1, parts=["hits"]))
        assert len(sub) == 1 and sub[0][0] == 1001 and len(sub[0]) == 2
        picked = [e[0] for e in load_dataset(source, events=[1002, 1000], parts=["particles"])]
        assert picked == [1002, 1000]
        with pytest.raises(KeyError, match="1234"):
            next(load_dataset(source, events=[1234]))
    # load_event reads through a zip too
    assert_same(load_event(archive / "train_sample" / "event000001001"), events[1001])


def test_real_particle_table_reads_with_challenge_dtypes(repo):
    ref = repo / "workflow/resources/trackml/event000001000-particles.csv"
    (particles,) = load_event(ref.parent / "event000001000", parts=["particles"])
    assert len(particles) == 12263
    assert dict(particles.dtypes) == DTYPES["particles"]
    assert (np.hypot(particles.px, particles.py) > 1).sum() == 1383


def test_write_is_reproducible_and_replaces_other_compression(tmp_path):
    ev = make_event(seed=3)
    a = [p.read_bytes() for p in write_event(tmp_path / "a", 1, *ev, compress=True)]
    b = [p.read_bytes() for p in write_event(tmp_path / "b", 1, *ev, compress=True)]
    assert a == b  # gzip without timestamp: same bytes
    write_event(tmp_path / "a", 1, *ev, compress=False)
    assert sorted(os.listdir(tmp_path / "a")) == [f"event000000001-{p}.csv" for p in sorted(PARTS)]


def test_write_event_checks_before_writing(tmp_path):
    hits, cells, particles, truth = make_event(seed=4)
    bad_truth = truth.copy()
    bad_truth.loc[0, "hit_id"] = 99999
    with pytest.raises(TrackMLFormatError, match="hit_id.*absent from the hits"):
        write_event(tmp_path / "out", 1, hits, cells, particles, bad_truth)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    with pytest.raises(TrackMLFormatError, match="'weight'"):
        write_event(tmp_path / "out", 1, hits, cells, particles, truth.drop(columns="weight"))
    nan_hits = hits.copy()
    nan_hits.loc[2, "z"] = np.nan
    with pytest.raises(TrackMLFormatError, match=r"event 000000001 hits, column 'z': 1 missing/NaN"):
        write_event(tmp_path / "out", 1, nan_hits, cells, particles, truth)
    with pytest.raises(ValueError, match="9 digits"):
        write_event(tmp_path / "out", 10**9, hits, cells, particles, truth)


def test_write_event_all_or_nothing(tmp_path, monkeypatch):
    ev = make_event(seed=5)
    calls = {"n": 0}
    real_replace = os.replace

    def flaky_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(trackml.io.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="disk full"):
        write_event(tmp_path, 1, *ev)
    assert list(tmp_path.iterdir()) == []


# --- bad files ------------------------------------------------------------------------------


@pytest.fixture
def event_dir(tmp_path) -> Path:
    write_event(tmp_path, 1000, *make_event(seed=6))
    return tmp_path


def edit(path: Path, fn) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join(fn(lines)) + "\n")


def set_field(lines: list[str], row: int, col: int, value: str) -> list[str]:
    fields = lines[row].split(",")
    fields[col] = value
    lines[row] = ",".join(fields)
    return lines


BAD_CASES = {
    # name: (part, edit of the lines, column named in the error, message fragment)
    "missing column": (
        "hits",
        lambda ls: [",".join(x.split(",")[:-1]) for x in ls],
        "module_id",
        "missing column",
    ),
    "extra column": (
        "cells",
        lambda ls: [ls[0] + ",extra"] + [x + ",1" for x in ls[1:]],
        "extra",
        "unexpected",
    ),
    "renamed column": (
        "particles",
        lambda ls: [ls[0].replace(",q,", ",charge,")] + ls[1:],
        "q",
        "missing column",
    ),
    "NaN float": (
        "hits",
        lambda ls: set_field(ls, 3, 2, "nan"),
        "y",
        "1 missing/NaN value(s), first in row 2",
    ),
    "empty int": ("truth", lambda ls: set_field(ls, 2, 1, ""), "particle_id", "missing/NaN"),
    "text in float": (
        "truth",
        lambda ls: set_field(ls, 1, 8, "abc"),
        "weight",
        "non-numeric value(s), e.g. 'abc'",
    ),
    "float in int": ("hits", lambda ls: set_field(ls, 1, 4, "8.5"), "volume_id", "non-integer"),
    "int overflow": ("cells", lambda ls: set_field(ls, 1, 1, str(2**40)), "ch0", "int32 range"),
    "infinite": ("particles", lambda ls: set_field(ls, 1, 4, "inf"), "px", "infinite"),
    "empty event": ("hits", lambda ls: ls[:1], None, "no rows"),
    "truth hit absent from hits": (
        "truth",
        lambda ls: set_field(ls, 1, 0, "987654"),
        "hit_id",
        "absent from the hits",
    ),
    "cells hit absent from hits": (
        "cells",
        lambda ls: set_field(ls, 1, 0, "987654"),
        "hit_id",
        "absent from the hits",
    ),
    "duplicated hit id": (
        "hits",
        lambda ls: set_field(ls, 2, 0, ls[1].split(",")[0]),
        "hit_id",
        "duplicated hit_id",
    ),
    "truth row missing": ("truth", lambda ls: ls[:-1], "hit_id", "every hit needs one truth row"),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_file_raises_naming_file_and_column(event_dir, case):
    part, fn, column, fragment = BAD_CASES[case]
    path = event_dir / f"event000001000-{part}.csv"
    edit(path, fn)
    with pytest.raises(TrackMLFormatError) as err:
        load_event(event_dir / "event000001000")
    assert isinstance(err.value, ValueError)
    assert err.value.file == str(path)
    assert err.value.column == column
    assert str(path) in str(err.value) and fragment in str(err.value)
    if column:
        assert repr(column) in str(err.value)
    # the same file read through load_dataset gives the same error
    with pytest.raises(TrackMLFormatError, match=fragment.split("(")[0][:20]):
        list(load_dataset(event_dir))


def test_empty_file(event_dir):
    path = event_dir / "event000001000-particles.csv"
    path.write_bytes(b"")
    with pytest.raises(TrackMLFormatError, match="particles.csv: empty file"):
        load_event(event_dir / "event000001000")


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_unreadable_gzip(tmp_path, damage):
    paths = write_event(tmp_path, 1000, *make_event(seed=7), compress=True)
    target = paths[2]  # particles
    data = target.read_bytes()
    target.write_bytes(b"this is not gzip" * 10 if damage == "garbage" else data[: len(data) // 2])
    with pytest.raises(TrackMLFormatError, match=r"particles\.csv\.gz: unreadable gzip file") as err:
        load_event(tmp_path / "event000001000")
    assert err.value.file == str(target)


def test_missing_and_ambiguous_files(event_dir):
    with pytest.raises(FileNotFoundError, match="no cells file"):
        (event_dir / "event000001000-cells.csv").rename(event_dir / "elsewhere.csv")
        load_event(event_dir / "event000001000")
    (event_dir / "elsewhere.csv").rename(event_dir / "event000001000-cells.csv")
    (event_dir / "event000001000-hits.csv.gz").write_bytes(
        gzip.compress((event_dir / "event000001000-hits.csv").read_bytes())
    )
    with pytest.raises(TrackMLFormatError, match="ambiguous"):
        load_event(event_dir / "event000001000")
    with pytest.raises(TrackMLFormatError, match="found twice"):
        list_events(event_dir)
    with pytest.raises(FileNotFoundError):
        load_event(event_dir / "nowhere" / "event000001000")


def test_bad_file_inside_zip_is_named(tmp_path):
    folder = tmp_path / "ev"
    write_event(folder, 3, *make_event(seed=8))
    edit(folder / "event000000003-hits.csv", lambda ls: [ls[0].replace(",z,", ",zz,")] + ls[1:])
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"d/{f.name}")
    with pytest.raises(TrackMLFormatError) as err:
        list(load_dataset(archive))
    assert err.value.file == f"{archive}:d/event000000003-hits.csv" and err.value.column == "z"
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK not really")
    with pytest.raises(TrackMLFormatError, match="bad.zip"):
        list(load_dataset(bad))


def test_benchmark_event_is_valid_and_bench_writes_json(tmp_path):
    from trigml.files import read_json

    from benchmarks import trackml_score as trackml_bench

    event = trackml_bench.synthetic_event(n_particles=300, seed=2)
    checked = trackml.check_event(*event)
    assert len(checked[0]) == len(checked[3]) > 300 * 6
    assert (checked[3].particle_id == 0).mean() == pytest.approx(0.1, abs=0.03)
    assert checked[3].weight.sum() == pytest.approx(1.0, rel=1e-4)
    (path,) = trackml_bench.run_io(tmp_path, quick=True)
    data = read_json(path)
    assert path.name == "trackml_io.json"
    assert set(data["formats"]) == {"csv", "csv.gz"}
    assert data["formats"]["csv.gz"]["total_mb"] < data["formats"]["csv"]["total_mb"]
    assert all(v["read_event_s"] > 0 for v in data["formats"].values())


def test_score_equals_the_benchmarks_pandas_method():
    """trigml's O(n) score against the challenge library's method (pandas merge + groupby) of the
    benchmark, on eight kinds of submission: equal to 1e-12."""
    from benchmarks import trackml_score as trackml_bench

    truth = trackml.check_event(*trackml_bench.synthetic_event(n_particles=400, seed=5))[3]
    scores = {}
    for name, sub in trackml_bench.submissions(truth).items():
        scores[name] = trackml.score_event(truth, sub)
        assert scores[name] == pytest.approx(trackml_bench.pandas_score(truth, sub), abs=1e-12), name
    assert scores["perfect"] == pytest.approx(1.0) and scores["one_hit_per_track"] == 0.0
    assert 0.3 < scores["split_in_two"] < scores["perfect"]
