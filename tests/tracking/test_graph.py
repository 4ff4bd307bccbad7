"""Graph construction: identical to a brute-force reference; features, labels, empty events, files."""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np
import pandas as pd
import pytest
from trigml.tracking.filtering import select_hits
from trigml.tracking.geometry import FEATURE_SCALE, LAYER_PAIRS
from trigml.tracking.graph import Graph, build_graph, find_segments, load_graph

from tests.tracking.toy_events import toy_event

# (pt_min, phi_slope_max, z0_max) of the paper
CUTS = {2.0: (0.006, 275.0), 1.0: (0.007, 350.0), 0.5: (0.0085, 500.0)}


def brute_force_edges(hits: pd.DataFrame, phi_slope_max: float, z0_max: float) -> set[tuple[int, int]]:
    """Every hit against every hit, one pair at a time, cuts written out from the paper's text."""
    rows = list(hits[["layer", "r", "phi", "z"]].itertuples(index=False))
    pairs = set(LAYER_PAIRS)
    crossing = {(0, 4): 71.56298065185547, (0, 11): 71.56298065185547}
    crossing |= {(1, 4): 115.37811279296875, (1, 11): 115.37811279296875}
    by_layer: dict[int, list[int]] = {}
    for k, row in enumerate(rows):
        by_layer.setdefault(int(row.layer), []).append(k)
    edges = set()
    for la, lb in pairs:
        for a in by_layer.get(la, []):
            for b in by_layer.get(lb, []):
                h1, h2 = rows[a], rows[b]
                dr = h2.r - h1.r
                if dr == 0:
                    continue
                dphi = h2.phi - h1.phi
                while dphi >= math.pi:
                    dphi -= 2 * math.pi
                while dphi < -math.pi:
                    dphi += 2 * math.pi
                dz = h2.z - h1.z
                z0 = h1.z - h1.r * dz / dr
                if not (abs(dphi / dr) < phi_slope_max and abs(z0) < z0_max):
                    continue
                if (la, lb) in crossing and abs(z0 + crossing[la, lb] * dz / dr) < 490.975:
                    continue
                edges.add((a, b))
    return edges


@pytest.fixture(scope="module")
def events():
    # several events, one with many particles at low pT so that windows are crowded, one wider in z
    return [
        toy_event(150, seed=1, pt_lo=0.5),
        toy_event(250, seed=2, pt_lo=0.4, vz_sigma=150.0),
        toy_event(120, seed=3, pt_lo=0.8, eta_max=3.5),
    ]


@pytest.mark.parametrize("pt_min", [2.0, 1.0, 0.5])
def test_edges_identical_to_brute_force(events, pt_min):
    slope, z0 = CUTS[pt_min]
    for hits, particles, truth in events:
        sel = select_hits(hits, particles, truth, pt_min=pt_min)
        expected = brute_force_edges(sel, slope, z0)
        assert len(expected) > 20  # the comparison is not vacuous
        for method in ("window", "allpairs"):
            src, dst = find_segments(sel, phi_slope_max=slope, z0_max=z0, method=method)
            assert set(zip(src.tolist(), dst.tolist(), strict=True)) == expected, method
            assert len(src) == len(expected)  # no duplicates
            # layer pair by layer pair (LAYER_PAIRS order), then by (source, target)
            rank = {p: k for k, p in enumerate(LAYER_PAIRS)}
            layer = sel["layer"].to_numpy()
            pair = np.array([rank[(a, b)] for a, b in zip(layer[src], layer[dst], strict=True)])
            key = (pair * len(sel) + src) * len(sel) + dst
            assert np.all(np.diff(key) > 0)


def test_phi_wrap_around_edges_found():
    """Two hits of one straight track either side of phi = +-pi are joined."""
    hits = pd.DataFrame(
        {
            "hit_id": [1, 2],
            "particle_id": [7, 7],
            "layer": [0, 1],
            "r": [32.0, 72.0],
            "phi": [np.pi - 0.01, -np.pi + 0.05],
            "z": [10.0, 22.0],
            "pt": [3.0, 3.0],
            "eta": [0.3, 0.3],
            "weight": [0.5, 0.5],
        }
    )
    # dphi = 0.06 - 2 pi folded = 0.0568...; slope 0.0568/40 = 0.0014 < 0.006
    g = build_graph(hits, labels="consecutive", pt_min=2.0, phi_slope_max=0.006, z0_max=275.0)
    assert g.edge_index.tolist() == [[0], [1]]
    assert g.y.tolist() == [1.0]
    assert g.edge_attr[0, 1] == pytest.approx(0.06 / np.pi, abs=1e-6)


