"""Tiny end-to-end run of the L1 half: simulation -> teacher -> students -> metrics, figures, hls4ml."""

import json
from pathlib import Path

import pytest
from trigml import patterns


@pytest.mark.slow
def test_l1_workflow_end_to_end(tmp_path, workflow_runner, repo):
    cfg = repo / "tests" / "configs" / "anomaly_kd_l1.yaml"
    r = workflow_runner(tmp_path, [cfg], ["all_anomaly_kd_l1"])
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-5000:]
    m = json.loads((tmp_path / patterns.anomaly_kd_l1.metrics()).read_text())
    assert set(m["signals"]) == {"Ato4l", "leptoquark", "hToTauTau", "hChToTauNu"}
    assert set(m["students"]) == {"baseline", "colearn_outlier_sm"}
    assert m["n_background_test"] == 180  # 60 % of 300 (config/config.yaml's split)
    for entry in [m["teacher"], m["small_ae"], *m["students"].values()]:
        for s in m["signals"]:
            assert 0.0 <= entry["signals"][s]["auc"] <= 1.0
            tpr = entry["signals"][s]["tpr_at_fpr_0.0001"]
            assert tpr == {"tpr": None, "ci": None}  # 180 events cannot resolve 1e-4
            lo, hi = entry["signals"][s]["auc_ci"] if "auc_ci" in entry["signals"][s] else (0.0, 1.0)
            assert lo <= entry["signals"][s]["auc"] <= hi
    assert m["students"]["colearn_outlier_sm"]["outlier_source"] == "sm"
    assert m["students"]["baseline"]["n_params"] == 237  # 57*4+4 + 4+1
    csim = json.loads((tmp_path / patterns.anomaly_kd_l1.csim_json()).read_text())
    assert csim["technique"] == "colearn_outlier_sm" and csim["max_abs_delta"] < 0.05
    synth = json.loads((tmp_path / patterns.anomaly_kd_l1.synth_json()).read_text())
    assert "synthesized" in synth
    for png in (patterns.anomaly_kd_l1.roc_png(), patterns.anomaly_kd_l1.ablation_png()):
        assert (tmp_path / png).stat().st_size > 0 and (tmp_path / Path(png).with_suffix(".json")).exists()
