"""Training loops of the four techniques of Pol et al. (2023).

- ``baseline``: the teacher is trained alone (MSE reconstruction loss), then frozen; the students
  fit its scores ``log(MSE + 1)`` with an L1 loss (:func:`train_teacher`, :func:`train_students`).
- ``colearning``: teacher and students train together, batch by batch; each student step fits the
  scores of the teacher as it is at that step (:func:`colearn`).
- ``outlier_exposure``: co-learning where each student batch also holds pseudo-outliers (images
  of another dataset, :func:`trigml.anomaly_kd.techniques.mix_outliers`) labelled with the teacher's
  scores; the teacher never trains on them.
- ``noise_exposure``: co-learning where the students see ``x + sigma * N(0, 1)`` clipped to
  [0, 1] (:func:`trigml.anomaly_kd.techniques.add_noise`) and fit the teacher's scores of those noisy
  images; the teacher trains on clean images.

All use Adam (lr 1e-3, weight decay 1e-5), ReduceLROnPlateau on the validation loss and batches of
100, as the authors did. One departure (``standardise_targets``, on by default): the students regress
the target standardised, ``(log(MSE + 1) - mean) / std`` (:class:`TargetScaler`), and the affine map
is folded back into their last layer when training ends, so a saved student outputs log(MSE + 1) as
the authors' do. The teacher's log(MSE + 1) spreads over ~0.01: an L1 fit on that scale from a
random start needs far more steps than a CPU run affords. Baseline keeps each model's best validation epoch; co-learning keeps the
last epoch of teacher and students together, so each student matches the teacher it learnt from.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from trigml.anomaly_kd.techniques import add_noise, mix_outliers

from .models import ConvAutoencoder

log = logging.getLogger(__name__)

TECHNIQUES = ("baseline", "colearning", "outlier_exposure", "noise_exposure")
COLEARNING_TECHNIQUES = TECHNIQUES[1:]


@dataclass
class TrainSettings:
    """Hyper-parameters shared by every technique (the authors' values as defaults)."""

    epochs: int = 300
    batch_size: int = 100
    lr: float = 1e-3
    weight_decay: float = 1e-5
    lr_patience: int = 10
    lr_factor: float = 0.1
    noise_sigma: float = 0.1
    outlier_fraction: float = 0.4
    standardise_targets: bool = True
    target_momentum: float = 0.05
    seed: int = 0
    device: str = "cpu"
    progress: bool = True

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch_size < 1:
            raise ValueError("epochs and batch_size must be >= 1")


def student_target(teacher: ConvAutoencoder, x: torch.Tensor) -> torch.Tensor:
    """log(MSE + 1) of the teacher on ``x``, shape (N, 1), no gradient."""
    with torch.no_grad():
        return torch.log1p(teacher.score(x))[:, None]


class TargetScaler:
    """Standardises the students' target: ``z = (t - mean) / std``.

    ``update`` sets mean and std from the first batch of targets it sees; with a ``momentum`` later
    batches move them as an exponential moving average (co-learning: the teacher keeps changing),
    without one they stay fixed. ``fold`` writes the inverse map into a student's last ``Linear``
    layer. ``enabled=False`` makes every method the identity.
    """

    def __init__(self, *, enabled: bool, momentum: float | None) -> None:
        self.enabled, self.momentum = enabled, momentum
        self.mean, self.std, self.seen = 0.0, 1.0, False

    def update(self, t: torch.Tensor) -> None:
        if not self.enabled or (self.seen and self.momentum is None):
            return
        m, sd = float(t.mean()), max(float(t.std()) if t.numel() > 1 else 0.0, 1e-8)
        if not self.seen:
            self.mean, self.std, self.seen = m, sd, True
        else:
            a = float(self.momentum)  # type: ignore[arg-type]
            self.mean, self.std = (1 - a) * self.mean + a * m, (1 - a) * self.std + a * sd

    def z(self, t: torch.Tensor) -> torch.Tensor:
        return (t - self.mean) / self.std

    def fold(self, student: nn.Module) -> None:
        """Make ``student`` output ``mean + std * output`` by rescaling its last Linear layer."""
        if not self.enabled:
            return
        last = [m for m in student.modules() if isinstance(m, nn.Linear)][-1]
        with torch.no_grad():
            last.weight.mul_(self.std)
            last.bias.mul_(self.std).add_(self.mean)


def _optim(model: nn.Module, s: TrainSettings) -> tuple[torch.optim.Optimizer, Any]:
    opt = torch.optim.Adam(model.parameters(), lr=s.lr, weight_decay=s.weight_decay)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, "min", patience=s.lr_patience, factor=s.lr_factor)
    return opt, sched


def _batches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    perm = rng.permutation(n)
    return [perm[i : i + batch_size] for i in range(0, n, batch_size)]


def _t(x: np.ndarray, device: str) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)).to(device)


