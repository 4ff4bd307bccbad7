"""Small convolutional networks (anomaly_kd's students) as a streaming datapath of traced da4ml kernels.

A student is ``Conv2d`` (+ ``LeakyReLU``) / ``AvgPool2d`` stages, a flatten and a ``Linear`` head
(:mod:`trigml.anomaly_kd.models`). hls4ml builds it with ``io_type="io_stream"``: pixels arrive
one per clock, line buffers form each stage's window and **one** instance of each stage's kernel
(the window's matrix product, activation and cast; the pooling average; the head) computes an
output per window. Fully unrolled instead (every output pixel its own kernel), the 77- and
133-parameter students cost 65k–1.2M da4ml LUT-equivalents at 6–18 bits: far past what Yosys
maps in minutes, and not the architecture hls4ml builds.

So the design traced here is the streaming datapath: one kernel per stage side by side, each
driven by its own window (inputs concatenated in stage order), outputs ``[head, stage 0, stage 1,
...]`` — output 0 is the head's score. A test row is one image: the head sees the image's whole
final feature map from the software fixed-point model (so output 0 *is* the network's fixed-point
score, and AUC float vs fixed is end to end), every other kernel one window of that image (chosen
at random, seeded). Line buffers and stream control are not in the traced logic.

Arithmetic as hls4ml's at one ``ap_fixed<W,I>`` precision (``Precision: default``): weights,
biases and the LeakyReLU slope cast to it (truncation), the input cast to it, every stage's output
cast to it (truncation, wrap-around). One departure: a kernel accumulates its products exactly and
truncates once, where hls4ml truncates each product to the accumulator type first (≤ one LSB per
product; the AUC of both is reported). Pool areas must be powers of two (exact averages).

:func:`forward` runs the same kernels on NumPy arrays (the whole network on ``(N, C, H, W)``
images) and :func:`trace` on da4ml's ``FixedVariableArray``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..design import Design
from .fixed import FixedType, parse_ap_fixed

__all__ = ["Stage", "conv_design", "forward", "stage_inputs", "stages_from_torch", "trace"]


@dataclass(frozen=True)
class Stage:
    """One streaming stage: ``kind`` ∈ {"conv", "pool", "dense"}; ``W`` (conv: ``(O, C, K, K)``,
    dense: ``(n_in, n_out)``) and ``b`` on the fixed-point grid; ``kernel``/``stride`` (conv, pool);
    ``slope`` (conv followed by LeakyReLU; ``None``: linear); ``channels`` (input channels)."""

    kind: str
    channels: int
    kernel: int = 1
    stride: int = 1
    W: np.ndarray | None = None
    b: np.ndarray | None = None
    slope: float | None = None

    @property
    def n_in(self) -> int:
        return int(self.W.shape[0]) if self.kind == "dense" else self.channels * self.kernel**2

    @property
    def n_out(self) -> int:
        if self.kind == "pool":
            return self.channels
        return int(self.W.shape[0] if self.kind == "conv" else self.W.shape[1])


def _q(x: Any, t: FixedType) -> Any:
    from da4ml.trace.ops import quantize

    return quantize(x, t.k, t.i, t.f, overflow_mode="WRAP", round_mode="TRN")  # ap_fixed's defaults


def kernel(stage: Stage, v: Any, t: FixedType) -> Any:
    """One stage on windows ``v`` (``(..., n_in)``, channel-major ``(C, K, K)`` for conv / pool),
    NumPy or traced; outputs ``(..., n_out)`` cast to ``t``."""
    if stage.kind == "pool":
        area = stage.kernel**2
        v = v.reshape(v.shape[:-1] + (stage.channels, area))
        return _q(np.sum(v, axis=-1) * (1.0 / area), t)
    W = stage.W.reshape(stage.W.shape[0], -1).T if stage.kind == "conv" else stage.W
    h = _q(v @ W + stage.b, t)
    if stage.slope is not None:
        h = _q(np.maximum(h, 0) + np.minimum(h, 0) * stage.slope, t)
    return h


def _window_index(shape: tuple[int, int, int], k: int, s: int) -> np.ndarray:
    """Flat indices ``(n_windows, C*k*k)`` of the valid windows of a ``(C, H, W)`` map (row-major
    window order, channel-major inside a window)."""
    C, H, Wd = shape
    rows, cols = (H - k) // s + 1, (Wd - k) // s + 1
    c, a, b = np.meshgrid(np.arange(C), np.arange(k), np.arange(k), indexing="ij")
    base = (c * H + a) * Wd + b
    starts = (np.arange(rows)[:, None] * s * Wd + np.arange(cols)[None, :] * s).reshape(-1)
    return starts[:, None] + base.reshape(-1)[None, :]


def stage_inputs(x: np.ndarray, stages: list[Stage], t_in: FixedType, t: FixedType) -> list[np.ndarray]:
    """The fixed-point input map of every stage for images ``x`` ``(N, C, H, W)``, and last the
    network's output ``(N, n_out)``: ``[(N, C0, H0, W0), ..., (N, n_flat), (N, n_out)]``."""
    h = _q(np.asarray(x, dtype=np.float64), t_in)
    maps = []
    for st in stages:
        maps.append(h)
        if st.kind == "dense":
            h = kernel(st, h.reshape(len(h), -1), t)
            continue
        n, shape = len(h), h.shape[1:]
        idx = _window_index(shape, st.kernel, st.stride)
        out = kernel(st, h.reshape(n, -1)[:, idx], t)  # (N, windows, O)
        side = ((shape[1] - st.kernel) // st.stride + 1, (shape[2] - st.kernel) // st.stride + 1)
        h = out.transpose(0, 2, 1).reshape(n, st.n_out, *side)
    maps.append(h)
    return maps


def forward(x: np.ndarray, stages: list[Stage], t_in: FixedType, t: FixedType) -> np.ndarray:
    """The whole fixed-point network on images ``(N, C, H, W)``: outputs ``(N, n_out)``."""
    return stage_inputs(x, stages, t_in, t)[-1]


def trace(stages: list[Stage], t_in: FixedType, t: FixedType) -> Any:
    """The da4ml ``CombLogic`` of the streaming datapath: stage kernels side by side, inputs in
    stage order, outputs ``[head, stage 0, ...]`` (see the module docs)."""
    from da4ml.trace import FixedVariableArrayInput, HWConfig, comb_trace

    n_in = sum(st.n_in for st in stages)
    inp = FixedVariableArrayInput((n_in,), hwconf=HWConfig(1, -1, -1))
    outs, at = [], 0
    for i, st in enumerate(stages):
        v = _q(inp[at : at + st.n_in], t_in if i == 0 else t)
        outs.append(kernel(st, v, t))
        at += st.n_in
    return comb_trace(inp, np.concatenate([outs[-1], *outs[:-1]]))


def stages_from_torch(module: Any, precision: str) -> list[Stage]:
    """The stages of a PyTorch ``Conv2d`` / ``LeakyReLU`` / ``ReLU`` / ``AvgPool2d`` / ``Flatten`` /
    ``Linear`` stack (no padding, square kernels) with weights, biases and slopes cast to ``precision``."""
    from torch import nn

    t = parse_ap_fixed(precision)
    stages: list[Stage] = []
    channels = None

    def arr(p: Any) -> np.ndarray:
        return _q(p.detach().cpu().numpy().astype(np.float64), t)

    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            if m.padding not in (0, (0, 0)) or m.groups != 1 or m.kernel_size[0] != m.kernel_size[1]:
                raise ValueError(f"{m}: only unpadded, ungrouped, square convolutions are supported")
            stages.append(Stage(kind="conv", channels=m.in_channels, kernel=m.kernel_size[0], stride=m.stride[0],
                                W=arr(m.weight), b=arr(m.bias)))  # fmt: skip
            channels = m.out_channels
        elif isinstance(m, nn.ReLU | nn.LeakyReLU):
            if not stages or stages[-1].kind == "pool" or stages[-1].slope is not None:
                raise ValueError(f"{m}: an activation must follow a Conv2d or Linear")
            slope = float(_q(np.float64(getattr(m, "negative_slope", 0.0)), t))
            stages[-1] = replace(stages[-1], slope=slope)
        elif isinstance(m, nn.AvgPool2d):
            k = int(m.kernel_size if isinstance(m.kernel_size, int) else m.kernel_size[0])
            if (m.stride not in (k, (k, k))) or m.padding not in (0, (0, 0)) or k & (k - 1):
                raise ValueError(
                    f"{m}: only unpadded pools with stride = kernel = a power of two are supported"
                )
            if channels is None:
                raise ValueError(f"{m}: a pool before the first convolution is not supported")
            stages.append(Stage(kind="pool", channels=channels, kernel=k, stride=k))
        elif isinstance(m, nn.Linear):
            stages.append(Stage(kind="dense", channels=1, W=arr(m.weight).T, b=arr(m.bias)))
        elif not isinstance(m, nn.Sequential | nn.Flatten | nn.Identity | nn.Dropout) and m is not module:
            raise ValueError(f"module {type(m).__name__} is not supported by the conv design builder")
    if not stages or stages[-1].kind != "dense" or any(s.kind == "dense" for s in stages[:-1]):
        raise ValueError("a conv design needs convolution / pool stages and exactly one Linear head, last")
    return stages


def conv_design(
    *, name: str, study: str, stages: list[Stage], precision: str, input_precision: str | None = None,
    x: np.ndarray, labels: np.ndarray | None = None, float_scores: np.ndarray | None = None,
    metric: str = "auc", seed: int = 0, meta: dict[str, Any] | None = None,
) -> Design:  # fmt: skip
    """A :class:`Design` of the streaming datapath of ``stages`` on images ``x`` ``(N, C, H, W)``:
    one test row per image (the head on its whole final map, every other kernel on one seeded
    random window of that image)."""
    t, t_in = parse_ap_fixed(precision), parse_ap_fixed(input_precision or precision)
    x = np.asarray(x, dtype=np.float64)
    maps = stage_inputs(x, stages, t_in, t)
    rng = np.random.default_rng(seed)
    n, cols, windows = len(x), [], []
    for st, m in zip(stages, maps[:-1], strict=True):
        flat = m.reshape(n, -1)
        if st.kind == "dense":
            cols.append(flat)
            windows.append(1)
            continue
        idx = _window_index(m.shape[1:], st.kernel, st.stride)
        pick = rng.integers(len(idx), size=n)
        cols.append(np.take_along_axis(flat, idx[pick], axis=1))
        windows.append(len(idx))
    comb = trace(stages, t_in, t)
    info = {
        "architecture": "streaming (hls4ml io_stream): one kernel per stage; line buffers and stream control "
        "not in the traced logic",
        "stages": [{"kind": s.kind, "n_in": s.n_in, "n_out": s.n_out, "windows_per_image": w,
                    **({"kernel": s.kernel, "stride": s.stride} if s.kind != "dense" else {})}
                   for s, w in zip(stages, windows, strict=True)],
        "pixels_per_image": int(np.prod(x.shape[1:])), "parameters": int(sum(s.W.size + s.b.size for s in stages
                                                                            if s.W is not None)),
        "input_precision": str(t_in), **(meta or {}),
    }  # fmt: skip
    return Design(name=name, study=study, inputs=np.concatenate(cols, axis=1), comb=comb, labels=labels,
                  float_scores=float_scores, metric=metric, n_scores=None, meta=info,
                  precision=f"{precision} weights, activations and stage outputs (truncation, wrap), "
                  f"input {t_in}; exact accumulation inside a kernel")  # fmt: skip
