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
    common = ["--max-jets", "null", "--seed", "0"]
    script.main(["--local", str(tmp_path / "openml.pq"), "--parquet", str(tmp_path / "jets.parquet"),
                 "--log", str(tmp_path / "l.log"), *common])  # fmt: skip
    assert pd.read_parquet(tmp_path / "jets.parquet").shape == (10, 17)
    script.main(["--local", str(tmp_path / "openml.pq"), "--parquet", str(tmp_path / "j4.parquet"),
                 "--max-jets", "4", "--seed", "0"])  # fmt: skip
    assert len(pd.read_parquet(tmp_path / "j4.parquet")) == 4
    with pytest.raises(FileNotFoundError, match="missing.pq"):
        script.main(
            ["--local", str(tmp_path / "missing.pq"), "--parquet", str(tmp_path / "x.parquet"), *common]
        )
    with pytest.raises(SystemExit):  # a download needs its retries and folder
        script.main(["--url", "http://127.0.0.1:9/x.pq", "--parquet", str(tmp_path / "x.parquet"), *common])


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
    lo, hi = summary["sr"]["approximation_accuracy_interval"]
    assert lo <= summary["sr"]["approximation_accuracy"] <= hi
    # the headline model is the sweep entry of best *validation* accuracy
    per = summary["sr"]["per_complexity"]
    assert (
        summary["sr"]["best"]["max_complexity"]
        == max(per, key=lambda e: (e["validation_accuracy"], -e["max_complexity"]))["max_complexity"]
    )
    assert summary["simulation"]["n_jets"] == 75 and summary["paper"]["accuracy"] == 0.723
    assert summary["split"]["n_test"] == 15 and summary["data"] == "simulated"

    twin = json.loads((out / patterns.jets_sr.features_png()).with_suffix(".json").read_text())
    assert set(twin["per_class"]) == set(FEATURES)
    for png in (
        patterns.jets_sr.features_png(),
        patterns.jets_sr.roc_png(),
        patterns.jets_sr.complexity_png(),
        patterns.jets_sr.approx_png(),
        patterns.jets_sr.resources_png(),
    ):
        assert (out / png).stat().st_size > 1000
        assert (out / png).with_suffix(".json").exists() and (out / png).with_suffix(".pdf").exists()


def test_simulate_and_merge_scripts(tmp_path):
    import jets_sr.merge_jets as merge
    import jets_sr.simulate_jets as sim
    from trigml.config import load_schema

    props = load_schema("jets_sr.schema.yaml")["properties"]["data"]["properties"]["simulation"]["properties"]
    block = {k: v["default"] for k, v in props.items()}
    parquets, stats = [], []
    for c in ("w", "t"):
        parquets.append(str(tmp_path / f"jets_{c}.parquet"))
        stats.append(str(tmp_path / f"jets_{c}.json"))
        sim.main(["--jet-class", c, "--seed", "5", "--parquet", parquets[-1], "--stats", stats[-1],
                  "--sim", json.dumps({**block, "jets_per_class": 2, "jet_pt_min": 850.0})])  # fmt: skip
    merge.main(["--class-parquets", *parquets, "--class-stats", *stats, "--seed", "0",
                "--parquet", str(tmp_path / "jets.parquet"), "--stats", str(tmp_path / "sim.json")])  # fmt: skip
    df = pd.read_parquet(tmp_path / "jets.parquet")
    assert sorted(df["class"]) == ["t", "t", "w", "w"]
    s = json.loads((tmp_path / "sim.json").read_text())
    assert s["n_jets"] == 4 and s["per_class"][0]["config"]["jet_pt_min"] == 850.0
    with pytest.raises(TypeError, match="no_such_key"):
        sim.main(["--jet-class", "w", "--seed", "1", "--parquet", "x", "--stats", "y",
                  "--sim", json.dumps({**block, "jets_per_class": 1, "no_such_key": 1})])  # fmt: skip