def _eval_teacher(teacher: ConvAutoencoder, x: torch.Tensor, batch_size: int) -> float:
    teacher.eval()
    with torch.no_grad():
        loss = torch.cat([teacher.score(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]).mean()
    return float(loss)


def _eval_students(
    students: nn.ModuleDict, teacher: ConvAutoencoder, x: torch.Tensor, batch_size: int, scaler: TargetScaler
) -> dict[str, float]:
    teacher.eval()
    students.eval()
    out = {}
    with torch.no_grad():
        tgt = scaler.z(
            torch.cat([student_target(teacher, x[i : i + batch_size]) for i in range(0, len(x), batch_size)])
        )
        for name, st in students.items():
            pred = torch.cat([st(x[i : i + batch_size]) for i in range(0, len(x), batch_size)])
            out[name] = float(nn.functional.l1_loss(pred, tgt))
    return out


def _student_step(
    students: nn.ModuleDict, opts: dict[str, torch.optim.Optimizer], x: torch.Tensor, tgt: torch.Tensor
) -> dict[str, float]:
    """One L1 step of every student towards ``tgt``. The students share no parameters, so one
    backward pass of the summed losses gives each exactly its own gradient."""
    for o in opts.values():
        o.zero_grad()
    losses = {k: nn.functional.l1_loss(st(x), tgt) for k, st in students.items()}
    torch.stack(list(losses.values())).sum().backward()
    for o in opts.values():
        o.step()
    return {k: float(v.detach()) for k, v in losses.items()}


def train_teacher(
    teacher: ConvAutoencoder, x_train: np.ndarray, x_val: np.ndarray, s: TrainSettings
) -> dict[str, list[float]]:
    """Baseline teacher: MSE reconstruction on ``x_train``; restores the best validation epoch."""
    rng = np.random.default_rng(s.seed)
    teacher.to(s.device)
    opt, sched = _optim(teacher, s)
    xv = _t(x_val, s.device)
    hist: dict[str, list[float]] = {"train": [], "val": []}
    best, best_state = float("inf"), None
    for epoch in range(s.epochs):
        teacher.train()
        tot = 0.0
        for idx in _batches(len(x_train), s.batch_size, rng):
            x = _t(x_train[idx], s.device)
            loss = teacher.score(x).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss.detach()) * len(idx)
        val = _eval_teacher(teacher, xv, s.batch_size)
        sched.step(val)
        hist["train"].append(tot / len(x_train))
        hist["val"].append(val)
        if val < best:
            best, best_state = val, copy.deepcopy(teacher.state_dict())
        log.info("teacher epoch %d/%d: train %.5f, val %.5f", epoch + 1, s.epochs, hist["train"][-1], val)
    teacher.load_state_dict(best_state)  # type: ignore[arg-type]
    teacher.eval()
    return hist


def train_students(
    teacher: ConvAutoencoder,
    students: nn.ModuleDict,
    x_train: np.ndarray,
    x_val: np.ndarray,
    s: TrainSettings,
) -> dict[str, dict[str, list[float]]]:
    """Baseline students: L1 fit of the frozen teacher's log(MSE + 1); each keeps its best validation epoch."""
    rng = np.random.default_rng(s.seed + 1)
    teacher.to(s.device).eval()
    students.to(s.device)
    for p in teacher.parameters():
        p.requires_grad_(False)
    xv = _t(x_val, s.device)
    scaler = TargetScaler(enabled=s.standardise_targets, momentum=None)
    with torch.no_grad():
        xt_all = _t(x_train, s.device)
        scaler.update(
            torch.cat([student_target(teacher, xt_all[i : i + 1000]) for i in range(0, len(xt_all), 1000)])
        )
    opts = {k: _optim(st, s) for k, st in students.items()}
    hist = {k: {"train": [], "val": []} for k in students}
    best = {k: (float("inf"), None) for k in students}
    for epoch in range(s.epochs):
        students.train()
        tot = dict.fromkeys(students, 0.0)
        for idx in _batches(len(x_train), s.batch_size, rng):
            x = _t(x_train[idx], s.device)
            losses = _student_step(
                students, {k: o for k, (o, _) in opts.items()}, x, scaler.z(student_target(teacher, x))
            )
            for k in students:
                tot[k] += losses[k] * len(idx)
        val = _eval_students(students, teacher, xv, s.batch_size, scaler)
        for k in students:
            opts[k][1].step(val[k])
            hist[k]["train"].append(tot[k] / len(x_train))
            hist[k]["val"].append(val[k])
            if val[k] < best[k][0]:
                best[k] = (val[k], copy.deepcopy(students[k].state_dict()))
        log.info(
            "students epoch %d/%d: val %s",
            epoch + 1,
            s.epochs,
            " ".join(f"{k}={v:.3f}" for k, v in val.items()),
        )
    for k, st in students.items():
        st.load_state_dict(best[k][1])  # type: ignore[arg-type]
        scaler.fold(st)
    for p in teacher.parameters():
        p.requires_grad_(True)
    students.eval()
    return hist


