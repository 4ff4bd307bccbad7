"""The distillation target log(MSE + 1) and its inverse, as the L1 students use them."""

import numpy as np
import pytest
from trigml.anomaly_kd.distill import score_to_target, target_to_score


def test_target_transform_is_invertible_over_the_score_range():
    mse = np.concatenate([[0.0], np.logspace(-8, 4, 200)])
    t = score_to_target(mse)
    assert (np.diff(t) > 0).all()  # monotonic: ROC of the target == ROC of the score
    np.testing.assert_allclose(target_to_score(t), mse, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(score_to_target(target_to_score(t)), t, rtol=1e-12)


def test_target_rejects_invalid_scores():
    with pytest.raises(ValueError, match=">= 0"):
        score_to_target([0.1, -1e-3])
    with pytest.raises(ValueError, match="NaN"):
        score_to_target([np.nan])
