"""Thermometer encoding of real-valued inputs with learnable, ordered thresholds.

torchlogix 0.1.1 has ``LearnableBinarization``, but its discrete (eval) thresholds are the raw
cumulative sums while training uses softplus-transformed increments, so the thresholds used by
the discrete network differ from those it was trained with and are not guaranteed to stay ordered
(see README, section logic_warp). This module keeps one parametrisation for both modes.
"""

from __future__ import annotations

import numpy as np
import torch
from numpy.typing import ArrayLike
from torch import nn

__all__ = ["ThermometerEncoding", "initial_thresholds"]

_MIN_GAP = 1e-3


def initial_thresholds(x: ArrayLike, n_bits: int, method: str = "quantile") -> np.ndarray:
    """Ordered starting thresholds ``(F, n_bits)`` per feature of ``x`` ``(N, F)``.

    ``quantile``: the i/(n_bits+1) quantiles (equal-population bins); ``uniform``: evenly spaced
    between the feature's minimum and maximum. Ties (e.g. many zeros) are spread by a small gap so
    the thresholds are strictly increasing.
    """
    a = np.asarray(x, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] == 0:
        raise ValueError(f"thresholds need a non-empty 2-D sample (N, F), got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise ValueError("input features contain NaN or inf")
    if n_bits < 1:
        raise ValueError(f"n_bits must be >= 1, got {n_bits}")
    q = np.arange(1, n_bits + 1) / (n_bits + 1)
    if method == "quantile":
        t = np.quantile(a, q, axis=0).T
    elif method == "uniform":
        lo, hi = a.min(0), a.max(0)
        t = lo[:, None] + (hi - lo)[:, None] * q[None, :]
    else:
        raise ValueError(f"unknown threshold init method {method!r} (quantile, uniform)")
    for i in range(1, n_bits):
        t[:, i] = np.maximum(t[:, i], t[:, i - 1] + _MIN_GAP)
    return t


def _inverse_softplus(y: torch.Tensor) -> torch.Tensor:
    return y + torch.log(-torch.expm1(-y))


class ThermometerEncoding(nn.Module):
    """Thermometer code ``b_{f,i} = [x_f > t_{f,i}]`` with learnable thresholds kept in order.

    The thresholds are ``t_{f,0} = a_f`` and ``t_{f,i} = t_{f,i-1} + softplus(d_{f,i})``: ordered
    for any parameter values. Training outputs ``sigmoid((x - t) / temperature)`` (with logistic
    noise added before the sigmoid when ``noise``: stochastic smoothing); evaluation outputs the
    hard bits with exactly the same thresholds.

    Shapes:
        x: ``(B, F)`` real features -> ``(B, F * n_bits)``; feature ``f``'s bits are columns
        ``f * n_bits ... f * n_bits + n_bits - 1``, thresholds in increasing order.
    """

    def __init__(
        self,
        *,
        thresholds: ArrayLike,
        temperature: float = 0.1,
        noise: bool = False,
        learnable: bool = True,
    ) -> None:
        super().__init__()
        t = torch.as_tensor(np.asarray(thresholds, dtype=np.float64), dtype=torch.float32)
        if t.ndim != 2 or t.shape[1] < 1:
            raise ValueError(f"thresholds must have shape (F, n_bits), got {tuple(t.shape)}")
        if not torch.isfinite(t).all():
            raise ValueError("thresholds contain NaN or inf")
        gaps = torch.diff(t, dim=1)
        if (gaps <= 0).any():
            raise ValueError("thresholds must be strictly increasing along each feature")
        if temperature <= 0:
            raise ValueError(f"temperature must be > 0, got {temperature}")
        self.n_features, self.n_bits = int(t.shape[0]), int(t.shape[1])
        self.temperature = float(temperature)
        self.noise = bool(noise)
        self.base = nn.Parameter(t[:, :1].clone(), requires_grad=learnable)
        self.raw_gaps = nn.Parameter(_inverse_softplus(gaps.clamp_min(1e-6)), requires_grad=learnable)

    @property
    def n_outputs(self) -> int:
        return self.n_features * self.n_bits

    def thresholds(self) -> torch.Tensor:
        """The current thresholds ``(F, n_bits)`` (the same in training and evaluation)."""
        steps = torch.nn.functional.softplus(self.raw_gaps)
        return torch.cat([self.base, self.base + torch.cumsum(steps, dim=1)], dim=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim != 2 or x.shape[1] != self.n_features:
            raise ValueError(f"expected input (B, {self.n_features}), got {tuple(x.shape)}")
        t = self.thresholds()
        if self.training:
            d = x.unsqueeze(-1) - t
            if self.noise:
                u = torch.rand_like(d).clamp(1e-6, 1 - 1e-6)
                d = d + self.temperature * (torch.log(u) - torch.log1p(-u))
            out = torch.sigmoid(d / self.temperature)
        else:
            out = (x.unsqueeze(-1) > t).to(x.dtype)
        return out.reshape(x.shape[0], self.n_outputs)

    def extra_repr(self) -> str:
        return f"features={self.n_features}, bits={self.n_bits}, temperature={self.temperature}, noise={self.noise}"
