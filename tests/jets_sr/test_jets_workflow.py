"""Tiny end-to-end run of the jets_sr study through the real Snakefile, plus a script test."""

import json

import numpy as np
import pandas as pd
import pytest
from trigml import patterns
from trigml.jets_sr.features import CLASSES, FEATURES


def test_fetch_jets_script_local_copy(tmp_path):
    import jets_sr.fetch_jets as script

    df = pd.DataFrame(np.random.default_rng(0).normal(size=(10, 16)), columns=FEATURES)
    df["class"] = [CLASSES[i % 5] for i in range(10)]
    df.to_parquet(tmp_path / "openml.pq")
    script.main(
        [
            "--local",
            str(tmp_path / "openml.pq"),
            "--out",
            str(tmp_path / "jets.parquet"),
            "--log",
            str(tmp_path / "l.log"),
        ]
    )
    assert pd.read_parquet(tmp_path / "jets.parquet").shape == (10, 17)
    with pytest.raises(FileNotFoundError, match="missing.pq"):
        script.main(["--local", str(tmp_path / "missing.pq"), "--out", str(tmp_path / "x.parquet")])


@pytest.mark.slow
def test_workflow_end_to_end(tmp_path, repo, workflow_runner):
    res = workflow_runner(tmp_path, [repo / "tests" / "configs" / "jets_sr.yaml"], ["all_jets_sr"])
    assert res.returncode == 0, res.stderr[-4000:]
    out = tmp_path

    df = pd.read_parquet(out / patterns.jets_sr.dataset())
    assert list(df.columns) == [*FEATURES, "class"] and len(df) == 75
    assert sorted(df["class"].unique()) == CLASSES

    front = json.loads((out / patterns.jets_sr.sr_front()).read_text())
    assert front["engine"] == "pyoperon" and len(front["features"]) == 6
    for c in CLASSES:
        pts = front["fronts"][c]
        assert pts, c
        assert [p["complexity"] for p in pts] == sorted(p["complexity"] for p in pts)
        losses = [p["loss"] for p in pts]
        assert losses == sorted(losses, reverse=True)  # a Pareto front: loss falls as complexity grows
        assert all({"complexity", "loss", "accuracy", "expression"} <= set(p) for p in pts)
    assert [s["max_complexity"] for s in front["sweep"]] == [5, 15]

    csim = json.loads((out / patterns.jets_sr.hls_json()).read_text())
    (design,) = csim["designs"]
    assert design["max_complexity"] == 15 and design["max_abs_diff"] < 0.2

    synth = json.loads((out / patterns.jets_sr.hls_synth_json()).read_text())
    assert synth["designs"][0]["synthesized"] is False
    assert synth["designs"][0]["estimate"]["estimate"] is True

    nn_hls = json.loads((out / patterns.jets_sr.nn_hls_json()).read_text())
    assert nn_hls["csim"]["n"] == 15 and nn_hls["csim"]["argmax_agreement"] >= 0.6

    summary = json.loads((out / patterns.jets_sr.summary_json()).read_text())
    assert summary["sr"]["approximation_accuracy"] == pytest.approx(
        summary["sr"]["best"]["accuracy"] / summary["nn_float"]["accuracy"]
    )
    assert summary["simulation"]["n_jets"] == 75 and summary["paper"]["accuracy"] == 0.723

    twin = json.loads((out / patterns.jets_sr.features_png()).with_suffix(".json").read_text())
    assert set(twin["per_class_mean"]) == set(FEATURES)
    for png in (
        patterns.jets_sr.roc_png(),
        patterns.jets_sr.complexity_png(),
        patterns.jets_sr.approx_png(),
        patterns.jets_sr.resources_png(),
    ):
        assert (out / png).stat().st_size > 1000
        assert (out / png).with_suffix(".json").exists()


def test_simulate_and_merge_scripts(tmp_path):
    import jets_sr.merge_jets as merge
    import jets_sr.simulate_jets as sim

    parquets, stats = [], []
    for c in ("w", "t"):
        parquets.append(str(tmp_path / f"jets_{c}.parquet"))
        stats.append(str(tmp_path / f"jets_{c}.json"))
        sim.main(["--jet-class", c, "--n-jets", "2", "--seed", "5", "--out", parquets[-1], "--stats", stats[-1],
                  "--sim", json.dumps({"jets_per_class": 999, "jet_pt_min": 850.0})])  # fmt: skip
    merge.main(["--parquets", *parquets, "--stats", *stats, "--out", str(tmp_path / "jets.parquet"),
                "--out-stats", str(tmp_path / "sim.json")])  # fmt: skip
    df = pd.read_parquet(tmp_path / "jets.parquet")
    assert sorted(df["class"]) == ["t", "t", "w", "w"]
    s = json.loads((tmp_path / "sim.json").read_text())
    assert s["n_jets"] == 4 and s["per_class"][0]["config"]["jet_pt_min"] == 850.0
    with pytest.raises(TypeError, match="no_such_key"):
        sim.main(
            ["--jet-class", "w", "--n-jets", "1", "--out", "x", "--stats", "y", "--sim", '{"no_such_key": 1}']
        )
