"""Tiny end-to-end run of the anomaly_kd paper half (tests/configs/anomaly_kd.yaml): 2 classes of
the digits stand-in, all four techniques, 2 epochs, hls4ml C simulation of student G."""

import json

from trigml import patterns
from trigml.hardware.hls4ml import find_hls_tool


def test_paper_half_end_to_end(tmp_path, repo, workflow_runner):
    cfg = repo / "tests" / "configs" / "anomaly_kd.yaml"
    r = workflow_runner(tmp_path, [cfg], ["all_anomaly_kd"])
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
    m = json.loads((tmp_path / patterns.anomaly_kd.metrics()).read_text())
    d = m["datasets"]["digits"]
    assert d["dataset"] == "digits-standin" and d["real_data"] is False
    assert set(d["techniques"]) == {"baseline", "colearning", "outlier_exposure", "noise_exposure"}
    assert d["outliers"] == {"dataset": "digits-rot90-standin", "real_data": False}
    for tech in d["techniques"].values():
        assert tech["classes"] == [0, 1]
        assert list(tech["models"]) == ["teacher", *"ABCDEFG"]
        assert tech["models"]["G"]["params"] == 77
        assert 0 <= tech["models"]["A"]["auc_mean"] <= 1
    for fig in (patterns.anomaly_kd.auc_png(dataset="digits"), patterns.anomaly_kd.emd_png(dataset="digits")):
        assert (tmp_path / fig).stat().st_size > 0
        twin = json.loads((tmp_path / fig).with_suffix(".json").read_text())
        assert twin["real_data"] is False
    wc = {"dataset": "digits", "technique": "outlier_exposure", "cls": 0, "student": "G"}
    csim = json.loads((tmp_path / patterns.anomaly_kd.csim_json(**wc)).read_text())
    assert csim["max_abs_diff"] < 5e-3 and csim["real_data"] is False
    synth = json.loads((tmp_path / patterns.anomaly_kd.synth_json(**wc)).read_text())
    if find_hls_tool("Vitis") is None:
        assert synth["synthesized"] is False and "not found" in synth["reason"]
    else:
        assert synth["synthesized"] is True and synth["lut"] is not None
    # scripts never read the config: a rerun with the same config does nothing
    again = workflow_runner(tmp_path, [cfg], ["all_anomaly_kd", "-n"])
    assert again.returncode == 0 and "Nothing to be done" in again.stdout + again.stderr
