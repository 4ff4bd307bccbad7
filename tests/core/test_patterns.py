"""trigml.patterns: the one place output paths are defined."""

from __future__ import annotations

import re

from trigml import patterns
from trigml.patterns._core import fmt


def test_fmt_fills_given_wildcards_only():
    assert fmt("a/{x}/{y}.csv", x=1) == "a/1/{y}.csv"
    assert fmt("a/{x}/{y}.csv") == "a/{x}/{y}.csv"


def test_trackml_event_pattern_and_concrete_path():
    assert patterns.data.trackml_event() == "results/data/trackml/events/event{event}-{part}.csv"
    p = patterns.data.trackml_event(event="000001000", part="hits")
    assert p == "results/data/trackml/events/event000001000-hits.csv"
    assert re.fullmatch(r".*/event\d{9}-hits\.csv", p)


def test_every_pattern_lives_under_results():
    for name in dir(patterns):
        obj = getattr(patterns, name)
        if (
            callable(obj)
            and not name.startswith("_")
            and name not in {"fmt", "log", "benchmark", "bench_json"}
        ):
            try:
                value = obj()
            except TypeError:
                continue
            if isinstance(value, str):
                assert value.startswith(patterns.RESULTS + "/"), (name, value)


def test_log_and_benchmark_paths():
    assert patterns.log("data", "simulate_trackml") == "results/logs/data/simulate_trackml.log"
    assert patterns.log("tracking", "train_in", "pt{pt}") == "results/logs/tracking/train_in/pt{pt}.log"
    assert patterns.benchmark("data", "x").endswith(".tsv")
