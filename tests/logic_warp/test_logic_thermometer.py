"""Learnable thermometer encoding: ordered thresholds, the same in training and evaluation."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torchlogix.layers import LearnableBinarization
from trigml.logic_warp.thermometer import ThermometerEncoding, initial_thresholds


def test_initial_thresholds_quantile_and_uniform():
    x = np.stack([np.arange(100.0), np.zeros(100)], axis=1)
    q = initial_thresholds(x, 3, "quantile")
    assert np.allclose(q[0], np.quantile(x[:, 0], [0.25, 0.5, 0.75]))
    assert np.all(np.diff(q, axis=1) > 0)  # the constant feature is spread, still ordered
    u = initial_thresholds(x, 3, "uniform")
    assert np.allclose(u[0], [24.75, 49.5, 74.25])
    with pytest.raises(ValueError, match="NaN"):
        initial_thresholds(np.array([[np.nan]]), 2)
    with pytest.raises(ValueError, match="method"):
        initial_thresholds(x, 2, "kmeans")


def test_encoding_matches_thresholds_and_stays_ordered_under_training():
    t0 = np.array([[-1.0, 0.0, 1.0], [0.5, 0.6, 2.0]])
    enc = ThermometerEncoding(thresholds=t0, temperature=0.1, noise=True)
    assert np.allclose(enc.thresholds().detach().numpy(), t0, atol=1e-5)
    opt = torch.optim.SGD(enc.parameters(), lr=50.0)  # violent steps
    torch.manual_seed(0)
    for _ in range(20):
        x = torch.randn(64, 2) * 3
        loss = (enc(x) * torch.randn(64, 6)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    t = enc.thresholds().detach()
    assert torch.all(t[:, 1:] >= t[:, :-1])
    # evaluation uses exactly the training thresholds
    enc.eval()
    x = torch.randn(500, 2) * 3
    expect = (x[:, :, None] > t[None]).float().reshape(500, 6)
    assert torch.equal(enc(x), expect)


def test_torchlogix_learnable_binarization_eval_differs_from_training():
    """The shortfall this module fixes: torchlogix 0.1.1 applies softplus to the threshold increments
    in training but not in evaluation, so its discrete thresholds are not the trained ones."""
    b = LearnableBinarization(thresholds=torch.tensor([[0.0, 0.05, 0.1]]))
    b.train()
    t_train = b.get_thresholds().detach()
    b.eval()
    t_eval = b.get_thresholds().detach()
    assert not torch.allclose(t_train, t_eval, atol=1e-3)


def test_bad_thresholds():
    with pytest.raises(ValueError, match="strictly increasing"):
        ThermometerEncoding(thresholds=[[1.0, 0.0]])
    with pytest.raises(ValueError, match="shape"):
        ThermometerEncoding(thresholds=[1.0, 2.0])
    enc = ThermometerEncoding(thresholds=[[0.0, 1.0]])
    with pytest.raises(ValueError, match=r"expected input \(B, 1\)"):
        enc(torch.zeros(2, 3))
