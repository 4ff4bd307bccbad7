"""One function per workflow step (the scripts in scripts/anomaly_kd_l1 call these).

Score files (``.npz``) hold, per model role (``teacher``, ``student``, ``ae``), the anomaly score of
every evaluation set: ``<role>__background`` (background test split), ``<role>__background_val``
(background validation split) and ``<role>__signal_<name>`` (validation and test halves: see
:mod:`trigml.anomaly_kd_l1.evaluate`).
Teacher and small-autoencoder scores are MSEs; student scores are ``target_to_score`` of the
student's output (MSE scale), so every score is comparable with the teacher's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.anomaly_kd.distill import target_to_score
from trigml.files import atomic_path, write_json

from . import models
from .features import load_dataset, signal_names
from .training import (
    Technique,
    TrainConfig,
    distill,
    predict_scalar,
    reconstruction_mse,
    train_autoencoder,
)

log = logging.getLogger(__name__)


def _eval_sets(data: Mapping[str, NDArray[np.float32]]) -> dict[str, NDArray[np.float32]]:
    sets = {"background": data["x_test"], "background_val": data["x_val"]}
    sets.update({f"signal_{n}": data[f"signal_{n}"] for n in signal_names(data)})
    return sets


def _save_scores(path: str | os.PathLike[str], scores: Mapping[str, NDArray[np.float64]]) -> None:
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, **{k: np.asarray(v, np.float64) for k, v in scores.items()})


def _save_model(model: Any, path: str | os.PathLike[str]) -> None:
    with atomic_path(path) as tmp:
        h5 = tmp.with_suffix(".h5")
        model.save(h5, include_optimizer=False)
        os.replace(h5, tmp)


def _ae_scores(
    role: str, model: Any, sets: Mapping[str, NDArray[np.float32]]
) -> dict[str, NDArray[np.float64]]:
    return {f"{role}__{k}": reconstruction_mse(model, v) for k, v in sets.items()}


def student_target(model: Any, x: NDArray[np.float32], mean: float, std: float) -> NDArray[np.float64]:
    """The student's estimate of the teacher target log(MSE + 1): its standardised output de-standardised."""
    return predict_scalar(model, x) * std + mean


def _student_scores(
    model: Any, sets: Mapping[str, NDArray[np.float32]], mean: float, std: float
) -> dict[str, NDArray[np.float64]]:
    # expm1 is monotonic on all reals: no clipping needed, the ROC equals that of the raw output
    return {f"student__{k}": target_to_score(student_target(model, v, mean, std)) for k, v in sets.items()}


def train_teacher(
    dataset: str | os.PathLike[str],
    *,
    model_out: str | os.PathLike[str],
    scores_out: str | os.PathLike[str],
    info_out: str | os.PathLike[str],
    hidden: Sequence[int],
    latent: int,
    train: TrainConfig,
) -> dict[str, Any]:
    """Train the teacher autoencoder on background only; write the model, its scores, its info JSON."""
    data = load_dataset(dataset)
    teacher = models.teacher_autoencoder(
        n_inputs=data["x_train"].shape[1], hidden=hidden, latent=latent, seed=train.seed
    )
    history = train_autoencoder(teacher, data["x_train"], data["x_val"], train)
    _save_model(teacher, model_out)
    _save_scores(scores_out, _ae_scores("teacher", teacher, _eval_sets(data)))
    info = {
        "role": "teacher",
        "hidden": list(hidden),
        "latent": latent,
        "n_params": models.n_params(teacher),
        "history": history,
    }
    write_json(info_out, info)
    return info


def train_student(
    dataset: str | os.PathLike[str],
    teacher_model: str | os.PathLike[str],
    *,
    technique_name: str,
    technique: Technique,
    model_out: str | os.PathLike[str],
    scores_out: str | os.PathLike[str],
    info_out: str | os.PathLike[str],
    hidden: Sequence[int],
    bits: int,
    integer: int,
    teacher_hidden: Sequence[int],
    teacher_latent: int,
    train: TrainConfig,
) -> dict[str, Any]:
    """Distil a QKeras student from the teacher with one technique row.

    Without co-learning the trained teacher (``teacher_model``) is loaded and frozen; with
    co-learning a fresh teacher of the same architecture and seed is trained together with the
    student, and its scores are written beside the student's (role ``teacher``).
    """
    data = load_dataset(dataset)
    n_in = data["x_train"].shape[1]
    if technique.colearn:
        teacher = models.teacher_autoencoder(
            n_inputs=n_in, hidden=teacher_hidden, latent=teacher_latent, seed=train.seed
        )
    else:
        teacher = models.load_model(str(teacher_model))
    student = models.student_regressor(
        n_inputs=n_in, hidden=hidden, bits=bits, integer=integer, seed=train.seed
    )
    outliers = data["outlier_sm"] if technique.outlier_source == "sm" else data["outlier_noise"]
    history = distill(student, teacher, data["x_train"], data["x_val"], technique, train, outliers=outliers)
    _save_model(student, model_out)
    sets = _eval_sets(data)
    mean, std = history["target_mean"][0], history["target_std"][0]
    scores = _student_scores(student, sets, mean, std)
    scores.update(_ae_scores("teacher", teacher, sets))
    _save_scores(scores_out, scores)
    info = {
        "role": "student",
        "technique": technique_name,
        "switches": {k: v for k, v in technique.__dict__.items() if k != "outlier_source"},
        "hidden": list(hidden),
        "bits": bits,
        "integer_bits": integer,
        "n_params": models.n_params(student),
        "teacher_n_params": models.n_params(teacher),
        "target_mean": mean,
        "target_std": std,
        "outlier_source": technique.outlier_source if technique.outlier_exposure else None,
        "history": history,
    }
    write_json(info_out, info)
    return info