def colearn_step(
    teacher: ConvAutoencoder,
    students: nn.ModuleDict,
    x: np.ndarray,
    *,
    technique: str,
    teacher_opt: torch.optim.Optimizer,
    student_opts: dict[str, torch.optim.Optimizer],
    rng: np.random.Generator,
    s: TrainSettings,
    scaler: TargetScaler,
    outliers: np.ndarray | None = None,
) -> tuple[float, dict[str, float]]:
    """One co-learning update on the batch ``x`` (numpy, (N, 1, H, W) in [0, 1]).

    The teacher takes one MSE step on the clean batch; the students take one L1 step towards the
    teacher's log(MSE + 1) on their inputs (the batch; plus pseudo-outliers; or the noisy batch),
    scored by the teacher as it was at the start of the step (standardised by ``scaler``, which
    this step updates). Returns the losses.
    """
    if technique not in COLEARNING_TECHNIQUES:
        raise ValueError(
            f"unknown co-learning technique {technique!r}; expected one of {COLEARNING_TECHNIQUES}"
        )
    if technique == "outlier_exposure":
        if outliers is None or len(outliers) == 0:
            raise ValueError("outlier_exposure needs a non-empty outlier sample")
        xs = mix_outliers(x, outliers, fraction=s.outlier_fraction, rng=rng)
    elif technique == "noise_exposure":
        xs = add_noise(x, sigma=s.noise_sigma, rng=rng, clip=(0.0, 1.0))
    else:
        xs = x
    xt = _t(x, s.device)
    teacher.train()
    reco = teacher(xt)
    mse = ConvAutoencoder.mse(xt, reco)
    if xs is x:
        tgt = torch.log1p(mse.detach())[:, None]
        xs_t = xt
    else:
        xs_t = _t(xs, s.device)
        tgt = student_target(teacher, xs_t)
    t_loss = mse.mean()
    teacher_opt.zero_grad()
    t_loss.backward()
    teacher_opt.step()
    students.train()
    scaler.update(tgt)
    return float(t_loss.detach()), _student_step(students, student_opts, xs_t, scaler.z(tgt))


def colearn(
    teacher: ConvAutoencoder,
    students: nn.ModuleDict,
    x_train: np.ndarray,
    x_val: np.ndarray,
    s: TrainSettings,
    *,
    technique: str,
    outliers: np.ndarray | None = None,
) -> dict[str, Any]:
    """Co-learning (optionally with outlier or noise exposure) for ``s.epochs`` epochs; keeps the last epoch."""
    rng = np.random.default_rng(s.seed)
    teacher.to(s.device)
    students.to(s.device)
    t_opt, t_sched = _optim(teacher, s)
    s_opts = {k: _optim(st, s) for k, st in students.items()}
    xv = _t(x_val, s.device)
    scaler = TargetScaler(enabled=s.standardise_targets, momentum=s.target_momentum)
    hist: dict[str, Any] = {
        "teacher": {"train": [], "val": []},
        "students": {k: {"train": [], "val": []} for k in students},
    }
    for epoch in range(s.epochs):
        t_tot, s_tot = 0.0, dict.fromkeys(students, 0.0)
        for idx in _batches(len(x_train), s.batch_size, rng):
            tl, sl = colearn_step(
                teacher, students, x_train[idx], technique=technique, teacher_opt=t_opt,
                student_opts={k: o for k, (o, _) in s_opts.items()}, rng=rng, s=s, scaler=scaler, outliers=outliers,
            )  # fmt: skip
            t_tot += tl * len(idx)
            for k in students:
                s_tot[k] += sl[k] * len(idx)
        t_val = _eval_teacher(teacher, xv, s.batch_size)
        s_val = _eval_students(students, teacher, xv, s.batch_size, scaler)
        t_sched.step(t_val)
        hist["teacher"]["train"].append(t_tot / len(x_train))
        hist["teacher"]["val"].append(t_val)
        for k in students:
            s_opts[k][1].step(s_val[k])
            hist["students"][k]["train"].append(s_tot[k] / len(x_train))
            hist["students"][k]["val"].append(s_val[k])
        log.info("%s epoch %d/%d: teacher val %.5f, students val %s", technique, epoch + 1, s.epochs, t_val,
                 " ".join(f"{k}={v:.3f}" for k, v in s_val.items()))  # fmt: skip
    for st in students.values():
        scaler.fold(st)
    teacher.eval()
    students.eval()
    return hist


def predict(
    teacher: ConvAutoencoder,
    students: nn.ModuleDict,
    x: np.ndarray,
    *,
    batch_size: int = 1000,
    device: str = "cpu",
) -> dict[str, np.ndarray]:
    """Teacher MSE (key ``teacher``) and each student's output (log(MSE + 1) scale) on ``x``."""
    teacher.to(device).eval()
    students.to(device).eval()
    out: dict[str, list[np.ndarray]] = {"teacher": [], **{k: [] for k in students}}
    with torch.no_grad():
        for i in range(0, len(x), batch_size):
            xb = _t(x[i : i + batch_size], device)
            out["teacher"].append(teacher.score(xb).cpu().numpy())
            for k, st in students.items():
                out[k].append(st(xb)[:, 0].cpu().numpy())
    return {k: np.concatenate(v).astype(np.float64) for k, v in out.items()}
