"""Event split and per-threshold cuts used by the workflow."""

from __future__ import annotations

import pytest
from trigml.tracking.split import graph_cuts, split_events, subset_graphs

EVENTS = [f"{e:09d}" for e in range(1000, 1008)]
CUTS = [
    {"pt": 2.0, "phi_slope_max": 0.006, "z0_max": 275.0},
    {"pt": 1, "phi_slope_max": 0.007, "z0_max": 350},
]


def test_split_by_position():
    s = split_events(EVENTS, n_val=1, n_test=2)
    assert s["train"] == EVENTS[:5] and s["val"] == [EVENTS[5]] and s["test"] == EVENTS[6:]
    assert subset_graphs(EVENTS, "2.0", "val", n_val=1, n_test=2) == [
        "results/tracking/graphs/pt2.0/event000001005.npz"
    ]


def test_split_needs_a_training_event():
    with pytest.raises(ValueError, match="tracking.split.n_val.*leave at least one training event of the 3"):
        split_events(EVENTS[:3], n_val=1, n_test=2)
    with pytest.raises(ValueError, match="unknown subset 'dev'"):
        subset_graphs(EVENTS, "2.0", "dev", n_val=1, n_test=1)


def test_cuts_lookup_by_wildcard():
    assert graph_cuts(CUTS, "1.0") == {"phi_slope_max": 0.007, "z0_max": 350.0}
    with pytest.raises(ValueError, match="tracking.graph.cuts' has no row with pt 0.5"):
        graph_cuts(CUTS, "0.5")
