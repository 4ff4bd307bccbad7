"""One one-class experiment (dataset, technique, class) from files to files: what the rules call."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from trigml.files import atomic_path, load_torch

from .datasets import ImageSet, load_image_set, one_class_task, to_float
from .models import ConvAutoencoder, build_students, init_weights
from .train import (
    TECHNIQUES,
    TrainSettings,
    colearn,
    predict,
    train_students,
    train_teacher,
)

log = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]


def build_teacher(teacher_cfg: Mapping[str, Any] | None = None) -> ConvAutoencoder:
    return ConvAutoencoder(**dict(teacher_cfg or {}))


def _seed(seed: int, cls: int, technique: str) -> int:
    # a distinct, reproducible seed per task (technique index keeps runs of the same class apart)
    return int(seed) * 1000 + int(cls) * 10 + TECHNIQUES.index(technique)


def outlier_pool(data: ImageSet, *, max_images: int, seed: int) -> np.ndarray:
    """Pseudo-outlier images: up to ``max_images`` training images of the other dataset, float (N, 1, H, W)."""
    rng = np.random.default_rng(seed)
    n = min(max_images, len(data.x_train))
    idx = np.sort(rng.choice(len(data.x_train), size=n, replace=False))
    return to_float(data.x_train[idx])


def save_checkpoint(
    path: PathLike,
    teacher: ConvAutoencoder,
    students: torch.nn.ModuleDict | None,
    meta: dict[str, Any],
    history: dict[str, Any],
) -> None:
    """Weights of the teacher and students, the task's description (``meta``) and the loss curves."""
    with atomic_path(path) as tmp:
        torch.save(
            {
                "teacher": teacher.state_dict(),
                "students": {k: st.state_dict() for k, st in (students or {}).items()},
                "meta": meta,
                "history": history,
            },
            tmp,
        )


def load_checkpoint(path: PathLike) -> dict[str, Any]:
    ck = load_torch(path)  # names the file when it is missing or not a checkpoint
    if not {"teacher", "students", "meta"} <= set(ck):
        raise ValueError(f"{path}: not a trigml anomaly_kd checkpoint (keys {sorted(ck)})")
    return ck


def models_from_checkpoint(path: PathLike) -> tuple[ConvAutoencoder, torch.nn.ModuleDict, dict[str, Any]]:
    ck = load_checkpoint(path)
    meta = ck["meta"]
    teacher = build_teacher(meta.get("teacher_config"))
    teacher.load_state_dict(ck["teacher"])
    students = build_students(meta.get("students", {})) if ck["students"] else torch.nn.ModuleDict()
    for k, st in students.items():
        st.load_state_dict(ck["students"][k])
    return teacher.eval(), students.eval(), meta


def fit_teacher(
    *,
    data: PathLike,
    cls: int,
    settings: TrainSettings,
    val_fraction: float,
    checkpoint: PathLike,
    teacher_config: Mapping[str, Any] | None = None,
) -> None:
    """Baseline, step 1: train the teacher of class ``cls`` alone and save it."""
    images = load_image_set(data)
    task = one_class_task(images, cls, val_fraction=val_fraction, seed=settings.seed)
    s = TrainSettings(**{**settings.__dict__, "seed": _seed(settings.seed, cls, "baseline")})
    torch.manual_seed(s.seed)
    teacher = build_teacher(teacher_config)
    teacher.apply(init_weights)
    log.info("%s class %d: teacher on %d images (%d validation), %d epochs on %s",
             images.meta["dataset"], cls, len(task.x_train), len(task.x_val), s.epochs, s.device)  # fmt: skip
    hist = train_teacher(teacher, task.x_train, task.x_val, s)
    meta = {**images.meta, "class": cls, "technique": "baseline", "epochs": s.epochs, "batch_size": s.batch_size,
            "teacher_config": dict(teacher_config or {})}  # fmt: skip
    save_checkpoint(checkpoint, teacher.cpu(), None, meta, {"teacher": hist})


