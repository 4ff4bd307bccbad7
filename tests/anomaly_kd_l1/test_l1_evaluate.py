"""metrics.json assembly: AUC, TPR at FPR (null when unresolvable), ratios, acceptance."""

import math

import numpy as np
from trigml.anomaly_kd_l1.evaluate import evaluate, signal_metrics


def _scores(shift: float, n_bkg: int = 2000, n_sig: int = 500, seed: int = 0):
    rng = np.random.default_rng(seed)
    return {
        "background": rng.exponential(1.0, n_bkg),
        "signal_A": rng.exponential(1.0, n_sig) + shift,
        "signal_B": rng.exponential(1.0, n_sig) + 2 * shift,
    }


def test_signal_metrics_values_and_unresolved_fpr():
    s = {"background": np.arange(1000.0), "signal_A": np.arange(1000.0) + 2000}
    m = signal_metrics(s, (1e-5, 1e-3))
    assert m["A"]["auc"] == 1.0
    assert m["A"]["tpr_at_fpr_1e-05"] is None  # 1000 background events cannot resolve 1e-5
    assert math.isclose(m["A"]["tpr_at_fpr_0.001"], 1.0)


def test_evaluate_ratios_and_acceptance():
    teacher = _scores(1.0)
    good = {"student": _scores(1.0, seed=0), "teacher": teacher}
    bad = {"student": _scores(0.0, seed=1), "teacher": teacher}
    m = evaluate(
        teacher=(teacher, {"n_params": 20000}),
        students={
            "good": (good, {"n_params": 900, "bits": 8, "teacher_n_params": 20000}),
            "bad": (bad, {"n_params": 900, "bits": 8, "teacher_n_params": 20000}),
        },
        small_ae=(_scores(0.2, seed=2), {"n_params": 900, "bits": 8, "latent": 7}),
    )
    assert m["signals"] == ["A", "B"] and m["n_background_test"] == 2000
    assert m["students"]["good"]["auc_ratio"]["A"] == 1.0
    assert m["students"]["bad"]["auc_ratio"]["A"] < 0.7
    assert m["students"]["good"]["footprint_bytes"] == 900 and m["teacher"]["footprint_bytes"] == 80000
    assert m["acceptance"]["best_technique"] == "good"
    assert m["acceptance"]["n_signals_auc_kept"] == 2
    assert m["acceptance"]["passed"] is False  # only 2 signals here, 3 are required
    assert 0 < m["small_ae"]["signals"]["A"]["auc"] < 1
    assert "student_good_auc_A" in m["headline"]
