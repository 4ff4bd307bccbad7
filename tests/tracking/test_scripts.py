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
from trigml.tracking.train import load_checkpoint, load_model

from tests.tracking.toy_events import track_settings, train_settings, write_toy_event

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
    csvs = [f"{p}-hits.csv" for p in prefixes]
    filter_hits.main(["--events", *csvs, "--prefixes", *prefixes, "--hits", *hits, "--pt-min", "1.0",
                      "--log", str(d / "f.log")])  # fmt: skip
    build_graphs.main(["--hits", *hits, "--graphs", *graphs, "--pt-min", "1.0", "--phi-slope-max", "0.007",
                       "--z0-max", "350", "--labels", "dezoort"])  # fmt: skip
    summarize_graphs.main(["--graphs", *graphs, "--summary", str(d / "summary.json"), "--pt-min", "1.0",
                           "--phi-slope-max", "0.007", "--z0-max", "350"])  # fmt: skip
    settings = json.dumps(train_settings(epochs=20, lr=0.02, patience=20))
    train_in.main(["--train", *graphs[:2], "--val", graphs[2], "--hidden-size", "8", "--settings", settings,
                   "--seed", "3", "--model", str(d / "model.pt"), "--history", str(d / "history.json"),
                   "--device", "cpu"])  # fmt: skip
    evaluate_edges.main(["--model", str(d / "model.pt"), "--val", graphs[2], "--test", graphs[3], "--n-boot", "20",
                         "--seed", "1", "--metrics", str(d / "edges.json"), "--scores", str(d / "scores.npz")])  # fmt: skip
    build_tracks.main(["--graphs", graphs[3], "--truth", f"{prefixes[3]}-truth.csv", "--prefixes", prefixes[3],
                       "--scores", str(d / "scores.npz"), "--metrics", str(d / "edges.json"),
                       "--tracks", json.dumps(track_settings()), "--out", str(d / "tracks.json")])  # fmt: skip
    return d, prefixes, graphs


def test_graph_files_and_summary(chain):
    d, _, graphs = chain
    g = load_graph(graphs[0])
    assert g.num_nodes > 50 and g.num_edges > 50 and g.y.sum() > 10
    s = json.loads((d / "summary.json").read_text())
    g_all = [load_graph(p) for p in graphs]
    assert s["n_events"] == 4
    assert s["edge_efficiency"] == sum(int(x.n_segment_edges) for x in g_all) / sum(int(x.n_true_segments) for x in g_all)
    assert s["edge_purity"] == sum(int(x.y.sum()) for x in g_all) / sum(x.num_edges for x in g_all)
    iv = s["intervals"]["edge_efficiency"]
    assert iv["lo"] < s["edge_efficiency"] <= iv["hi"] and iv["n"] == sum(int(x.n_true_segments) for x in g_all)
    assert set(s["per_event"]) == {f"event{e:09d}" for e in EVENTS}


def test_checkpoint_and_load_model(chain):
    d, _, graphs = chain
    ckpt = load_checkpoint(d / "model.pt")
    assert ckpt["hidden_size"] == 8 and ckpt["node_dim"] == 3 and ckpt["edge_dim"] == 4
    assert ckpt["feature_scale"]["x"][0] == 1000.0
    # the checkpoint's threshold is the validation working point written to the history
    assert ckpt["threshold"] == json.loads((d / "history.json").read_text())["threshold"]
    model = load_model(d / "model.pt")
    assert isinstance(model, InteractionNetwork) and sum(p.numel() for p in model.parameters()) == 528
    g = load_graph(graphs[3])
    x, ei, ea = torch.from_numpy(g.x), torch.from_numpy(g.edge_index), torch.from_numpy(g.edge_attr)
    with torch.no_grad():  # the authors' bidirectional graph, the two directions combined by min
        out = model(x, torch.cat([ei, ei.flip(0)], 1), torch.cat([ea, -ea]))
    combined = torch.minimum(out[: g.num_edges], out[g.num_edges :])
    scores = np.load(d / "scores.npz")["event000001003"]
    np.testing.assert_allclose(combined.numpy(), scores, rtol=1e-5, atol=1e-6)
    assert ckpt["settings"]["direction"] == "bidirectional" and ckpt["settings"]["combine"] == "min"
    h = json.loads((d / "history.json").read_text())
    assert (
        len(h["epochs"]) == 20
        and h["n_parameters"] == 528
        and h["train_events"] == ["event000001000", "event000001001"]
    )


def test_edge_and_track_metrics(chain):
    d, _, graphs = chain
    m = json.loads((d / "edges.json").read_text())
    g = load_graph(graphs[3])
    scores = np.load(d / "scores.npz")["event000001003"]
    y = g.y > 0.5
    pred = scores > m["threshold"]
    assert m["n_edges"] == g.num_edges and m["n_true"] == int(y.sum())
    assert m["accuracy"] == pytest.approx(float((pred == y).mean()))
    assert m["tpr"] == pytest.approx(float(pred[y].mean())) and m["tnr"] == pytest.approx(float((~pred[~y]).mean()))
    assert m["auc"] > 0.8  # 20 epochs of a 528-parameter IN on two toy events
    # one test event: every bootstrap replica is that event, so the interval collapses onto the value
    assert m["errors"]["auc"]["lo"] == pytest.approx(m["auc"]) == pytest.approx(m["errors"]["auc"]["hi"])
    assert m["test_events"] == ["event000001003"] and len(m["roc"]["fpr"]) > 2
    t = json.loads((d / "tracks.json").read_text())
    assert t["threshold"] == m["threshold"] and t["headline_method"] == "dbscan_eta_phi"
    n_particles = len(np.unique(g.particle_id))
    for method in ("dbscan_eta_phi", "connected_components"):
        r = t[method]
        assert r["n_particles"] == n_particles  # the authors' denominator: every particle in the graph
        for k in ("eff_perfect", "eff_double_majority", "eff_lhc", "fake_rate_lhc"):
            iv = r["intervals"][k]
            assert iv["value"] == r[k] and iv["lo"] <= r[k] <= iv["hi"] and iv["hi"] - iv["lo"] > 0
        assert r["intervals"]["eff_lhc"]["n"] == n_particles
        assert r["eff_perfect"] <= r["eff_lhc"] and r["eff_double_majority"] > 0.5
        assert r["trackml_score"] <= r["trackml_score_graph_hits"] + 1e-9
        assert sum(r["vs_pt"]["lhc"]["n"]) <= r["n_particles"]


def test_figures(chain, tmp_path):
    d, *_ = chain
    plot_graph_summary.main(["--summaries", str(d / "summary.json"), "--out", str(tmp_path / "g.png")])
    plot_training.main(["--history", str(d / "history.json"), "--out", str(tmp_path / "t.png")])
    plot_roc.main(["--metrics", str(d / "edges.json"), "--out", str(tmp_path / "r.png")])
    plot_efficiency.main(["--tracks", str(d / "tracks.json"), "--pt", str(tmp_path / "ept.png"),
                          "--eta", str(tmp_path / "eeta.png")])  # fmt: skip
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
        filter_hits.main(["--events", str(f), "--prefixes", str(tmp_path / "event000000007"),
                          "--hits", str(tmp_path / "h.parquet"), "--pt-min", "1"])  # fmt: skip
    assert not (tmp_path / "h.parquet").exists()