def fit_models(
    *,
    data: PathLike,
    cls: int,
    technique: str,
    students: Mapping[str, Sequence[str]],
    settings: TrainSettings,
    val_fraction: float,
    checkpoint: PathLike,
    scores: PathLike,
    teacher_checkpoint: PathLike | None = None,
    outliers: PathLike | None = None,
    max_outliers: int = 10000,
    teacher_config: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Train the students (and, in co-learning, the teacher) of one task; save models and test scores.

    ``baseline`` needs ``teacher_checkpoint`` (from :func:`fit_teacher`); ``outlier_exposure`` needs
    ``outliers`` (the other dataset's image set).
    """
    if technique not in TECHNIQUES:
        raise ValueError(f"unknown technique {technique!r}; expected one of {TECHNIQUES}")
    images = load_image_set(data)
    task = one_class_task(images, cls, val_fraction=val_fraction, seed=settings.seed)
    s = TrainSettings(**{**settings.__dict__, "seed": _seed(settings.seed, cls, technique)})
    torch.manual_seed(s.seed)
    studs = build_students(students)
    studs.apply(init_weights)
    meta: dict[str, Any] = {
        **images.meta, "class": cls, "technique": technique, "epochs": s.epochs, "batch_size": s.batch_size,
        "students": {k: list(v) for k, v in students.items()},
    }  # fmt: skip
    if technique == "baseline":
        if teacher_checkpoint is None:
            raise ValueError("baseline students need the teacher checkpoint")
        teacher, _, tmeta = models_from_checkpoint(teacher_checkpoint)
        if tmeta.get("class") != cls or tmeta.get("name") != images.meta.get("name"):
            raise ValueError(
                f"{teacher_checkpoint}: teacher of {tmeta.get('name')} class {tmeta.get('class')}, not {images.meta.get('name')} class {cls}"
            )
        meta["teacher_config"] = tmeta.get("teacher_config", {})
        hist: dict[str, Any] = {"students": train_students(teacher, studs, task.x_train, task.x_val, s)}
    else:
        teacher = build_teacher(teacher_config)
        teacher.apply(init_weights)
        meta["teacher_config"] = dict(teacher_config or {})
        pool = None
        if technique == "outlier_exposure":
            if outliers is None:
                raise ValueError("outlier_exposure needs the outlier image set")
            other = load_image_set(outliers)
            pool = outlier_pool(other, max_images=max_outliers, seed=s.seed)
            meta["outliers"] = {"dataset": other.meta["dataset"], "real_data": other.meta["real_data"], "n_images": len(pool),
                                "fraction_per_batch": s.outlier_fraction}  # fmt: skip
        if technique == "noise_exposure":
            meta["noise_sigma"] = s.noise_sigma
        hist = colearn(teacher, studs, task.x_train, task.x_val, s, technique=technique, outliers=pool)
    log.info(
        "%s class %d %s: trained %d students for %d epochs",
        images.meta["dataset"],
        cls,
        technique,
        len(studs),
        s.epochs,
    )
    pred = predict(teacher, studs, task.x_test, device=s.device)
    pred_val = predict(teacher, studs, task.x_val_all, device=s.device)
    save_checkpoint(checkpoint, teacher.cpu(), studs.cpu(), meta, hist)
    with atomic_path(scores) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, y_test=task.y_test, test_labels=task.test_labels, y_val=task.y_val,
                     meta=np.array(json.dumps(meta)), **{f"score_{k}": v for k, v in pred.items()},
                     **{f"val_{k}": v for k, v in pred_val.items()})  # fmt: skip
    return meta


def load_scores(
    path: PathLike, split: str = "test"
) -> tuple[dict[str, np.ndarray], np.ndarray, dict[str, Any]]:
    """(scores by model, labels (1 = anomaly), meta) of one task's ``scores.npz``; ``split`` test or val."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: scores not found")
    prefix, labels = {"test": ("score_", "y_test"), "val": ("val_", "y_val")}[split]
    with np.load(path) as z:
        if labels not in z.files or f"{prefix}teacher" not in z.files:
            raise ValueError(f"{path}: not a scores file with {split} scores (arrays {z.files})")
        scores = {f[len(prefix) :]: z[f] for f in z.files if f.startswith(prefix)}
        return scores, z[labels], json.loads(str(z["meta"]))
