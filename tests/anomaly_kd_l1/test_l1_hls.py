"""hls4ml C simulation of a tiny QKeras student against QKeras itself."""

import json

import numpy as np
from trigml.anomaly_kd_l1 import hls, models
from trigml.hardware.hls4ml import find_hls_tool


def test_csim_matches_qkeras_on_a_tiny_student(tmp_path):
    rng = np.random.default_rng(0)
    student = models.student_regressor(hidden=(4,), bits=8, integer=2, seed=3)
    # give the output a spread: scale the random initial weights a little
    student.set_weights([w * 1.5 for w in student.get_weights()])
    hls_model = hls.convert(student, tmp_path / "prj", default_precision="ap_fixed<16,6>")
    bkg = rng.uniform(0, 1, (300, 57)).astype(np.float32)
    sig = rng.uniform(0, 1, (200, 57)).astype(np.float32) + 0.2
    r = hls.compare(student, hls_model, {"background": bkg, "signal_X": sig})
    assert r["n_events"] == 500
    assert r["max_abs_delta"] < 0.02, r
    assert abs(r["signals"]["X"]["auc_kept"] - 1.0) < 0.02
    synth = hls.synthesis_report(hls_model, backend="Vitis", technique="tiny")
    if find_hls_tool("Vitis") is None:
        assert synth["synthesized"] is False and "vitis_hls not found" in synth["reason"]
    json.dumps(synth)
