"""Training: the teacher autoencoder, the distilled students (with the paper's techniques), the
student-size autoencoder trained without distillation.

Techniques (each a flag of :class:`Technique`, each an ablation row):

- ``colearn``: teacher and student start together from scratch; every step updates the teacher on
  its reconstruction loss and the student on the *current* teacher's scores (one ``GradientTape``);
- ``outlier_exposure``: each student batch is extended with pseudo-outliers (``outlier_source``:
  other SM processes, or detector-noise-like events — never the evaluation signals) labelled with
  the teacher's scores; the teacher never trains on them;
- ``noise_exposure``: student inputs (and the teacher scores they are labelled with) get
  ``noise_sigma`` · N(0, 1) on the filled objects;
- ``tail_weighting`` (ours): events whose teacher target lies above the batch's ``tail_quantile``
  weigh ``tail_weight`` times more in the student's L1 loss, so the student spends its few
  parameters on the high-score tail that decides the trigger at FPR 1e-5 … 1e-3.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.anomaly_kd.distill import score_to_target
from trigml.anomaly_kd.techniques import add_noise, mix_outliers
from trigml.hardware.hls4ml import quiet_tensorflow

from .features import present_mask

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Technique:
    """Switches of one ablation row."""

    colearn: bool = False
    outlier_exposure: bool = False
    noise_exposure: bool = False
    tail_weighting: bool = False
    outlier_source: str = "sm"  # sm: other SM processes | noise: detector-noise-like events

    def __post_init__(self) -> None:
        if self.outlier_source not in ("sm", "noise"):
            raise ValueError(f"outlier_source must be 'sm' or 'noise', got {self.outlier_source!r}")

    @classmethod
    def from_config(cls, flags: Mapping[str, bool | str]) -> Technique:
        unknown = set(flags) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(
                f"unknown technique switches {sorted(unknown)}; known: {sorted(cls.__dataclass_fields__)}"
            )
        return cls(**{k: (str(v) if k == "outlier_source" else bool(v)) for k, v in flags.items()})


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 20
    batch_size: int = 256
    lr: float = 1e-3
    outlier_fraction: float = 0.25
    noise_sigma: float = 0.05
    tail_quantile: float = 0.9
    tail_weight: float = 4.0
    norm_momentum: float = 0.98
    seed: int = 0

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch_size < 1:
            raise ValueError("epochs and batch_size must be >= 1")


def _tf() -> Any:
    quiet_tensorflow()
    import tensorflow as tf

    return tf


def reconstruction_mse(model: Any, x: NDArray[np.floating], batch_size: int = 4096) -> NDArray[np.float64]:
    """Per-event mean squared reconstruction error (the autoencoders' anomaly score)."""
    rec = model.predict(x, batch_size=batch_size, verbose=0)
    return np.mean((np.asarray(rec, np.float64) - np.asarray(x, np.float64)) ** 2, axis=1)


def predict_scalar(model: Any, x: NDArray[np.floating], batch_size: int = 4096) -> NDArray[np.float64]:
    return np.asarray(model.predict(x, batch_size=batch_size, verbose=0), np.float64).reshape(-1)


def train_autoencoder(
    model: Any, x_train: NDArray[np.float32], x_val: NDArray[np.float32], cfg: TrainConfig
) -> dict[str, list[float]]:
    """Plain autoencoder training (MSE), best validation weights restored. Returns the loss history."""
    tf = _tf()
    tf.keras.utils.set_random_seed(cfg.seed)
    opt = tf.keras.optimizers.Adam(cfg.lr)
    rng = np.random.default_rng(cfg.seed)
    history: dict[str, list[float]] = {"train": [], "val": []}
    best, best_w = np.inf, model.get_weights()

    @tf.function(reduce_retracing=True)
    def step(xb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(xb, training=True) - xb))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        return loss

    for epoch in range(cfg.epochs):
        perm = rng.permutation(len(x_train))
        losses = [
            float(step(tf.constant(x_train[perm[i : i + cfg.batch_size]])))
            for i in range(0, len(perm), cfg.batch_size)
        ]
        val = float(np.mean(reconstruction_mse(model, x_val)))
        history["train"].append(float(np.mean(losses)))
        history["val"].append(val)
        if val < best:
            best, best_w = val, model.get_weights()
        log.info(
            "%s epoch %d/%d: train %.5f val %.5f",
            model.name,
            epoch + 1,
            cfg.epochs,
            history["train"][-1],
            val,
        )
    model.set_weights(best_w)
    return history


def _student_batch(
    xb: NDArray[np.float32],
    technique: Technique,
    cfg: TrainConfig,
    outliers: NDArray[np.float32],
    rng: np.random.Generator,
) -> NDArray[np.float32]:
    xs = xb
    if technique.noise_exposure:
        mask = present_mask(xb)
        xs = (xb + mask * (add_noise(xb, sigma=cfg.noise_sigma, rng=rng) - xb)).astype(np.float32)
    if technique.outlier_exposure:
        xs = mix_outliers(xs, outliers, fraction=cfg.outlier_fraction, rng=rng)
    return xs


