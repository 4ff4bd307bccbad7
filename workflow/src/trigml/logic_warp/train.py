"""Training loops of the logic study: classification (jets, digits) and exact Boolean functions.

Both methods (WARP, difflogic) go through the same loop; only the model's parametrisation and the
learning rate differ. Every history records the loss, the relaxed accuracy (noise-free continuous
network) and the discrete accuracy (hard truth tables, thresholds on fixed-point inputs) per epoch,
with the cumulative training wall time (evaluation excluded).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray

from .netlist import FixedPoint
from .network import LogicNetwork, relaxed
from .tasks import Split
from .thermometer import ThermometerEncoding, initial_thresholds

__all__ = ["build_model", "discrete_scores", "train_boolean", "train_classifier"]

log = logging.getLogger(__name__)


def build_model(
    spec: Mapping[str, Any],
    *,
    n_inputs: int,
    n_classes: int,
    widths: list[int],
    seed: int,
    x_fit: NDArray[np.float32] | None = None,
    encoding: Mapping[str, Any] | None = None,
) -> LogicNetwork:
    """A :class:`LogicNetwork` from a method block of the config (``method``, ``lut_rank``,
    ``temperature``, ``sampling``, ``residual_probability``) plus the task's ``widths``,
    ``group_tau`` (in ``spec``) and thermometer ``encoding`` (``bits``, ``init``, ``temperature``,
    ``noise``, ``learnable``), whose thresholds start from ``x_fit``."""
    encoder = None
    if encoding is not None:
        if x_fit is None:
            raise ValueError("a thermometer encoding needs training features (x_fit) to place its thresholds")
        encoder = ThermometerEncoding(
            thresholds=initial_thresholds(x_fit, int(encoding["bits"]), encoding.get("init", "quantile")),
            temperature=float(encoding.get("temperature", 0.1)),
            noise=bool(encoding.get("noise", False)),
            learnable=bool(encoding.get("learnable", True)),
        )
    return LogicNetwork(
        n_inputs=n_inputs,
        widths=widths,
        n_classes=n_classes,
        method=spec["method"],
        lut_rank=int(spec.get("lut_rank", 2)),
        temperature=float(spec.get("temperature", 1.0)),
        sampling=spec.get("sampling", "soft"),
        init=spec.get("init", "residual"),
        residual_probability=float(spec.get("residual_probability", 0.951)),
        group_tau=float(spec.get("group_tau", 1.0)),
        encoder=encoder,
        seed=seed,
    )


def discrete_scores(model: LogicNetwork, x: torch.Tensor, batch: int = 4096) -> torch.Tensor:
    """Class popcounts of the discrete network (eval mode; scores * group_tau, rounded)."""
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            out.append(model(x[i : i + batch]) * model.head.tau)
    return torch.round(torch.cat(out)).to(torch.int64)


def _relaxed_scores(model: LogicNetwork, x: torch.Tensor, batch: int = 4096) -> torch.Tensor:
    with relaxed(model):
        return torch.cat([model(x[i : i + batch]) for i in range(0, x.shape[0], batch)])


def _acc(scores: torch.Tensor, y: torch.Tensor) -> float:
    return float((scores.argmax(1) == y).float().mean())


def train_classifier(
    model: LogicNetwork,
    split: Split,
    *,
    epochs: int,
    batch_size: int,
    lr: float,
    seed: int,
    fixed: FixedPoint,
    device: str = "cpu",
) -> dict[str, Any]:
    """Adam on the cross-entropy of the GroupSum scores; evaluate after every epoch on the test set.

    The test features are quantised to ``fixed`` first, so the discrete accuracy is exactly that of
    the exported hardware.
    """
    if epochs < 1 or batch_size < 1 or lr <= 0:
        raise ValueError(f"need epochs >= 1, batch_size >= 1, lr > 0 (got {epochs}, {batch_size}, {lr})")
    if len(split.y_train) == 0 or len(split.y_test) == 0:
        raise ValueError("empty training or test set")
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)  # noise of the stochastic smoothing
    model.to(device)
    xtr = torch.as_tensor(split.x_train, device=device)
    ytr = torch.as_tensor(split.y_train, device=device)
    xq = fixed.dequantize(fixed.quantize(split.x_test)) if model.encoder is not None else split.x_test
    xte = torch.as_tensor(xq, device=device)
    yte = torch.as_tensor(split.y_test, device=device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    hist: dict[str, list[float]] = {k: [] for k in ("epoch", "loss", "relaxed_acc", "discrete_acc", "wall_s")}
    wall = 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        t0 = time.perf_counter()
        perm = torch.randperm(len(ytr), generator=gen).to(device)
        total, n = 0.0, 0
        for i in range(0, len(perm), batch_size):
            idx = perm[i : i + batch_size]
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
            n += len(idx)
        wall += time.perf_counter() - t0
        racc = _acc(_relaxed_scores(model, xte), yte)
        dacc = _acc(discrete_scores(model, xte), yte)
        for k, v in zip(hist, (epoch, total / n, racc, dacc, wall)):
            hist[k].append(v)
        log.info(
            "epoch %d: loss %.4f relaxed %.4f discrete %.4f (%.1f s)", epoch, total / n, racc, dacc, wall
        )
    model.cpu()
    return {
        "history": hist,
        "final": {
            "loss": hist["loss"][-1],
            "relaxed_acc": hist["relaxed_acc"][-1],
            "discrete_acc": hist["discrete_acc"][-1],
            "train_wall_s": wall,
        },
    }


def train_boolean(
    model: LogicNetwork,
    x: NDArray[np.bool_],
    y: NDArray[np.int64],
    *,
    max_steps: int,
    lr: float,
    seed: int,
    device: str = "cpu",
) -> dict[str, Any]:
    """Full-batch Adam on the whole truth table until the discrete network is exact.

    Returns ``steps_to_exact`` (optimizer steps done when the discrete network first reproduces
    the function on all 2^n inputs; 0 = exact at initialisation; None = not within ``max_steps``)
    and the per-step history of loss and discrete accuracy.
    """
    if max_steps < 1 or lr <= 0:
        raise ValueError(f"need max_steps >= 1 and lr > 0 (got {max_steps}, {lr})")
    torch.manual_seed(seed)
    model.to(device)
    xt = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)
    yt = torch.as_tensor(np.asarray(y, dtype=np.int64), device=device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    hist: dict[str, list[float]] = {"step": [], "loss": [], "discrete_acc": [], "wall_s": []}
    wall, steps_to_exact = 0.0, None
    for step in range(0, max_steps + 1):
        acc = _acc(discrete_scores(model, xt), yt)
        if step > 0:
            hist["step"].append(step)
            hist["loss"].append(float(loss.detach()))  # noqa: F821 - set in the previous iteration
            hist["discrete_acc"].append(acc)
            hist["wall_s"].append(wall)
        if acc == 1.0:
            steps_to_exact = step
            break
        if step == max_steps:
            break
        model.train()
        t0 = time.perf_counter()
        loss = loss_fn(model(xt), yt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        wall += time.perf_counter() - t0
    model.cpu()
    return {"steps_to_exact": steps_to_exact, "train_wall_s": wall, "history": hist}