def test_barrel_crossing_edge_removed():
    """Layer 0 -> first disk through barrel layer 1 inside |z| < 491 mm is dropped; outside it is kept."""

    def n_edges(r_disk):
        # a straight line from the origin through (32, 32 k) and (r_disk, 600) with k = 600 / r_disk
        k = 600.0 / r_disk
        hits = pd.DataFrame(
            {
                "hit_id": [1, 2],
                "particle_id": [1, 1],
                "layer": [0, 11],
                "r": [32.0, r_disk],
                "phi": [0.1, 0.1],
                "z": [32.0 * k, 600.0],
                "pt": [5.0, 5.0],
                "eta": [2.0, 2.0],
                "weight": [0.0, 0.0],
            }
        )
        return build_graph(
            hits, labels="consecutive", pt_min=2.0, phi_slope_max=0.006, z0_max=275.0
        ).num_edges

    # r_disk = 60: z(71.56 mm) = 71.56 * 10 = 716 mm > 491 mm, beyond barrel layer 1: kept
    assert n_edges(60.0) == 1
    # r_disk = 150: z(71.56 mm) = 71.56 * 4 = 286 mm < 491 mm, crosses barrel layer 1: removed
    assert n_edges(150.0) == 0


def test_features_labels_and_efficiency(events):
    hits, particles, truth = events[0]
    sel = select_hits(hits, particles, truth, pt_min=1.0)
    g = build_graph(sel, labels="consecutive", pt_min=1.0, phi_slope_max=0.007, z0_max=350.0)
    r, phi, z = g.rphiz().T
    np.testing.assert_allclose(r, sel["r"], rtol=1e-6)
    np.testing.assert_allclose(phi, sel["phi"], atol=1e-6)
    np.testing.assert_allclose(z, sel["z"], rtol=1e-6, atol=1e-4)
    src, dst = g.edge_index
    np.testing.assert_allclose(g.edge_attr[:, 0], (r[dst] - r[src]) / 1000, atol=1e-6)
    np.testing.assert_allclose(g.edge_attr[:, 2], (z[dst] - z[src]) / 1000, atol=1e-6)
    assert set(zip(g.layer[src].tolist(), g.layer[dst].tolist(), strict=True)) <= set(LAYER_PAIRS)
    # labels: same particle, consecutive hits along the trajectory
    assert np.all(g.particle_id[src][g.y == 1] == g.particle_id[dst][g.y == 1])
    assert g.y.sum() <= g.n_true_segments
    # straight-ish ideal helices at pT > 1 GeV: nearly every true segment survives the cuts
    assert g.y.sum() / g.n_true_segments > 0.97
    assert g.x.dtype == np.float32 and g.edge_index.dtype == np.int64
    np.testing.assert_array_equal(g.feature_scale, FEATURE_SCALE)


def test_label_is_consecutive_hits_only():
    """A particle with hits on layers 0, 1, 2: edges 0->1 and 1->2 are true, nothing 0->2 exists."""
    hits = pd.DataFrame(
        {
            "hit_id": [1, 2, 3, 4],
            "particle_id": [5, 5, 5, 6],
            "layer": [0, 1, 2, 1],
            "r": [32.0, 72.0, 116.0, 72.0],
            "phi": [0.0, 0.01, 0.02, 0.05],
            "z": [0.0, 1.0, 2.0, 1.0],
            "pt": [3.0] * 4,
            "eta": [0.0] * 4,
            "weight": [0.25] * 4,
        }
    )
    g = build_graph(hits, labels="consecutive", pt_min=2.0, phi_slope_max=0.006, z0_max=275.0)
    edges = dict(zip(map(tuple, g.edge_index.T.tolist()), g.y.tolist(), strict=True))
    assert edges == {(0, 1): 1.0, (0, 3): 0.0, (1, 2): 1.0, (3, 2): 0.0}
    assert int(g.n_true_segments) == 2


def test_empty_event_gives_valid_empty_graph(tmp_path):
    hits, particles, truth = toy_event(20, seed=4, pt_lo=0.5)
    sel = select_hits(hits, particles, truth, pt_min=1e6)
    assert len(sel) == 0
    g = build_graph(sel, labels="consecutive", pt_min=1e6, phi_slope_max=0.006, z0_max=275.0)
    assert g.x.shape == (0, 3) and g.edge_index.shape == (2, 0) and g.edge_attr.shape == (0, 4)
    g.save(tmp_path / "g.npz")
    back = load_graph(tmp_path / "g.npz")
    assert back.num_nodes == 0 and back.num_edges == 0 and int(back.n_true_segments) == 0


def test_graph_file_roundtrip_and_missing_array(tmp_path, events):
    sel = select_hits(*events[1], pt_min=1.0)
    g = build_graph(sel, labels="consecutive", pt_min=1.0, phi_slope_max=0.007, z0_max=350.0)
    g.save(tmp_path / "g.npz")
    back = load_graph(tmp_path / "g.npz")
    np.testing.assert_array_equal(back.edge_index, g.edge_index)
    np.testing.assert_array_equal(back.hit_id, sel["hit_id"])
    with np.load(tmp_path / "g.npz") as npz:
        arrays = {k: npz[k] for k in npz.files if k != "y"}
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(KeyError, match=r"bad\.npz.*\by\b"):
        load_graph(tmp_path / "bad.npz")


