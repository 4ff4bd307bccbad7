"""Training loops of the logic study: classification (jets, digits) and exact Boolean functions.

Every model (WARP at any k, difflogic) goes through the same loop; only the parametrisation
differs. A classification history records per epoch the training loss and, on the validation set,
the relaxed accuracy (noise-free continuous network) and the discrete accuracy (hard truth tables,
thresholds on fixed-point inputs), with the cumulative training wall time (evaluation excluded).
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray

from .netlist import FixedPoint
from .network import LogicNetwork, relaxed
from .settings import Encoding, ModelSpec
from .tasks import Split
from .thermometer import ThermometerEncoding, initial_thresholds

__all__ = ["build_model", "discrete_scores", "train_boolean", "train_classifier"]

log = logging.getLogger(__name__)


def build_model(
    spec: ModelSpec,
    *,
    n_inputs: int,
    n_classes: int,
    widths: Sequence[int],
    group_tau: float,
    seed: int,
    x_fit: NDArray[np.float32] | None = None,
    encoding: Encoding | None = None,
) -> LogicNetwork:
    """A :class:`LogicNetwork` of model ``spec`` with the task's ``widths`` and ``group_tau``; real
    inputs go through a thermometer ``encoding`` whose thresholds start from ``x_fit``."""
    encoder = None
    if encoding is not None:
        if x_fit is None:
            raise ValueError("a thermometer encoding needs training features (x_fit) to place its thresholds")
        encoder = ThermometerEncoding(
            thresholds=initial_thresholds(x_fit, encoding.bits, encoding.init),
            temperature=encoding.temperature,
            noise=encoding.noise,
            learnable=encoding.learnable,
        )
    return LogicNetwork(
        n_inputs=n_inputs,
        widths=list(widths),
        n_classes=n_classes,
        method=spec.method,
        lut_rank=spec.lut_rank,
        temperature=spec.temperature,
        sampling=spec.sampling,
        init=spec.init,
        residual_probability=spec.residual_probability,
        group_tau=group_tau,
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


def _epoch(model: LogicNetwork, opt: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor, perm: torch.Tensor,
           batch_size: int) -> float:  # fmt: skip
    """One pass of Adam over ``perm``; the mean training loss."""
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    total = 0.0
    for i in range(0, len(perm), batch_size):
        idx = perm[i : i + batch_size]
        loss = loss_fn(model(x[idx]), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        total += float(loss.detach()) * len(idx)
    return total / len(perm)


def _quantised(model: LogicNetwork, x: NDArray[np.float32], fixed: FixedPoint, device: str) -> torch.Tensor:
    """Features as the hardware sees them (fixed-point) for a thermometer-encoded network."""
    xq = fixed.dequantize(fixed.quantize(x)) if model.encoder is not None else x
    return torch.as_tensor(xq, device=device)


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
    """Adam on the cross-entropy of the GroupSum scores; after every epoch the relaxed and discrete
    accuracy on the *validation* set. The network of the epoch with the best validation discrete
    accuracy (the earliest on ties) is kept and only then evaluated once on the test set.

    Validation and test features are quantised to ``fixed`` first, so the discrete accuracy is
    exactly that of the exported hardware.
    """
    if epochs < 1 or batch_size < 1 or lr <= 0:
        raise ValueError(f"need epochs >= 1, batch_size >= 1, lr > 0 (got {epochs}, {batch_size}, {lr})")
    if min(len(split.y_train), len(split.y_val), len(split.y_test)) == 0:
        raise ValueError("empty training, validation or test set")
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)  # noise of the stochastic smoothing
    model.to(device)
    xtr, ytr = torch.as_tensor(split.x_train, device=device), torch.as_tensor(split.y_train, device=device)
    xva, yva = _quantised(model, split.x_val, fixed, device), torch.as_tensor(split.y_val, device=device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    keys = ("epoch", "loss", "val_relaxed_acc", "val_discrete_acc", "wall_s")
    hist: dict[str, list[float]] = {k: [] for k in keys}
    wall, best, best_state = 0.0, -1.0, None
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        loss = _epoch(model, opt, xtr, ytr, torch.randperm(len(ytr), generator=gen).to(device), batch_size)
        wall += time.perf_counter() - t0
        racc, dacc = _acc(_relaxed_scores(model, xva), yva), _acc(discrete_scores(model, xva), yva)
        for k, v in zip(keys, (epoch, loss, racc, dacc, wall)):
            hist[k].append(v)
        if dacc > best:
            best, best_state = dacc, copy.deepcopy(model.state_dict())
        log.info("epoch %d: loss %.4f val relaxed %.4f discrete %.4f (%.1f s)", epoch, loss, racc, dacc, wall)
    model.load_state_dict(best_state)
    xte, yte = _quantised(model, split.x_test, fixed, device), torch.as_tensor(split.y_test, device=device)
    final = {
        "best_epoch": int(np.argmax(hist["val_discrete_acc"])) + 1,
        "val_discrete_acc": best,
        "test_relaxed_acc": _acc(_relaxed_scores(model, xte), yte),
        "test_discrete_acc": _acc(discrete_scores(model, xte), yte),
        "train_wall_s": wall,
    }
    model.cpu()
    return {"history": hist, "final": final}


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
