"""The rule scripts as CLIs on tiny toy events: filter -> graphs -> summary -> train -> edges -> tracks -> figures."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from tracking import (
    build_graphs,
    build_tracks,
    evaluate_edges,
    filter_hits,
    plot_efficiency,
    plot_graph_summary,
    plot_roc,
    plot_training,
    summarize_graphs,
    train_in,
)
from trigml.tracking.graph import load_graph
from trigml.tracking.model import InteractionNetwork
from trigml.tracking.toy import write_toy_event
from trigml.tracking.train import load_checkpoint, load_model

EVENTS = [1000, 1001, 1002, 1003]


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    d = tmp_path_factory.mktemp("trk")
    ev_dir = d / "events"
    for k, e in enumerate(EVENTS):
        write_toy_event(str(ev_dir), e, n_particles=300, seed=k, pt_lo=0.3, n_noise=40)
    prefixes = [str(ev_dir / f"event{e:09d}") for e in EVENTS]
    hits = [str(d / f"hits/event{e:09d}.parquet") for e in EVENTS]
    graphs = [str(d / f"graphs/event{e:09d}.npz") for e in EVENTS]
    filter_hits.main(["--events", *prefixes, "--out", *hits, "--pt-min", "1.0", "--log", str(d / "f.log")])
    build_graphs.main(
        ["--hits", *hits, "--out", *graphs, "--pt-min", "1.0", "--phi-slope-max", "0.007", "--z0-max", "350"]
    )
    summarize_graphs.main(
        ["--graphs", *graphs, "--out", str(d / "summary.json"), "--pt-min", "1.0"]
        + ["--phi-slope-max", "0.007", "--z0-max", "350"]
    )
    settings = json.dumps({"epochs": 20, "lr": 0.02, "patience": 20})
    train_in.main(
        [
            "--train",
            *graphs[:2],
            "--val",
            graphs[2],
            "--hidden-size",
            "8",
            "--settings",
            settings,
            "--seed",
            "3",
        ]
        + ["--model", str(d / "model.pt"), "--history", str(d / "history.json"), "--device", "cpu"]
    )
    evaluate_edges.main(
        ["--model", str(d / "model.pt"), "--val", graphs[2], "--test", graphs[3]]
        + ["--metrics", str(d / "edges.json"), "--scores", str(d / "scores.npz")]
    )
    build_tracks.main(
        ["--graphs", graphs[3], "--events", prefixes[3], "--scores", str(d / "scores.npz")]
        + ["--edge-metrics", str(d / "edges.json"), "--out", str(d / "tracks.json"), "--dbscan-eps", "0.9"]
    )
    return d, prefixes, graphs


def test_graph_files_and_summary(chain):
    d, _, graphs = chain
    g = load_graph(graphs[0])
    assert g.num_nodes > 50 and g.num_edges > 50 and g.y.sum() > 10
    s = json.loads((d / "summary.json").read_text())
    assert s["n_events"] == 4 and 0.9 < s["edge_efficiency"] <= 1.0 and 0 < s["edge_purity"] < 1
    assert set(s["per_event"]) == {f"event{e:09d}" for e in EVENTS}


def test_checkpoint_and_load_model(chain):
    d, _, graphs = chain
    ckpt = load_checkpoint(d / "model.pt")
    assert ckpt["hidden_size"] == 8 and ckpt["node_dim"] == 3 and ckpt["edge_dim"] == 4
    assert 0 <= ckpt["threshold"] <= 1 and ckpt["feature_scale"]["x"][0] == 1000.0
    model = load_model(d / "model.pt")
    assert isinstance(model, InteractionNetwork) and sum(p.numel() for p in model.parameters()) == 528
    g = load_graph(graphs[3])
    with torch.no_grad():
        out = model(torch.from_numpy(g.x), torch.from_numpy(g.edge_index), torch.from_numpy(g.edge_attr))
    assert out.shape == (g.num_edges,)
    scores = np.load(d / "scores.npz")["event000001003"]
    np.testing.assert_allclose(out.numpy(), scores, rtol=1e-5, atol=1e-6)
    h = json.loads((d / "history.json").read_text())
    assert (
        len(h["epochs"]) == 20
        and h["n_parameters"] == 528
        and h["train_events"] == ["event000001000", "event000001001"]
    )


def test_edge_and_track_metrics(chain):
    d, *_ = chain
    m = json.loads((d / "edges.json").read_text())
    for k in ("accuracy", "tpr", "tnr", "auc", "threshold"):
        assert 0 <= m[k] <= 1
    assert m["test_events"] == ["event000001003"] and len(m["roc"]["fpr"]) > 2
    t = json.loads((d / "tracks.json").read_text())
    for method in ("connected_components", "dbscan"):
        r = t[method]
        assert r["n_particles"] > 5
        for k in ("eff_perfect", "eff_double_majority", "eff_lhc", "fake_rate_lhc", "trackml_score"):
            assert 0 <= r[k] <= 1
        assert r["eff_perfect"] <= r["eff_double_majority"]
        assert r["trackml_score"] <= r["trackml_score_graph_hits"] + 1e-9
        assert sum(r["vs_pt"]["lhc"]["n"]) <= r["n_particles"]


def test_figures(chain, tmp_path):
    d, *_ = chain
    plot_graph_summary.main(["--summaries", str(d / "summary.json"), "--out", str(tmp_path / "g.png")])
    plot_training.main(["--history", str(d / "history.json"), "--out", str(tmp_path / "t.png")])
    plot_roc.main(["--metrics", str(d / "edges.json"), "--out", str(tmp_path / "r.png")])
    plot_efficiency.main(
        [
            "--tracks",
            str(d / "tracks.json"),
            "--out-pt",
            str(tmp_path / "ept.png"),
            "--out-eta",
            str(tmp_path / "eeta.png"),
        ]
    )
    for name in ("g", "t", "r", "ept", "eeta"):
        assert (tmp_path / f"{name}.png").stat().st_size > 5000
        assert json.loads((tmp_path / f"{name}.json").read_text())
    twin = json.loads((tmp_path / "g.json").read_text())
    assert twin["paper"]["edge_purity"]["value"] == [0.198, 0.043, 0.010]


def test_filter_bad_event_names_file(tmp_path):
    write_toy_event(str(tmp_path), 7, n_particles=20, seed=1)
    f = tmp_path / "event000000007-hits.csv"
    lines = f.read_text().splitlines()
    cols = lines[1].split(",")
    cols[3] = "nan"  # z of the first hit
    lines[1] = ",".join(cols)
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(Exception, match=r"event000000007-hits\.csv.*\bz\b"):
        filter_hits.main(
            [
                "--events",
                str(tmp_path / "event000000007"),
                "--out",
                str(tmp_path / "h.parquet"),
                "--pt-min",
                "1",
            ]
        )
    assert not (tmp_path / "h.parquet").exists()