def test_unknown_method_rejected(events):
    sel = select_hits(*events[0], pt_min=2.0)
    with pytest.raises(ValueError, match="unknown graph construction method 'fast'"):
        find_segments(sel, phi_slope_max=0.006, z0_max=275.0, method="fast")


def test_very_loose_cuts_fall_back_to_all_pairs(events):
    """A slope cut so loose that a window would exceed pi: still identical to brute force."""
    sel = select_hits(*events[2], pt_min=2.0)
    expected = brute_force_edges(sel, 0.05, 600.0)
    src, dst = find_segments(sel, phi_slope_max=0.05, z0_max=600.0)
    assert set(zip(src.tolist(), dst.tolist(), strict=True)) == expected and len(src) == len(expected)


@pytest.mark.parametrize("scratch", [1, 7, 64])
def test_any_scratch_size_identical_to_brute_force(events, scratch, monkeypatch):
    """The compiled search's buffer of kept targets starts at any size (grown inside a layer pair,
    across pairs, across the barrel-crossing pairs): still exactly the brute-force edges, in order."""
    import trigml.tracking.graph as graph

    slope, z0 = CUTS[0.5]
    sel = select_hits(*events[1], pt_min=0.5)
    want = find_segments(sel, phi_slope_max=slope, z0_max=z0, method="allpairs")
    monkeypatch.setattr(graph._SCRATCH, "buffer", np.empty(scratch, np.int32), raising=False)
    got = find_segments(sel, phi_slope_max=slope, z0_max=z0)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    assert set(zip(got[0].tolist(), got[1].tolist(), strict=True)) == brute_force_edges(sel, slope, z0)
    assert len(graph._SCRATCH.buffer) >= len(got[0])  # the grown buffer is kept for the next event


def _equal_graphs(a, b) -> list[str]:
    """Names of the fields where two graphs differ (values bit for bit, dtypes, shapes)."""
    diff = []
    for f in fields(Graph):
        x, y = np.asarray(getattr(a, f.name)), np.asarray(getattr(b, f.name))
        if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
            diff.append(f.name)
    return diff


@pytest.mark.parametrize("labels", ["dezoort", "consecutive"])
def test_compiled_graph_identical_to_numpy_allpairs(events, labels, monkeypatch):
    """The compiled window search with its features and labels against the numpy all-pairs path
    (``method="allpairs"``: numpy cuts, features, labels): every array bit for bit, on float64 and
    float32 tables, events with empty layers, one layer only (no edge), no hit, a shuffled table,
    and a buffer of kept targets grown on the way."""
    import trigml.tracking.graph as graph

    sel = select_hits(*events[1], pt_min=0.5)
    cases = [(select_hits(*ev, pt_min=pt), pt) for ev in events for pt in CUTS]
    cases += [
        (sel.astype({c: np.float32 for c in ("r", "phi", "z")}), 0.5),
        (sel[~sel["layer"].isin([1, 4, 12, 13])].reset_index(drop=True), 0.5),  # empty layers
        (sel[sel["layer"] == 0].reset_index(drop=True), 0.5),  # no layer pair: no edge
        (sel[sel["layer"].isin([3, 4, 11])].reset_index(drop=True), 2.0),  # only a pair with no edge
        (sel.iloc[:0], 0.5),
        (sel.sample(frac=1.0, random_state=5).reset_index(drop=True), 1.0),
    ]
    n_edges = []
    for hits, pt in cases:
        monkeypatch.setattr(graph._SCRATCH, "buffer", np.empty(3, np.int32), raising=False)
        slope, z0 = CUTS[pt]
        kw = {"labels": labels, "pt_min": pt, "phi_slope_max": slope, "z0_max": z0}
        compiled, reference = build_graph(hits, **kw), build_graph(hits, method="allpairs", **kw)
        assert _equal_graphs(compiled, reference) == []
        n_edges.append(compiled.num_edges)
    assert min(n_edges) == 0 and max(n_edges) > 1000  # zero-edge cases and crowded ones


