"""The benchmark's measurements on small toy events (structure and identical-edge checks; no timing asserts)."""

from __future__ import annotations

from benchmarks import tracking as bench
from tests.tracking.toy_events import toy_event


def test_bench_functions_on_toy_events():
    events = [toy_event(400, seed=k, pt_lo=0.3, n_noise=100) for k in range(2)]
    graphs = bench.bench_graphs(events, [2.0, 1.0], repeat=1)
    for pt in ("2.0", "1.0"):
        mean = graphs[pt]["mean"]
        assert mean["identical_edges"] is True and mean["edges"] > 0
        assert mean["window_ms"] > 0 and mean["allpairs_numpy_ms"] > 0 and mean["allpairs_pandas_ms"] > 0
        assert len(graphs[pt]["per_event"]) == 2
    assert mean["speedup_vs_allpairs_numpy"] > 0
    tracks = bench.bench_tracks(events, repeat=1)
    assert tracks["connected_components_ms"] > 0 and tracks["trackml_score_ms"] > 0
    train = bench.bench_train(events, epochs=1)
    assert train["n_parameters"] == 6448 and train["graphs_per_second"] > 0
