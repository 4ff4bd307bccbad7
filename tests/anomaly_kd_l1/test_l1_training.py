"""Teacher/student training: co-learning updates both models, the baseline keeps the teacher frozen."""

import numpy as np
import pytest
from trigml.anomaly_kd_l1 import models
from trigml.anomaly_kd_l1.training import (
    Technique,
    TrainConfig,
    distill,
    reconstruction_mse,
    train_autoencoder,
)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (96, 57)).astype(np.float32)
    return x[:64], x[64:]


def _changed(before, after):
    return any(not np.array_equal(a, b) for a, b in zip(before, after))


def test_technique_switches_from_config():
    t = Technique.from_config({"colearn": True, "outlier_exposure": True, "outlier_source": "noise"})
    assert t.colearn and t.outlier_exposure and t.outlier_source == "noise" and not t.noise_exposure
    with pytest.raises(ValueError, match="unknown technique switches"):
        Technique.from_config({"co_learning": True})
    with pytest.raises(ValueError, match="outlier_source"):
        Technique.from_config({"outlier_source": "signal"})


def test_parameter_counts_of_the_default_models():
    assert models.n_params(models.teacher_autoencoder(hidden=(128, 64), latent=16)) == 33481
    assert models.n_params(models.student_regressor(hidden=(16, 8))) == 1073
    assert models.autoencoder_latent_for_budget(1073) == 8
    assert models.n_params(models.small_autoencoder(latent=8)) == 977 <= 1073


def test_colearning_step_updates_teacher_and_student(data):
    x_tr, x_va = data
    teacher = models.teacher_autoencoder(hidden=(8,), latent=2, seed=1)
    student = models.student_regressor(hidden=(4,), seed=1)
    t0, s0 = teacher.get_weights(), student.get_weights()
    cfg = TrainConfig(epochs=1, batch_size=32, seed=1)
    hist = distill(
        student, teacher, x_tr, x_va, Technique(colearn=True, noise_exposure=True, tail_weighting=True), cfg
    )
    assert _changed(t0, teacher.get_weights()) and _changed(s0, student.get_weights())
    assert len(hist["student_val"]) == 1 and np.isfinite(hist["student_val"][0])
    # the student's output is standardised: target = mean + std * output, std > 0
    assert hist["target_std"][0] > 0 and np.isfinite(hist["target_mean"][0])


def test_baseline_distillation_keeps_the_teacher_frozen(data):
    x_tr, x_va = data
    teacher = models.teacher_autoencoder(hidden=(8,), latent=2, seed=1)
    train_autoencoder(teacher, x_tr, x_va, TrainConfig(epochs=2, batch_size=32, seed=1))
    t0 = teacher.get_weights()
    student = models.student_regressor(hidden=(4,), seed=1)
    outliers = np.random.default_rng(3).uniform(0, 2, (20, 57)).astype(np.float32)
    distill(
        student,
        teacher,
        x_tr,
        x_va,
        Technique(outlier_exposure=True),
        TrainConfig(epochs=1, batch_size=32, seed=1),
        outliers=outliers,
    )
    assert not _changed(t0, teacher.get_weights())
    assert reconstruction_mse(teacher, x_va).shape == (32,)
    with pytest.raises(ValueError, match="no pseudo-outlier events"):
        distill(student, teacher, x_tr, x_va, Technique(outlier_exposure=True), TrainConfig(epochs=1))


def test_distilled_student_follows_a_fixed_teacher():
    """A few epochs of distillation bring the student's de-standardised output close to the teacher
    target: inputs a * u with a random amplitude a, so the (bias-free, positively homogeneous) initial
    teacher's MSE scales with a**2 and there is something to learn."""
    from trigml.anomaly_kd.distill import score_to_target
    from trigml.anomaly_kd_l1.steps import student_target

    rng = np.random.default_rng(5)

    def sample(n):
        return (rng.uniform(0.2, 2.0, (n, 1)) * rng.uniform(0, 1, (n, 57))).astype(np.float32)

    x_tr, x_va = sample(1024), sample(256)
    teacher = models.teacher_autoencoder(hidden=(8,), latent=2, seed=2)
    student = models.student_regressor(hidden=(8,), seed=2)
    t_val = score_to_target(reconstruction_mse(teacher, x_va))
    before = np.mean(np.abs(t_val - np.median(t_val)))  # error of the best constant guess
    hist = distill(
        student, teacher, x_tr, x_va, Technique(), TrainConfig(epochs=10, batch_size=64, lr=3e-3, seed=2)
    )
    pred = student_target(student, x_va, hist["target_mean"][0], hist["target_std"][0])
    assert np.mean(np.abs(pred - t_val)) < 0.5 * before
