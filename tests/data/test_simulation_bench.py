"""benchmarks.simulation: the benchmark's JSON (numbers are not timed here, only present and sane)."""

from __future__ import annotations

import pytest

from benchmarks import simulation as bench


def test_measure_reports_rates_and_memory():
    res = bench.measure(mu=1.0, n_events=2)
    assert res["mu"] == 1.0 and res["n_events"] == 2
    for key in (
        "init_s",
        "init_cpu_s",
        "seconds_per_event",
        "cpu_seconds_per_event",
        "max_rss_mb",
        "peak_python_alloc_mb",
    ):
        assert res[key] > 0, key
    assert res["events_per_second"] == pytest.approx(1 / res["seconds_per_event"], rel=0.01)
    assert res["hits_per_event"] > res["particles_per_event"] > 0


def test_same_seed_gives_identical_files():
    assert bench.identical_for_same_seed(mu=1.0, seed=3, event_id=2) is True
