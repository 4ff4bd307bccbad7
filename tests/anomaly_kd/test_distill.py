"""The distillation target: students regress log(MSE + 1) of the teacher's score."""

import numpy as np
import pytest
import torch
from trigml.anomaly_kd.distill import score_to_target, target_to_score
from trigml.anomaly_kd.models import ConvAutoencoder
from trigml.anomaly_kd.train import student_target


def test_target_transform_values_and_inverse():
    mse = np.array([0.0, 0.01, 0.5, 3.0])
    t = score_to_target(mse)
    assert np.allclose(t, np.log(mse + 1))
    assert t[0] == 0 and np.all(np.diff(t) > 0)  # monotone: AUC unchanged by the transform
    assert np.allclose(target_to_score(t), mse)


@pytest.mark.parametrize("bad", [[-0.1], [np.nan], [np.inf]])
def test_target_transform_refuses_bad_scores(bad):
    with pytest.raises(ValueError):
        score_to_target(bad)


def test_student_target_is_log1p_of_teacher_mse():
    torch.manual_seed(0)
    t = ConvAutoencoder().eval()
    x = torch.rand(4, 1, 28, 28)
    tgt = student_target(t, x)
    assert tgt.shape == (4, 1) and not tgt.requires_grad
    mse = ((t(x) - x) ** 2).mean(dim=(1, 2, 3)).detach().numpy()
    assert np.allclose(tgt[:, 0].numpy(), score_to_target(mse), atol=1e-7)
