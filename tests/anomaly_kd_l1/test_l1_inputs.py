"""trigml.anomaly_kd_l1.inputs: the rules' input/params functions and the cross-key config check;
trigml.anomaly_kd_l1.diagnostics: the event-level quantities behind a below-random signal."""

import re
from types import SimpleNamespace

import numpy as np
import pytest
import trigml.config
from trigml import patterns
from trigml.anomaly_kd_l1.diagnostics import event_summary, signal_diagnostics
from trigml.anomaly_kd_l1.features import scale
from trigml.anomaly_kd_l1.inputs import L1Inputs, check_config
from trigml.config import ConfigError, validate_config


@pytest.fixture(autouse=True)
def _only_this_study_checks(monkeypatch):
    """Other studies' cross-key checks are theirs to test: run this study's alone."""
    monkeypatch.setattr(
        trigml.config,
        "cross_key_check",
        lambda c: trigml.config.__dict__["_orig_cross"](c, ("trigml.anomaly_kd_l1.inputs:check_config",)),
    )


trigml.config.__dict__.setdefault("_orig_cross", trigml.config.cross_key_check)


def _config(**l1):
    return validate_config({"studies": ["anomaly_kd_l1"], "anomaly_kd_l1": l1})


def test_hls_technique_must_be_trained():
    with pytest.raises(ConfigError, match=r"anomaly_kd_l1\.hls\.technique': 'colearn' is not one of"):
        _config(techniques={"baseline": {}}, hls={"technique": "colearn"})
    # the study switched off: no check
    cfg = _config()
    cfg["studies"] = ["jets_sr"]
    cfg["anomaly_kd_l1"]["techniques"] = {"baseline": {}}
    check_config(cfg)


def test_sample_patterns_follow_the_source():
    sim = L1Inputs(_config()["anomaly_kd_l1"])
    assert re.fullmatch(sim.simulated_samples_re(), "hChToTauNu") and not re.fullmatch(
        sim.downloaded_samples_re(), "background"
    )
    dl = L1Inputs(_config(source="download")["anomaly_kd_l1"])
    assert re.fullmatch(dl.simulated_samples_re(), "outliers") and not re.fullmatch(
        dl.simulated_samples_re(), "Ato4l"
    )
    assert re.fullmatch(dl.downloaded_samples_re(), "Ato4l")
    assert dl.data_label() == "real" and sim.data_label() == "simulated"


def test_per_technique_lists_and_switches():
    l1 = L1Inputs(
        _config(techniques={"baseline": {}, "colearn": {"colearn": True}}, hls={"technique": "colearn"})[
            "anomaly_kd_l1"
        ]
    )
    assert l1.student_outputs("info") == [
        patterns.anomaly_kd_l1.student_info(technique=t) for t in ("baseline", "colearn")
    ]
    assert l1.switches(SimpleNamespace(technique="colearn")) == {"colearn": True}
    assert l1.hls_model() == patterns.anomaly_kd_l1.student_model(technique="colearn")
    assert len(l1.signal_events()) == 4


def _events(n, met, lep_pt, jets):
    ev = np.zeros((n, 19, 4), np.float32)
    ev[:, 0] = (met, 0, 0.5, 1)
    ev[:, 1] = (lep_pt, 0.3, 1.0, 2)
    for j in range(jets):
        ev[:, 9 + j] = (30.0, 0.1 * j, 0.2, 4)
    return scale(ev)


def test_diagnostics_see_a_softer_signal():
    bkg = _events(20, 40.0, 40.0, 2)
    soft = _events(10, 10.0, 25.0, 0)
    s = event_summary(bkg)
    assert s["met"] == pytest.approx(np.full(20, 40.0), rel=1e-5) and s["n_objects"][0] == 4
    assert s["sum_pt"][0] == pytest.approx(140.0, rel=1e-5) and s["lead_lepton_pt"][0] == pytest.approx(
        40.0, rel=1e-5
    )
    d = signal_diagnostics({"x_test": bkg, "signal_soft": soft}, ["soft"])
    assert d["soft"]["auc_of_sum_pt"] == 0.0 and d["soft"]["sum_pt"] < d["background"]["sum_pt"]
