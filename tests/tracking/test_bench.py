"""The benchmark's measurements on small toy events (structure and identical-edge checks; no timing asserts)."""

from __future__ import annotations

import numpy as np

from benchmarks import tracking as bench
from tests.tracking.toy_events import toy_event


def test_bench_functions_on_toy_events():
    events = [toy_event(400, seed=k, pt_lo=0.3, n_noise=100) for k in range(2)]
    # the second in the challenge's dtypes: float32 columns, the authors' arithmetic in float32
    events[1] = bench.challenge_dtypes(dict(zip(("hits", "particles", "truth"), events[1], strict=True)))
    assert events[1][0]["x"].dtype == np.float32
    graphs = bench.bench_graphs(events, [2.0, 1.0], repeat=1)
    for pt in ("2.0", "1.0"):
        res, mean = graphs[pt], graphs[pt]["mean"]
        # trigml's graphs equal the authors' (edges, labels, features) and the numpy all-pairs edges
        assert res["identical"] is True and mean["edges"] > 0
        for row in res["per_event"]:
            assert row["identical_to_paper"] == {"edges": True, "labels": True, "features": True}
            assert row["identical_to_allpairs"] is True and row["paper_nodes"] == row["nodes"]
        assert mean["build_ms"] > 0 and mean["paper_build_ms"] > 0 and mean["speedup_build"] > 0
        assert {"trigml_save_ms", "np_savez_compressed_ms", "hdf5_ms"} <= set(res["write_formats"])
    flat = bench.summary_keys(graphs)
    assert flat["identical"] is True and {
        "speedup_pt1",
        "speedup_event_path_pt2",
        "write_over_build_pt1",
    } <= set(flat)
    tracks = bench.bench_tracks(events, repeat=1)
    assert tracks["connected_components_ms"] > 0 and tracks["trackml_score_ms"] > 0
    train = bench.bench_train(events, epochs=1)
    assert train["n_parameters"] == 6448 and train["graphs_per_second"] > 0
