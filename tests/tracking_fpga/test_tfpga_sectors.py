"""Sector splitting and padding to fixed designs: every hit once, bookkeeping of what is lost."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tfpga_helpers import toy_graph_file
from trigml.tracking_fpga import sectors as S
from trigml.tracking_fpga.designs import build_designs
from trigml.tracking_fpga.settings import SectorSettings


@pytest.fixture(scope="module")
def event_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graphs") / "event.npz"
    toy_graph_file(path, seed=3, n_particles=80)
    return path


def test_every_hit_in_exactly_one_sector(event_graph):
    g = S.load_graph(event_graph)
    parts, stats = S.split_sectors(g, n_phi=8, n_eta=2, eta_range=(-4, 4), edge_policy="cut", local_phi=False)
    assert len(parts) == 16
    hits = np.concatenate([p.hit_index for p in parts])
    assert np.array_equal(np.sort(hits), np.arange(g.n_nodes))  # each hit exactly once
    kept = np.concatenate([p.edge_id for p in parts])
    assert len(np.unique(kept)) == len(kept)
    assert len(kept) + stats["edges_cut_by_sectors"] == g.n_edges
    assert 0 < stats["edges_cut_by_sectors"] < g.n_edges  # 8 phi sectors do cut some edges of a toy event
    for p in parts:  # features and edges travel with their hits
        if p.n_edges:
            np.testing.assert_array_equal(p.x[p.edge_index[0]], g.x[g.edge_index[0, p.edge_id]])
            np.testing.assert_array_equal(p.y, g.y[p.edge_id])


def test_source_policy_keeps_every_edge_once(event_graph):
    g = S.load_graph(event_graph)
    parts, stats = S.split_sectors(g, n_phi=8, n_eta=2, eta_range=(-4, 4), edge_policy="source", local_phi=False)
    kept = np.concatenate([p.edge_id for p in parts])
    assert stats["edges_cut_by_sectors"] == 0
    assert np.array_equal(np.sort(kept), np.arange(g.n_edges))
    assert sum(p.n_nodes for p in parts) >= g.n_nodes  # copied target hits (overlap, documented)
    for p in parts:
        if p.n_edges:
            np.testing.assert_array_equal(p.x[p.edge_index[1]], g.x[g.edge_index[1, p.edge_id]])


def test_hit_sectors_bins():
    r = np.array([100.0, 100.0, 100.0, 100.0])
    phi = np.array([-np.pi, -0.01, 0.01, np.pi - 1e-9])
    z = np.array([-50.0, -50.0, 50.0, 50.0])
    sec = S.hit_sectors(r, phi, z, n_phi=2, n_eta=2, eta_range=(-4, 4))
    assert sec.tolist() == [0, 0, 3, 3]
    with pytest.raises(ValueError, match="eta_range"):
        S.hit_sectors(r, phi, z, n_phi=2, n_eta=2, eta_range=(4, -4))


def make_graph(n, edges, y):
    x = np.stack([np.arange(n, dtype=np.float32)[::-1] * 0.1 + 0.05, np.zeros(n), np.zeros(n)], 1).astype(
        np.float32
    )
    ei = np.array(edges, np.int64).T.reshape(2, -1)
    ea = np.ones((ei.shape[1], 4), np.float32) * np.arange(1, ei.shape[1] + 1)[:, None]
    return S.Graph(
        x=x, edge_index=ei, edge_attr=ea, y=np.array(y, np.float32), edge_id=np.arange(ei.shape[1])
    )


def test_padding_and_truncation_bookkeeping():
    # node r decreasing with index: ordering by r reverses them; node 0 has the largest r
    g = make_graph(5, [(4, 3), (3, 2), (2, 1), (1, 0), (4, 2)], [1, 1, 0, 1, 0])
    arrays, st = S.pad_graph(g, n_nodes=4, n_edges=3)  # node 0 (largest r) is dropped
    assert st["nodes_truncated"] == 1
    assert st["edges_lost_to_nodes"] == 1  # edge 1->0
    assert st["edges_lost"] == 2  # 1->0, and edge 4->2 beyond the 3-edge budget
    assert st["true_edges_lost"] == 1
    assert arrays["mask"].tolist() == [True, True, True]
    assert arrays["edge_id"].tolist() == [0, 1, 2]
    # kept node order by r: 4, 3, 2, 1 -> new indices 0..3
    assert arrays["edge_index"].tolist() == [[0, 1, 2], [1, 2, 3]]
    arrays, st = S.pad_graph(g, n_nodes=8, n_edges=7)
    assert st["edges_lost"] == 0 and st["nodes_truncated"] == 0
    assert arrays["edge_index"][:, 5:].tolist() == [[8, 8], [8, 8]]  # padding edges point at n_nodes
    assert not arrays["mask"][5:].any() and (arrays["edge_id"][5:] == -1).all()
    assert (arrays["x"][5:] == 0).all() and (arrays["edge_attr"][5:] == 0).all()


def test_build_designs_writes_json_and_npz(event_graph, tmp_path):
    outs = [tmp_path / "a.npz", tmp_path / "b.npz"]
    summary = build_designs(
        [event_graph], [1000], [(8, 12), (64, 128)], outs, tmp_path / "designs.json",
        sectors=SectorSettings(n_phi=8, n_eta=2, eta_range=(-4, 4), edge_policy="cut", local_phi=True),
    )  # fmt: skip
    on_disk = json.loads((tmp_path / "designs.json").read_text())
    assert on_disk == json.loads(json.dumps(summary))
    small, big = on_disk["designs"]["n8e12"], on_disk["designs"]["n64e128"]
    assert small["fraction_edges_lost"] >= big["fraction_edges_lost"]
    assert big["fraction_edges_lost"] == 0.0
    p = S.Padded.load(outs[0])
    assert p.x.shape == (16, 8, 3) and p.edge_index.shape == (16, 2, 12)
    assert p.mask.sum() == small["edges"] - small["edges_lost"]
    with pytest.raises(FileNotFoundError, match="missing.npz"):
        build_designs([tmp_path / "missing.npz"], [1], [(8, 12)], outs[:1], tmp_path / "x.json",
                      sectors=SectorSettings(n_phi=1, n_eta=1, eta_range=(-4, 4), edge_policy="cut", local_phi=False))  # fmt: skip


def test_local_phi_is_centred_on_the_sector(event_graph):
    """phi/(pi/8) around the sector centre: every hit of a sector in [-1, 1), dphi in the same unit."""
    g = S.load_graph(event_graph)
    glob, _ = S.split_sectors(g, n_phi=8, n_eta=2, eta_range=(-4, 4), edge_policy="cut", local_phi=False)
    loc, _ = S.split_sectors(g, n_phi=8, n_eta=2, eta_range=(-4, 4), edge_policy="cut", local_phi=True)
    for k, (a, b) in enumerate(zip(glob, loc)):
        if not a.n_nodes:
            continue
        assert b.x[:, 1].min() >= -1 and b.x[:, 1].max() < 1
        phi = a.x[:, 1] * np.pi  # global phi [rad]
        centre = -np.pi + (k // 2 + 0.5) * np.pi / 4
        np.testing.assert_allclose(b.x[:, 1], (phi - centre) / (np.pi / 8), atol=1e-5)
        np.testing.assert_allclose(b.edge_attr[:, 1], a.edge_attr[:, 1] * 8, rtol=1e-5)
        np.testing.assert_array_equal(b.x[:, [0, 2]], a.x[:, [0, 2]])
        assert b.feature_scale[1] == pytest.approx(np.pi / 8)


def test_bad_graph_files(tmp_path):
    np.savez(tmp_path / "g.npz", x=np.zeros((2, 3)), edge_index=np.zeros((2, 1), np.int64))
    with pytest.raises(KeyError, match="edge_attr"):
        S.load_graph(tmp_path / "g.npz")
    np.savez(tmp_path / "h.npz", x=np.full((2, 3), np.nan), edge_index=np.zeros((2, 1), np.int64),
             edge_attr=np.zeros((1, 4)), y=np.zeros(1), feature_scale=np.ones(3))  # fmt: skip
    with pytest.raises(ValueError, match="NaN"):
        S.load_graph(tmp_path / "h.npz")
    assert S.parse_design(S.design_name(28, 56)) == (28, 56)
    with pytest.raises(ValueError, match="design name"):
        S.parse_design("28x56")
