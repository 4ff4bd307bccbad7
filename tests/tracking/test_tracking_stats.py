"""trigml.tracking.stats: binomial intervals and the event bootstrap."""

import numpy as np
import pytest
from scipy.stats import beta
from trigml.tracking.stats import bootstrap_events, clopper_pearson


def test_clopper_pearson_values():
    iv = clopper_pearson(90, 100)
    assert iv["value"] == 0.9 and iv["k"] == 90 and iv["n"] == 100
    assert iv["lo"] == pytest.approx(beta.ppf(0.15865, 90, 11)) and iv["hi"] == pytest.approx(beta.ppf(0.84135, 91, 10))
    assert 0.86 < iv["lo"] < 0.88 and 0.92 < iv["hi"] < 0.94  # about +-0.03 at n = 100
    assert clopper_pearson(0, 10)["lo"] == 0.0 and clopper_pearson(10, 10)["hi"] == 1.0
    assert clopper_pearson(0, 0)["value"] is None
    with pytest.raises(ValueError):
        clopper_pearson(5, 3)


def test_bootstrap_events_is_seeded_and_brackets():
    rng = np.random.default_rng(0)
    events = [(rng.random(50) < 0.5, rng.random(50)) for _ in range(8)]

    def mean_score(y, s):
        return {"m": float(s.mean())}

    a = bootstrap_events(events, mean_score, n_boot=200, seed=1)
    b = bootstrap_events(events, mean_score, n_boot=200, seed=1)
    assert a == b
    pooled = float(np.concatenate([e[1] for e in events]).mean())
    assert a["m"]["lo"] < pooled < a["m"]["hi"] and a["m"]["std"] > 0
    one = bootstrap_events(events[:1], mean_score, n_boot=20, seed=1)
    assert one["m"]["lo"] == one["m"]["hi"] == pytest.approx(float(events[0][1].mean()))
