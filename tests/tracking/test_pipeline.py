"""An event left empty by the filtering flows through evaluation and track building as documented."""

import json

import pytest
from trigml.tracking.filtering import select_hits
from trigml.tracking.graph import build_graph
from trigml.tracking.steps import evaluate_edges, reconstruct_tracks, train_model

from tests.tracking.toy_events import toy_event, track_settings, train_settings, write_toy_event


def test_empty_test_event(tmp_path):
    paths = []
    for k in range(3):
        g = build_graph(select_hits(*toy_event(200, seed=k, pt_lo=0.5), pt_min=1.0), labels="consecutive", pt_min=1.0,
                        phi_slope_max=0.007, z0_max=350.0)  # fmt: skip
        paths.append(str(tmp_path / f"event00000100{k}.npz"))
        g.save(paths[-1])
    # event 1003: five soft particles, nothing above 1 GeV -> an empty graph
    write_toy_event(str(tmp_path), 1003, n_particles=5, seed=9, pt_lo=0.1, alpha=3.0)
    empty = build_graph(select_hits(*toy_event(5, seed=9, pt_lo=0.1, alpha=3.0), pt_min=1.0), labels="consecutive", pt_min=1.0,
                        phi_slope_max=0.007, z0_max=350.0)  # fmt: skip
    assert empty.num_nodes == 0
    empty.save(tmp_path / "event000001003.npz")
    model, hist = str(tmp_path / "m.pt"), str(tmp_path / "h.json")
    train_model(
        paths[:2],
        paths[2:],
        hidden_size=8,
        settings=train_settings(epochs=1),
        seed=1,
        model_path=model,
        history_path=hist,
    )
    metrics = evaluate_edges(model, paths[2:], [str(tmp_path / "event000001003.npz")], n_boot=10, seed=0,
                             metrics_path=str(tmp_path / "e.json"), scores_path=str(tmp_path / "s.npz"))  # fmt: skip
    assert metrics["n_edges"] == 0
    assert json.loads((tmp_path / "e.json").read_text())["auc"] is None  # NaN is written as null
    out = tmp_path / "t.json"
    reconstruct_tracks(
        [str(tmp_path / "event000001003.npz")], str(tmp_path / "s.npz"), [str(tmp_path / "event000001003")],
        tracks=track_settings(pt_bins=[1.0, 2.0, 100.0], eta_bins=[-4.0, 0.0, 4.0]),
        edge_metrics_path=str(tmp_path / "e.json"), out_path=str(out),
    )  # fmt: skip
    result = json.loads(out.read_text())
    for method in ("dbscan_eta_phi", "connected_components"):
        m = result[method]
        assert m["n_particles"] == 0 and m["eff_double_majority"] is None and m["trackml_score"] == 0.0
        assert m["intervals"]["eff_double_majority"] == {"value": None, "lo": None, "hi": None, "k": 0, "n": 0}


def test_training_without_edges_is_a_clear_error(tmp_path):
    empty = build_graph(select_hits(*toy_event(5, seed=9, pt_lo=0.1, alpha=3.0), pt_min=1.0), labels="consecutive", pt_min=1.0,
                        phi_slope_max=0.007, z0_max=350.0)  # fmt: skip
    empty.save(tmp_path / "e.npz")
    with pytest.raises(ValueError, match="no training or no validation graph with edges"):
        train_model([str(tmp_path / "e.npz")], [str(tmp_path / "e.npz")], hidden_size=8, settings=train_settings(), seed=0,
                    model_path=str(tmp_path / "m.pt"), history_path=str(tmp_path / "h.json"))  # fmt: skip
    assert not (tmp_path / "m.pt").exists()