def _distill_step(
    student: Any, teacher: Any, technique: Technique, cfg: TrainConfig, mu: Any, sd: Any
) -> Any:
    """The compiled training step of :func:`distill`: one student L1 step on the standardised target
    (``mu``, ``sd`` updated as a moving average) and, with co-learning, one teacher MSE step."""
    tf = _tf()
    opt_s = tf.keras.optimizers.Adam(cfg.lr)
    opt_t = tf.keras.optimizers.Adam(cfg.lr)
    tail_q, tail_w = float(cfg.tail_quantile), float(cfg.tail_weight if technique.tail_weighting else 1.0)
    momentum = tf.constant(cfg.norm_momentum, tf.float32)

    def target_of(x):
        return tf.math.log1p(tf.reduce_mean(tf.square(teacher(x, training=False) - x), axis=1))

    def weights_of(t):
        if tail_w == 1.0:
            return tf.ones_like(t)
        k = tf.cast(tf.math.floor(tail_q * tf.cast(tf.size(t) - 1, tf.float32)), tf.int32)
        thr = tf.sort(t)[k]
        return tf.where(t > thr, tail_w, 1.0)

    @tf.function(reduce_retracing=True)
    def step(xb, xs):
        with tf.GradientTape(persistent=True) as tape:
            t_loss = tf.reduce_mean(tf.square(teacher(xb, training=True) - xb))
            target = tf.stop_gradient(target_of(xs))
            mu.assign(momentum * mu + (1.0 - momentum) * tf.reduce_mean(target))
            sd.assign(momentum * sd + (1.0 - momentum) * (tf.math.reduce_std(target) + 1e-6))
            z = (target - mu) / sd
            pred = tf.reshape(student(xs, training=True), [-1])
            w = weights_of(target)
            s_loss = tf.reduce_sum(w * tf.abs(pred - z)) / tf.reduce_sum(w)
        opt_s.apply_gradients(
            zip(tape.gradient(s_loss, student.trainable_variables), student.trainable_variables)
        )
        if technique.colearn:
            opt_t.apply_gradients(
                zip(tape.gradient(t_loss, teacher.trainable_variables), teacher.trainable_variables)
            )
        del tape
        return t_loss, s_loss

    return step


def distill(
    student: Any,
    teacher: Any,
    x_train: NDArray[np.float32],
    x_val: NDArray[np.float32],
    technique: Technique,
    cfg: TrainConfig,
    *,
    outliers: NDArray[np.float32] | None = None,
) -> dict[str, list[float]]:
    """Train ``student`` to regress log(MSE + 1) of ``teacher`` (L1 loss), with the technique's switches.

    The student's output y is the standardised target: log(MSE + 1) = mu + sd * y, with mu and sd
    an exponential moving average of the teacher's batch targets (for a fixed teacher: its target
    mean and spread; in co-learning they follow the teacher as it learns). A fixed-point student
    thus works with O(1) numbers, and y is monotonic in the teacher-scale score. Without
    co-learning the teacher is frozen (already trained); with co-learning it is updated in the
    same step on the background batch. Best validation weights (student L1 error against the
    teacher's validation targets, in target units) are restored with their mu and sd, returned
    in the history as ``target_mean`` / ``target_std``.
    """
    tf = _tf()
    tf.keras.utils.set_random_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    if technique.outlier_exposure and (outliers is None or len(outliers) == 0):
        raise ValueError("outlier exposure is on but no pseudo-outlier events were given")
    outliers = outliers if outliers is not None else np.zeros((0, x_train.shape[1]), np.float32)
    # the student regresses the standardised target (t - mu) / sd: keeps the fixed-point outputs O(1).
    # mu, sd follow the batch statistics of the (possibly co-trained) teacher's targets (EMA).
    mu = tf.Variable(0.0, trainable=False, dtype=tf.float32)
    sd = tf.Variable(1.0, trainable=False, dtype=tf.float32)
    step = _distill_step(student, teacher, technique, cfg, mu, sd)

    # initialise the normalisation on the first batch's targets
    t0 = score_to_target(reconstruction_mse(teacher, x_train[: cfg.batch_size]))
    mu.assign(float(np.mean(t0)))
    sd.assign(float(np.std(t0)) + 1e-6)

    history: dict[str, list[float]] = {
        "student_train": [],
        "student_val": [],
        "teacher_train": [],
        "teacher_val": [],
    }
    best, best_s, best_t = np.inf, student.get_weights(), teacher.get_weights()
    best_norm = (float(mu.numpy()), float(sd.numpy()))
    for epoch in range(cfg.epochs):
        perm = rng.permutation(len(x_train))
        t_losses, s_losses = [], []
        for i in range(0, len(perm), cfg.batch_size):
            xb = x_train[perm[i : i + cfg.batch_size]]
            xs = _student_batch(xb, technique, cfg, outliers, rng)
            tl, sl = step(tf.constant(xb), tf.constant(xs))
            t_losses.append(float(tl))
            s_losses.append(float(sl))
        t_val = reconstruction_mse(teacher, x_val)
        norm = (float(mu.numpy()), float(sd.numpy()))
        pred_val = predict_scalar(student, x_val) * norm[1] + norm[0]
        s_val = float(np.mean(np.abs(pred_val - score_to_target(t_val))))
        history["student_train"].append(float(np.mean(s_losses)))
        history["teacher_train"].append(float(np.mean(t_losses)))
        history["student_val"].append(s_val)
        history["teacher_val"].append(float(np.mean(t_val)))
        # co-learning: select on the sum (the teacher's reconstruction must improve too)
        crit = s_val + (float(np.mean(t_val)) if technique.colearn else 0.0)
        if crit < best:
            best, best_s, best_t, best_norm = crit, student.get_weights(), teacher.get_weights(), norm
        log.info(
            "epoch %d/%d: student L1 train %.4f (standardised) val %.5f | teacher MSE val %.5f",
            epoch + 1, cfg.epochs, history["student_train"][-1], s_val, history["teacher_val"][-1],
        )  # fmt: skip
    history["target_mean"] = [best_norm[0]]
    history["target_std"] = [best_norm[1]]
    student.set_weights(best_s)
    teacher.set_weights(best_t)
    return history