def test_dezoort_fix_in_both_paths():
    """One straight track from the origin through barrel layers 0 and 1 and the first negative disk
    (beyond layer 1's hit): the edges 0 -> 4 and 1 -> 4 are both same-particle; the authors' loop
    keeps the later one with the larger inner |z| and sets 0 -> 4 to 0, in both paths."""
    hits = pd.DataFrame(
        {
            "hit_id": [1, 2, 3, 4],
            "particle_id": [9, 9, 9, 5],
            "layer": [0, 1, 4, 2],
            "r": [32.0, 72.0, 64.0, 116.0],
            "phi": [0.2, 0.2, 0.2, -2.0],
            "z": [-300.0, -675.0, -600.0, 10.0],
            "pt": [3.0] * 4,
            "eta": [-3.0] * 4,
            "weight": [0.25] * 4,
        }
    )
    for method in ("window", "allpairs"):
        g = build_graph(hits, labels="dezoort", pt_min=2.0, phi_slope_max=0.006, z0_max=275.0, method=method)
        edges = dict(zip(map(tuple, g.edge_index.T.tolist()), g.y.tolist(), strict=True))
        assert edges == {(0, 1): 1.0, (0, 2): 0.0, (1, 2): 1.0}, method


def test_table_order_does_not_change_the_graph(events):
    """A shuffled hit table gives the same graph: nodes in its row order, the same edges (as hit
    ids), labels and features."""
    sel = select_hits(*events[0], pt_min=1.0)
    shuffled = sel.sample(frac=1.0, random_state=3).reset_index(drop=True)
    kw = {"labels": "dezoort", "pt_min": 1.0, "phi_slope_max": 0.007, "z0_max": 350.0}
    a, b = build_graph(sel, **kw), build_graph(shuffled, **kw)
    np.testing.assert_array_equal(b.hit_id, shuffled["hit_id"])

    def by_hits(g):
        key = [tuple(k) for k in g.hit_id[g.edge_index].T.tolist()]
        return dict(zip(key, zip(g.y.tolist(), map(tuple, g.edge_attr.tolist()), strict=True), strict=True))

    assert by_hits(a) == by_hits(b) and a.num_edges > 50
    assert int(a.n_segment_edges) == int(b.n_segment_edges) and int(a.n_true_segments) == int(
        b.n_true_segments
    )


def authors_replaced(pid: list[int], az: list[float]) -> set[int]:
    """The authors' loop over barrel -> disk edges (in their order): positions set back to 0."""
    state: dict[int, list] = {}
    zeroed = set()
    for k, (p, z) in enumerate(zip(pid, az, strict=True)):
        count, best, where = state.get(p, [0, 0.0, None])
        count += 1
        if abs(best) < abs(z):
            if count > 1 and where is not None:
                zeroed.add(where)
            best, where = z, k
        state[p] = [count, best, where]
    return zeroed


def test_replaced_edges_match_the_authors_loop():
    from trigml.tracking.graph import _replaced

    rng = np.random.default_rng(0)
    for _ in range(50):
        n = int(rng.integers(1, 40))
        pid = rng.integers(0, 6, n)
        az = rng.choice([0.0, 50.0, 100.0, 150.0, 300.0], n)  # ties and zeros included
        got = set(_replaced(pid, az).tolist())
        assert got == authors_replaced(pid.tolist(), az.tolist())


def test_graph_file_compact_dtypes(tmp_path, events):
    """Indices are stored as int32 and 0/1 labels as uint8; loading gives int64 and float32 back."""
    sel = select_hits(*events[1], pt_min=1.0)
    g = build_graph(sel, labels="dezoort", pt_min=1.0, phi_slope_max=0.007, z0_max=350.0)
    g.save(tmp_path / "g.npz")
    with np.load(tmp_path / "g.npz") as raw:
        assert raw["edge_index"].dtype == np.int32 and raw["y"].dtype == np.uint8
        assert raw["n_true_segments"].shape == () and raw["x"].dtype == np.float32
    back = load_graph(tmp_path / "g.npz")
    assert back.edge_index.dtype == np.int64 and back.y.dtype == np.float32
    np.testing.assert_array_equal(back.edge_index, g.edge_index)
    np.testing.assert_array_equal(back.y, g.y)
    np.testing.assert_array_equal(back.edge_attr, g.edge_attr)


def test_float32_tables_cut_in_float32(events):
    """A float32 hit table (challenge files) is cut in float32, the authors' precision: the window
    search gives exactly the all-pairs edges computed in float32, features stay float32."""
    slope, z0 = CUTS[0.5]
    sel = select_hits(*events[1], pt_min=0.5)
    sel32 = sel.astype({c: np.float32 for c in ("r", "phi", "z")})
    win = find_segments(sel32, phi_slope_max=slope, z0_max=z0)
    allp = find_segments(sel32, phi_slope_max=slope, z0_max=z0, method="allpairs")
    assert np.array_equal(win[0], allp[0]) and np.array_equal(win[1], allp[1]) and len(win[0]) > 100
    g = build_graph(sel32, labels="dezoort", pt_min=0.5, phi_slope_max=slope, z0_max=z0)
    assert g.edge_attr.dtype == np.float32 and g.num_edges == len(win[0])
