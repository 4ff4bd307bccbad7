"""Bootstrap intervals of accuracy, AUC and the paired SR/NN ratio."""

import numpy as np
import pytest
from trigml.jets_sr import metrics


def test_intervals_cover_the_value_and_are_reproducible():
    rng = np.random.default_rng(0)
    correct = rng.random(2000) < 0.7
    a = metrics.accuracy_interval(correct, n_bootstrap=300, confidence=0.95, seed=1)
    b = metrics.accuracy_interval(correct, n_bootstrap=300, confidence=0.95, seed=1)
    assert a == b
    lo, hi = a["interval"]
    assert lo < a["value"] < hi
    assert hi - lo == pytest.approx(2 * 1.96 * np.sqrt(0.7 * 0.3 / 2000), rel=0.25)


def test_paired_ratio_and_aucs():
    rng = np.random.default_rng(1)
    nn = rng.random(1000) < 0.8
    sr = nn & (rng.random(1000) < 0.95)  # the SR gets a subset of the NN's jets right
    r = metrics.ratio_interval(sr, nn, n_bootstrap=300, confidence=0.9, seed=0)
    assert r["value"] == pytest.approx(sr.mean() / nn.mean())
    assert r["interval"][0] < r["value"] < r["interval"][1] and r["interval"][1] <= 1.0
    with pytest.raises(ValueError, match="same jets"):
        metrics.ratio_interval(sr[:10], nn, n_bootstrap=10, confidence=0.9, seed=0)
    y = np.repeat(np.arange(5), 40)
    scores = np.eye(5)[y] + rng.normal(0, 0.8, size=(200, 5))
    out = metrics.with_intervals(scores, y, n_bootstrap=50, confidence=0.95, seed=0)
    assert len(out["predictions"]) == 200 and set(out["auc_interval"]) == {"g", "q", "t", "w", "z"}
    assert all(lo < hi for lo, hi in out["auc_interval"].values())


def test_vectorised_bootstrap_auc_equals_sklearn_on_each_resample():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(3)
    truth = (rng.random(300) < 0.3).astype(int)
    score = np.round(truth + rng.normal(0, 1, 300), 1)  # rounded: many ties
    idx = metrics.resamples(300, 20, seed=2)
    fast = metrics.bootstrap_auc(truth, score, idx)
    slow = [roc_auc_score(truth[r], score[r]) for r in idx]
    np.testing.assert_allclose(fast, slow, rtol=1e-12)