def train_small_ae(
    dataset: str | os.PathLike[str],
    *,
    param_budget: int,
    bits: int,
    integer: int,
    model_out: str | os.PathLike[str],
    scores_out: str | os.PathLike[str],
    info_out: str | os.PathLike[str],
    train: TrainConfig,
) -> dict[str, Any]:
    """The student-size model trained without distillation: a QKeras autoencoder with at most
    ``param_budget`` parameters (the student's count), trained on background, score = its MSE."""
    data = load_dataset(dataset)
    n_in = data["x_train"].shape[1]
    latent = models.autoencoder_latent_for_budget(param_budget, n_in)
    ae = models.small_autoencoder(n_inputs=n_in, latent=latent, bits=bits, integer=integer, seed=train.seed)
    history = train_autoencoder(ae, data["x_train"], data["x_val"], train)
    _save_model(ae, model_out)
    _save_scores(scores_out, _ae_scores("ae", ae, _eval_sets(data)))
    info = {
        "role": "small_ae",
        "latent": latent,
        "bits": bits,
        "n_params": models.n_params(ae),
        "param_budget": param_budget,
        "history": history,
    }
    write_json(info_out, info)
    return info


def load_scores(path: str | os.PathLike[str]) -> dict[str, dict[str, NDArray[np.float64]]]:
    """{role: {set: scores}} from a score file."""
    out: dict[str, dict[str, NDArray[np.float64]]] = {}
    with np.load(Path(path)) as z:
        for key in z.files:
            role, _, name = key.partition("__")
            out.setdefault(role, {})[name] = z[key]
    return out


def _read_info(path: str | os.PathLike[str]) -> dict[str, Any]:
    from trigml.files import read_json

    return read_json(path)


def evaluate_files(
    *,
    dataset: str,
    teacher_scores: str,
    teacher_info: str,
    student_scores: Sequence[str],
    student_infos: Sequence[str],
    small_ae_scores: str,
    small_ae_info: str,
    out: str,
    settings: Mapping[str, Any],
    seed: int,
    data_info: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """metrics.json from the score and info files of every model (``settings``: the config's
    anomaly_kd_l1.metrics block) and the event-level diagnostics of the dataset."""
    from .diagnostics import signal_diagnostics
    from .evaluate import evaluate

    if len(student_scores) != len(student_infos):
        raise ValueError("one info file per student score file is needed")
    students = {}
    for s_path, i_path in zip(student_scores, student_infos, strict=True):
        info = _read_info(i_path)
        students[info["technique"]] = (load_scores(s_path), info)
    data = load_dataset(dataset)
    metrics = evaluate(
        teacher=(load_scores(teacher_scores)["teacher"], _read_info(teacher_info)),
        students=students,
        small_ae=(load_scores(small_ae_scores)["ae"], _read_info(small_ae_info)),
        fprs=settings["fpr"], keep_fraction=settings["keep_fraction"], max_param_ratio=settings["max_param_ratio"],
        bootstrap=settings["bootstrap"], ci_level=settings["ci_level"], seed=seed, data_info=data_info,
        diagnostics=signal_diagnostics(data, signal_names(data)),
    )  # fmt: skip
    write_json(out, metrics)
    return metrics


def plot_files(
    *,
    metrics: str,
    teacher_scores: str,
    student_scores: Sequence[str],
    small_ae_scores: str,
    roc_png: str,
    ablation_png: str,
    data_label: str,
) -> None:
    """ROC and ablation figures (with JSON twins) from metrics.json and the score files."""
    from .plots import plot_ablation, plot_roc

    m = _read_info(metrics)
    curves: dict[str, Mapping[str, NDArray[np.float64]]] = {"teacher": load_scores(teacher_scores)["teacher"]}
    for path in student_scores:
        name = Path(path).stem.removeprefix("student_")
        curves[f"student {name}"] = load_scores(path)["student"]
    curves["small AE (no distillation)"] = load_scores(small_ae_scores)["ae"]
    plot_roc(curves, roc_png, fprs=tuple(m["fpr_targets"]), data_label=data_label)
    plot_ablation(m, ablation_png, data_label=data_label)


def csim_student(
    *,
    model: str,
    dataset: str,
    out: str,
    project_dir: str,
    technique: str,
    backend: str,
    default_precision: str,
    reuse_factor: int,
    part: str,
    clock_period: float,
    max_events: int | None = None,
) -> dict[str, Any]:
    """Convert the student with hls4ml, compile (C simulation), compare with QKeras on every set."""
    from . import hls

    student = models.load_model(model)
    hls_model = hls.convert(
        student, project_dir, backend=backend, default_precision=default_precision,
        reuse_factor=reuse_factor, part=part, clock_period=clock_period,
    )  # fmt: skip
    result = hls.compare(student, hls_model, _eval_sets(load_dataset(dataset)), max_events=max_events)
    result.update(
        technique=technique, backend=backend, default_precision=default_precision, reuse_factor=reuse_factor,
        part=part, clock_period_ns=clock_period, n_params=models.n_params(student),
    )  # fmt: skip
    write_json(out, result)
    return result
