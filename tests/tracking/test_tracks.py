"""Track building and efficiency definitions on hand-built cases whose answers are counted by hand."""

from __future__ import annotations

import numpy as np
import pytest
from trigml.tracking.tracks import (
    binned_efficiency,
    connected_components,
    dbscan_tracks,
    efficiency_summary,
    match_tracks,
)


def test_connected_components_uses_threshold():
    edges = np.array([[0, 1, 3, 4], [1, 2, 4, 5]])
    scores = np.array([0.9, 0.8, 0.2, 0.95])
    labels = connected_components(6, edges, scores, threshold=0.5)
    # {0,1,2} joined; 3 alone (its edge is below threshold); {4,5} joined
    assert labels[0] == labels[1] == labels[2]
    assert labels[4] == labels[5]
    assert len({labels[0], labels[3], labels[4]}) == 3


def test_dbscan_sparse_graph():
    edges = np.array([[0, 1, 2, 3, 5], [1, 2, 3, 4, 6]])
    scores = np.array([0.99, 1.0, 0.1, 0.9, 0.3])
    labels = dbscan_tracks(8, edges, scores, eps=0.5, min_samples=2)
    # edge 2-3 (d = 0.9) and 5-6 (d = 0.7) are not neighbours at eps 0.5; score 1.0 still links 1-2
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] and labels[3] != labels[0]
    assert len(set(labels[[5, 6, 7]])) == 3 and (labels >= 0).all()
    assert len(np.unique(labels)) == 5


def test_matching_definitions_by_hand():
    # particle:  A A A A | B B B B | C C C | D D
    pid = np.array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4])
    # track 10: A A A A           -> perfect, DM, LHC for A
    # track 20: B B B + C         -> B: purity 3/4 (LHC yes), holds 3/4 of B (DM yes), not perfect
    # track 30: B + C C           -> majority C (2/3 < 75 %: LHC no), holds 2/3 of C (DM yes for C)
    # track 40: D D (2 hits)      -> fewer than min_hits = 3: not a track; D not reconstructable
    labels = np.array([10, 10, 10, 10, 20, 20, 20, 30, 30, 30, 20, 40, 40])
    m = match_tracks(pid, labels, min_hits=3)
    p = m.particles.set_index("particle_id")
    assert p.loc[[1, 2, 3, 4], "reconstructable"].tolist() == [True, True, True, False]
    assert p.loc[[1, 2, 3], "perfect"].tolist() == [True, False, False]
    assert p.loc[[1, 2, 3], "double_majority"].tolist() == [True, True, True]
    assert p.loc[[1, 2, 3], "lhc"].tolist() == [True, True, False]
    t = m.tracks.set_index("track_id")
    assert sorted(t.index) == [10, 20, 30]
    assert t.loc[30, "major_particle_id"] == 3 and t.loc[30, "purity"] == pytest.approx(2 / 3)
    s = efficiency_summary([m])
    assert s["n_particles"] == 3 and s["n_tracks"] == 3
    assert s["eff_perfect"] == pytest.approx(1 / 3)
    assert s["eff_double_majority"] == pytest.approx(1.0)
    assert s["eff_lhc"] == pytest.approx(2 / 3)
    assert s["fake_rate_lhc"] == pytest.approx(1 / 3)  # track 30
    assert s["fake_rate_double_majority"] == pytest.approx(0.0)
    assert s["duplicate_rate_lhc"] == pytest.approx(0.0)


def test_split_track_and_duplicates():
    # particle A with 8 hits split 4 + 4: neither half holds > 50 % (no DM); both are 100 % pure (LHC,
    # and the second is a duplicate)
    pid = np.ones(8, dtype=np.int64)
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    s = efficiency_summary([match_tracks(pid, labels, min_hits=3)])
    assert s["eff_double_majority"] == 0.0 and s["eff_lhc"] == 1.0 and s["eff_perfect"] == 0.0
    assert s["duplicate_rate_lhc"] == pytest.approx(0.5)
    assert s["fake_rate_double_majority"] == pytest.approx(1.0)


def test_binned_efficiency():
    out = binned_efficiency(
        np.array([0.5, 1.5, 1.7, 2.5, 9.0]), np.array([1, 0, 1, 1, 1]), np.array([0, 1, 2, 3])
    )
    assert out["n"] == [1, 2, 1]
    assert out["eff"] == [1.0, 0.5, 1.0]
    assert out["err"][1] == pytest.approx(np.sqrt(0.25 / 2))


def test_bad_inputs():
    with pytest.raises(ValueError, match="does not match 2 edges"):
        connected_components(3, np.array([[0, 1], [1, 2]]), np.array([0.5]), 0.5)
    with pytest.raises(ValueError, match="outside 0..2"):
        connected_components(3, np.array([[0], [5]]), np.array([0.5]), 0.5)
    with pytest.raises(ValueError, match="3 particle ids but 2 track labels"):
        match_tracks(np.array([1, 2, 3]), np.array([0, 1]))


def test_pruning_splits_tracks_merged_by_one_fake_edge():
    # two tracks 0-1-2 and 3-4-5, a fake edge 1->4 above threshold but below both true edges at 1 and 4
    edges = np.array([[0, 1, 3, 4, 1], [1, 2, 4, 5, 4]])
    scores = np.array([0.9, 0.95, 0.9, 0.9, 0.7])
    merged = connected_components(6, edges, scores, threshold=0.5)
    assert len(set(merged)) == 1
    split = connected_components(6, edges, scores, threshold=0.5, prune=True)
    assert split[0] == split[1] == split[2] and split[3] == split[4] == split[5] and split[0] != split[3]
    # a node's only edge is kept even when its score is low (above threshold)
    lone = connected_components(3, np.array([[0, 1], [1, 2]]), np.array([0.6, 0.55]), 0.5, prune=True)
    assert len(set(lone)) == 1
