"""Metrics of the paper study: AUC per model and technique (mean +- std over the one-class
tasks), AUC ratio student / teacher, EMD between student and teacher score distributions,
parameters, MACs and memory footprint."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from trigml.anomaly_kd.distill import score_to_target
from trigml.anomaly_kd.metrics import auc, footprint_bytes, score_emd

from . import published
from .complexity import count_macs, count_params
from .models import IMAGE_SHAPE, build_students
from .steps import build_teacher, load_scores

log = logging.getLogger(__name__)


def task_metrics(scores: Mapping[str, np.ndarray], y: np.ndarray) -> dict[str, dict[str, float]]:
    """AUC of every model on one task; for students also the AUC ratio and the EMD to the teacher.

    The EMD compares distributions on the students' scale, log(MSE + 1): the teacher's
    ``score_to_target(MSE)`` against the student's output, on the whole test set.
    """
    if "teacher" not in scores:
        raise ValueError("scores need the teacher's")
    y = np.asarray(y)
    if set(np.unique(y)) != {0, 1}:
        raise ValueError("test labels need both normal (0) and anomalous (1) images")
    t = np.asarray(scores["teacher"])
    t_auc = auc(t[y == 0], t[y == 1])
    t_target = score_to_target(t)
    out = {"teacher": {"auc": t_auc}}
    for k, v in scores.items():
        if k == "teacher":
            continue
        v = np.asarray(v)
        a = auc(v[y == 0], v[y == 1])
        out[k] = {"auc": a, "auc_ratio": a / t_auc, "emd": score_emd(v, t_target)}
    return out


def model_sizes(
    students: Mapping[str, Sequence[str]], teacher_config: Mapping[str, Any] | None, quant_bits: int
) -> dict[str, dict[str, int]]:
    models = {"teacher": build_teacher(teacher_config), **build_students(students)}
    out = {}
    for k, m in models.items():
        n = count_params(m)
        out[k] = {
            "params": n,
            "macs": count_macs(m, IMAGE_SHAPE),
            "footprint_bytes_float32": footprint_bytes(n, 32),
            f"footprint_bytes_{quant_bits}bit": footprint_bytes(n, quant_bits),
        }
    return out


def _mean_std(values: Sequence[float]) -> tuple[float, float]:
    a = np.asarray(values, float)
    return float(a.mean()), float(a.std(ddof=0))


def keeps_auc_down_to(
    models: Mapping[str, Mapping[str, Any]], students: Sequence[str], threshold: float
) -> str | None:
    """The smallest student such that it and every larger one keep >= ``threshold`` of the teacher's
    AUC (``auc_ratio``: ratio of the class-averaged AUCs); None if student A already does not."""
    last = None
    for k in students:
        if models[k]["auc_ratio"] < threshold:
            break
        last = k
    return last


def summarize(
    score_files: Sequence[str | os.PathLike[str]],
    *,
    students: Mapping[str, Sequence[str]],
    teacher_config: Mapping[str, Any] | None = None,
    quant_bits: int = 16,
    keep_threshold: float = 0.9,
) -> dict[str, Any]:
    """metrics.json: per dataset, technique and model the mean/std over classes of every metric."""
    if not score_files:
        raise ValueError("no score files given")
    sizes = model_sizes(students, teacher_config, quant_bits)
    per: dict[str, dict[str, dict[int, dict[str, dict[str, float]]]]] = {}
    info: dict[str, dict[str, Any]] = {}
    for f in score_files:
        scores, y, meta = load_scores(f)
        missing = set(students) - set(scores)
        if missing:
            raise ValueError(f"{f}: no scores for students {sorted(missing)}")
        name, tech, cls = meta["name"], meta["technique"], int(meta["class"])
        info.setdefault(name, {"dataset": meta["dataset"], "real_data": bool(meta["real_data"])})
        if "outliers" in meta:
            info[name]["outliers"] = {k: meta["outliers"][k] for k in ("dataset", "real_data")}
        per.setdefault(name, {}).setdefault(tech, {})[cls] = task_metrics(
            {k: scores[k] for k in ("teacher", *students)}, y
        )
    out: dict[str, Any] = {"study": "anomaly_kd/paper", "headline": {}, "datasets": {}}
    for name, techs in per.items():
        d: dict[str, Any] = {**info[name], "techniques": {}}
        for tech, by_cls in techs.items():
            classes = sorted(by_cls)
            models: dict[str, Any] = {}
            for k in ("teacher", *students):
                m: dict[str, Any] = {}
                for metric in by_cls[classes[0]][k]:
                    vals = [by_cls[c][k][metric] for c in classes]
                    m[f"{metric}_mean"], m[f"{metric}_std"] = _mean_std(vals)
                    m[f"{metric}_per_class"] = dict(zip((str(c) for c in classes), vals, strict=True))
                if k != "teacher":
                    # the ratio of the class-averaged AUCs (a per-class ratio explodes where a teacher is near 0.5)
                    m["auc_ratio"] = m["auc_mean"] / models["teacher"]["auc_mean"]
                m.update(sizes[k])
                models[k] = m
            ref, paper = published.paper_auc(name, tech)
            keep = keeps_auc_down_to(models, list(students), keep_threshold)
            d["techniques"][tech] = {
                "classes": classes,
                "models": models,
                f"students_keep_{round(keep_threshold * 100)}pct_auc_down_to": keep,
                "paper": {"compared_with": ref, "auc": paper} if paper else None,
            }
            h = out["headline"]
            h[f"{name}/{tech}/teacher_auc"] = models["teacher"]["auc_mean"]
            for k in students:
                h[f"{name}/{tech}/{k}_auc"] = models[k]["auc_mean"]
                h[f"{name}/{tech}/{k}_auc_ratio"] = models[k]["auc_ratio"]
            h[f"{name}/{tech}/keeps_{round(keep_threshold * 100)}pct_down_to"] = keep or "none"
        out["datasets"][name] = d
    out["sizes"] = sizes
    out["notes"] = {
        "auc": "ROC-AUC of separating the other classes (anomalies) from the trained class, mean and std over classes",
        "emd": "earth mover's distance between student output and teacher log(MSE + 1) on the test set",
        "macs": "multiply-accumulates of conv / transposed-conv / linear layers per image (not ptflops; see README)",
        "quant_bits": quant_bits,
    }
    return out
