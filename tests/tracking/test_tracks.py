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


def test_dbscan_eta_phi_by_hand():
    from trigml.tracking.tracks import dbscan_eta_phi

    # hits 0-1-2 one track (small eta-phi steps), 3-4 another; edge 2->3 is far in eta-phi,
    # edge 1->4 scores below the threshold
    eta = np.array([0.0, 0.01, 0.02, 1.0, 1.01])
    phi = np.array([0.0, 0.01, 0.02, 2.0, 2.01])
    ei = np.array([[0, 1, 2, 3, 1], [1, 2, 3, 4, 4]])
    scores = np.array([0.9, 0.8, 0.9, 0.7, 0.1])
    labels = dbscan_eta_phi(5, ei, scores, 0.5, eta=eta, phi=phi, eps=0.4, min_samples=1)
    assert labels[0] == labels[1] == labels[2] and labels[3] == labels[4] and labels[0] != labels[3]
    # at threshold 0.75 the edge 3->4 (score 0.7) is gone: hit 4 is alone
    labels = dbscan_eta_phi(5, ei, scores, 0.75, eta=eta, phi=phi, eps=0.4, min_samples=1)
    assert len(set(labels.tolist())) == 3


def test_dezoort_matching_by_hand():
    from trigml.tracking.tracks import efficiency_summary, match_tracks_dezoort

    # particle 1: 5 hits, particle 2: 4 hits, particle 3: 1 hit
    pid = np.array([1, 1, 1, 1, 1, 2, 2, 2, 2, 3])
    # track 0: four hits of 1 and the hit of 3 (f = 0.8 > 0.75, 5 hits = particle 1's 5: "perfect"
    # in the authors' code), track 1: one hit of 1; track 2: hits of 2 split 2 + 2
    labels = np.array([0, 0, 0, 0, 1, 2, 2, 3, 3, 0])
    m = match_tracks_dezoort(pid, labels)
    p = m.particles.set_index("particle_id")
    assert p.loc[1, ["perfect", "double_majority", "lhc"]].tolist() == [True, True, True]
    assert p.loc[2, ["perfect", "double_majority", "lhc"]].tolist() == [False, False, True]
    assert p.loc[3, ["perfect", "double_majority", "lhc"]].tolist() == [False, False, False]
    s = efficiency_summary([m])
    assert s["n_particles"] == 3 and s["eff_lhc"] == 2 / 3 and s["eff_double_majority"] == 1 / 3
    assert s["intervals"]["eff_lhc"]["k"] == 2 and s["intervals"]["eff_lhc"]["n"] == 3
    assert s["fake_rate_lhc"] == 0.0 and s["n_tracks"] == 4


def test_dezoort_labels_by_hand():
    from trigml.tracking.graph import dezoort_labels

    # one particle (7) with barrel hits on layers 0, 1, 2 and a hit on disk 11; edges 0->11, 1->11,
    # 2->11 are all same-particle; |z| of the inner hit grows 100, 200, 300: each edge replaces the
    # previous one, only 2->11 stays true. A second particle (8) has one edge 3->11.
    layer = np.array([0, 1, 2, 11, 3, 11])
    pid = np.array([7, 7, 7, 7, 8, 8])
    z = np.array([100.0, 200.0, 300.0, 700.0, 400.0, 800.0])
    src = np.array([0, 1, 2, 0, 4])
    dst = np.array([3, 3, 3, 1, 5])
    y = dezoort_labels(src, dst, pid, layer, z)
    assert y.tolist() == [0.0, 0.0, 1.0, 1.0, 1.0]
    # the authors' loop keeps an edge whose |z| does not beat the running maximum
    z2 = np.array([300.0, 100.0, 200.0, 700.0, 400.0, 800.0])
    assert dezoort_labels(src, dst, pid, layer, z2).tolist() == [1.0, 1.0, 1.0, 1.0, 1.0]
