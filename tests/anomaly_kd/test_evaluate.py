"""Metrics and figures from known scores."""

import json

import numpy as np
import pytest
from trigml.anomaly_kd.evaluate import keeps_auc_down_to, summarize, task_metrics
from trigml.anomaly_kd.plots import plot_auc_vs_params, plot_emd

STUDENTS = {
    "A": ["conv8", "conv16", "conv16", "conv16s2", "conv8s2"],
    "G": ["conv2", "avgpool2", "conv2s2", "avgpool2"],
}


def test_task_metrics_known_values():
    y = np.array([0, 0, 1, 1])
    teacher = np.array([0.1, 0.2, 0.3, 0.4])  # perfect separation
    a = np.log1p(teacher)  # a perfect student: same ranking, same distribution
    g = np.log1p(np.array([0.1, 0.3, 0.2, 0.4]))  # one pair swapped: AUC 3/4
    m = task_metrics({"teacher": teacher, "A": a, "G": g}, y)
    assert m["teacher"]["auc"] == 1.0
    assert m["A"]["auc"] == 1.0 and m["A"]["emd"] == pytest.approx(0.0, abs=1e-12)
    assert m["G"]["auc"] == 0.75 and m["G"]["auc_ratio"] == 0.75
    assert m["G"]["emd"] == pytest.approx(0.0, abs=1e-12)  # same values, other order: same distribution
    m2 = task_metrics({"teacher": teacher, "A": a + 0.5}, y)
    assert m2["A"]["emd"] == pytest.approx(0.5)


def test_task_metrics_needs_both_labels():
    with pytest.raises(ValueError, match="both normal"):
        task_metrics({"teacher": np.ones(3)}, np.zeros(3))


def test_keeps_auc_down_to():
    models = {
        "A": {"auc_ratio": 0.99},
        "B": {"auc_ratio": 0.95},
        "C": {"auc_ratio": 0.85},
        "D": {"auc_ratio": 0.97},
    }
    assert keeps_auc_down_to(models, list("ABCD"), 0.9) == "B"
    assert keeps_auc_down_to(models, list("ABCD"), 0.999) is None


def _write_scores(path, cls, technique, shift):
    rng = np.random.default_rng(cls)
    y = np.repeat([0, 1], 50)
    t = rng.random(100) * 0.1 + y * 0.05
    meta = {
        "name": "digits",
        "dataset": "digits-standin",
        "real_data": False,
        "class": cls,
        "technique": technique,
    }
    g = np.log1p(t) + shift * rng.standard_normal(100)
    np.savez(path, y_test=y, test_labels=y, meta=np.array(json.dumps(meta)), score_teacher=t,
             score_A=np.log1p(t), score_G=g, y_val=y, val_teacher=t, val_A=np.log1p(t),
             val_G=g if technique == "baseline" else np.log1p(t))  # fmt: skip


def test_summarize_and_figures(tmp_path):
    files = []
    for tech in ("baseline", "colearning"):
        for cls in (0, 1):
            f = tmp_path / f"{tech}{cls}.npz"
            _write_scores(f, cls, tech, shift=0.5)
            files.append(f)
    m = summarize(files, students=STUDENTS, teacher_config=None, quant_bits=8, keep_threshold=0.9, n_boot=50,
                  ci_level=0.95, seed=0)  # fmt: skip
    d = m["datasets"]["digits"]
    assert d["dataset"] == "digits-standin" and d["real_data"] is False
    base = d["techniques"]["baseline"]
    assert base["classes"] == [0, 1]
    assert base["models"]["A"]["auc_ratio"] == pytest.approx(1.0)
    assert base["models"]["G"]["auc_mean"] < base["models"]["A"]["auc_mean"]
    assert base["models"]["G"]["params"] == 77 and base["models"]["G"]["footprint_bytes_8bit"] == 77
    assert base["models"]["teacher"]["footprint_bytes_float32"] == 4 * 19357
    assert base["paper"]["compared_with"] == "mnist" and base["paper"]["auc"]["teacher"] == 0.948
    assert base["students_keep_90pct_auc_down_to"] == "A"
    assert d["techniques"]["colearning"]["paper"] is None
    lo, hi = base["models"]["G"]["auc_ci"]
    assert lo <= base["models"]["G"]["auc_mean"] <= hi and hi - lo > 0
    # G is chosen on validation: colearning's validation scores are the better ones (by construction)
    assert d["selected_on_validation"]["G"]["technique"] == "colearning"
    assert (
        d["selected_on_validation"]["G"]["test_auc"]
        == d["techniques"]["colearning"]["models"]["G"]["auc_mean"]
    )
    json.dumps(m, allow_nan=False)
    plot_auc_vs_params(m, "digits", tmp_path / "auc.png")
    plot_emd(m, "digits", tmp_path / "emd.png")
    twin = json.loads((tmp_path / "auc.json").read_text())
    assert twin["real_data"] is False and twin["techniques"]["baseline"]["paper"]["auc"]["A"] == 0.936
    assert (tmp_path / "emd.png").stat().st_size > 0 and (tmp_path / "emd.json").exists()
    with pytest.raises(KeyError, match="no dataset 'mnist'"):
        plot_emd(m, "mnist", tmp_path / "x.png")


def test_summarize_refuses_missing_student(tmp_path):
    _write_scores(tmp_path / "s.npz", 0, "baseline", 0.1)
    with pytest.raises(ValueError, match=r"s.npz: no scores for models \['B'\]"):
        summarize([tmp_path / "s.npz"], students={**STUDENTS, "B": ["conv8"]}, teacher_config=None, quant_bits=8,
                  keep_threshold=0.9, n_boot=10, ci_level=0.9, seed=0)  # fmt: skip


def test_markdown_tables_from_metrics(tmp_path):
    from trigml.anomaly_kd.tables import tables

    files = []
    for tech in ("baseline", "colearning"):
        for cls in (0, 1):
            f = tmp_path / f"{tech}{cls}.npz"
            _write_scores(f, cls, tech, shift=0.5)
            files.append(f)
    m = summarize(files, students=STUDENTS, teacher_config=None, quant_bits=8, keep_threshold=0.9, n_boot=20,
                  ci_level=0.95, seed=0)  # fmt: skip
    text = tables(m)
    a = m["datasets"]["digits"]["techniques"]["baseline"]["models"]["A"]
    assert f"{a['auc_mean']:.3f} [{a['auc_ci'][0]:.3f}, {a['auc_ci'][1]:.3f}]" in text
    assert "| G | co-learning |" in text
