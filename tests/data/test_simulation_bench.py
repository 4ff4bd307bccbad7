"""benchmarks.simulation: the benchmark's JSON (numbers are not timed here, only present and sane)."""

from __future__ import annotations

import json

import pytest

from benchmarks import simulation as bench


def test_measure_reports_rates_and_memory_and_files_are_reproducible(tmp_path):
    res = bench.measure(mu=1.0, n_events=2, seed=3, out_dir=tmp_path)
    assert res["mu"] == 1.0 and res["n_events"] == 2
    for key in (
        "init_s",
        "init_cpu_s",
        "seconds_per_event",
        "cpu_seconds_per_event",
        "simulate_cpu_seconds_per_event",
        "max_rss_mb",
        "peak_python_alloc_mb",
    ):
        assert res[key] > 0, key
    # the per-event cost is simulating plus writing the four files
    assert res["cpu_seconds_per_event"] == pytest.approx(
        res["simulate_cpu_seconds_per_event"] + res["write_cpu_seconds_per_event"], abs=0.002
    )
    assert res["events_per_second"] == pytest.approx(1 / res["seconds_per_event"], rel=0.01)
    assert res["hits_per_event"] > res["particles_per_event"] > 0
    assert len(list(tmp_path.glob("event00000000[01]-*.csv"))) == 8
    # event 1, written after event 0, equals event 1 from a fresh simulator with the same seed
    assert bench.identical_for_same_seed(mu=1.0, seed=3, event_id=1, reference=tmp_path) is True


def test_same_files_catches_one_changed_byte(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        for part in ("hits", "cells", "particles", "truth"):
            (folder / f"event000000001-{part}.csv").write_bytes(b"hit_id,x\n1,0.5\n")
    assert bench.same_files(a, b, 1) is True
    (b / "event000000001-cells.csv").write_bytes(b"hit_id,x\n1,0.6\n")
    assert bench.same_files(a, b, 1) is False
    assert bench.same_files(a, b, 2) is False  # no files of that event


def test_run_writes_the_summary_keys(tmp_path, monkeypatch):
    timing = {"simulate_cpu_seconds_per_event": 0.5, "cpu_seconds_per_event": 0.7}
    monkeypatch.setattr(bench, "measure", lambda mu, n, seed, out_dir: {**timing, "mu": mu})
    monkeypatch.setattr(bench, "identical_for_same_seed", lambda *a, **k: True)
    (path,) = bench.run(tmp_path, quick=True)
    doc = json.loads(path.read_text())
    assert doc["s_per_event"] == 0.5 and doc["s_per_event_with_write"] == 0.7
    assert doc["identical"] is True and doc["meets_target"] is True
