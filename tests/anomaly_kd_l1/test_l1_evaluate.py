"""metrics.json assembly: AUC and TPR at FPR with intervals (null when unresolvable), the val/test
split of the signals, ratios, the technique chosen on validation, acceptance."""

import numpy as np
import pytest
from trigml.anomaly_kd_l1.evaluate import evaluate, signal_metrics, split_signal, tpr_at_fpr, tpr_interval

BOOT = {"n": 50, "level": 0.9, "seed": 0}


def _scores(shift: float, n_bkg: int = 2000, n_sig: int = 500, seed: int = 0, val_shift: float | None = None):
    rng = np.random.default_rng(seed)
    sig_a = rng.exponential(1.0, n_sig) + shift
    if val_shift is not None:  # validation half (even events) shifted differently
        sig_a[::2] = rng.exponential(1.0, len(sig_a[::2])) + val_shift
    return {
        "background": rng.exponential(1.0, n_bkg),
        "background_val": rng.exponential(1.0, n_bkg // 2),
        "signal_A": sig_a,
        "signal_B": rng.exponential(1.0, n_sig) + 2 * shift,
    }


def test_tpr_at_fpr_known_values():
    bkg = np.arange(1000.0)  # threshold at FPR 1e-2: the 10th highest, 990
    sig = np.array([989.0, 990.0, 995.0, 2000.0])
    assert tpr_at_fpr(bkg, sig, 1e-2) == 0.75
    assert np.isnan(tpr_at_fpr(bkg, sig, 1e-4))  # 1000 events cannot resolve 1e-4
    r = tpr_interval(bkg, sig, 1e-2, n_boot=50, level=0.9, seed=0)
    assert r["tpr"] == 0.75 and r["ci"][0] <= 0.75 <= r["ci"][1]
    assert tpr_interval(bkg, sig, 1e-5, n_boot=10, level=0.9, seed=0) == {"tpr": None, "ci": None}


def test_signal_split_is_disjoint_and_complete():
    s = np.arange(11.0)
    val, test = split_signal(s, "val"), split_signal(s, "test")
    assert len(val) + len(test) == 11 and not set(val) & set(test)


def test_signal_metrics_values_and_unresolved_fpr():
    s = {
        "background": np.arange(1000.0),
        "background_val": np.arange(10.0),
        "signal_A": np.arange(1000.0) + 2000,
    }
    m = signal_metrics(s, (1e-5, 1e-3), split="test", boot=BOOT)
    assert m["A"]["auc"] == 1.0 and m["A"]["auc_ci"] == [1.0, 1.0]
    assert m["A"]["tpr_at_fpr_1e-05"] == {"tpr": None, "ci": None}  # 1000 events cannot resolve 1e-5
    assert m["A"]["tpr_at_fpr_0.001"]["tpr"] == pytest.approx(1.0)


def test_evaluate_selects_on_validation_not_test():
    teacher = _scores(1.0)
    # "test_good" is better on the test halves, "val_good" on the validation halves: validation decides
    test_good = {"student": _scores(1.0, seed=0, val_shift=-1.0), "teacher": teacher}
    val_good = {"student": _scores(0.3, seed=1, val_shift=1.0), "teacher": teacher}
    info = {"n_params": 900, "bits": 8, "teacher_n_params": 20000, "switches": {}, "outlier_source": None}
    m = evaluate(
        teacher=(teacher, {"n_params": 20000}),
        students={"test_good": (test_good, info), "val_good": (val_good, info)},
        small_ae=(_scores(0.2, seed=2), {"n_params": 900, "bits": 8, "latent": 7}),
        fprs=(1e-3, 1e-2), keep_fraction=0.95, max_param_ratio=0.05, bootstrap=20, ci_level=0.9, seed=0,
    )  # fmt: skip
    assert m["signals"] == ["A", "B"] and m["n_background_test"] == 2000
    st = m["students"]
    assert st["test_good"]["signals"]["A"]["auc"] > st["val_good"]["signals"]["A"]["auc"]
    assert st["val_good"]["validation"]["A"]["auc"] > st["test_good"]["validation"]["A"]["auc"]
    assert m["acceptance"]["best_technique"] == "val_good" and m["acceptance"]["selected_on"] == "validation"
    assert st["test_good"]["footprint_bytes"] == 900 and m["teacher"]["footprint_bytes"] == 80000
    t = m["teacher"]["signals"]["A"]["tpr_at_fpr_0.001"]
    assert t["ci"][0] <= t["tpr"] <= t["ci"][1]
    assert m["acceptance"]["passed"] is False  # only 2 signals here, 3 are required
    assert "student_val_good_auc_A" in m["headline"] and "teacher_tpr_at_fpr_0.001_A" in m["headline"]


def test_markdown_tables_from_metrics():
    from trigml.anomaly_kd_l1.tables import tables

    teacher = _scores(1.0)
    info = {"n_params": 900, "bits": 8, "teacher_n_params": 20000, "switches": {}, "outlier_source": None}
    m = evaluate(
        teacher=(teacher, {"n_params": 20000}),
        students={"baseline": ({"student": _scores(1.0, seed=3), "teacher": teacher}, info)},
        small_ae=(_scores(0.2, seed=2), {"n_params": 900, "bits": 8, "latent": 7}),
        fprs=(1e-4, 1e-3), keep_fraction=0.95, max_param_ratio=0.05, bootstrap=10, ci_level=0.9, seed=0,
    )  # fmt: skip
    text = tables(m)
    assert "| teacher AE | 20,000 | A |" in text and "TPR @ FPR 0.0001" in text
    assert "—" in text  # 2,000 background events cannot resolve 1e-4
