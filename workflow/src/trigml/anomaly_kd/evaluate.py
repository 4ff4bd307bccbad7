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


def bootstrap_aucs(
    scores: Mapping[str, np.ndarray], y: np.ndarray, *, n_boot: int, seed: int
) -> dict[str, np.ndarray]:
    """AUC of every model on ``n_boot`` resamples (with replacement, normal and anomalous images resampled
    separately) of one task's test set; the same resamples for every model, so ratios pair up."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    i0, i1 = np.flatnonzero(y == 0), np.flatnonzero(y == 1)
    idx = [np.concatenate([rng.choice(i0, len(i0)), rng.choice(i1, len(i1))]) for _ in range(n_boot)]
    yb = np.concatenate([np.zeros(len(i0)), np.ones(len(i1))])
    return {k: np.array([roc_auc_score(yb, np.asarray(v)[i]) for i in idx]) for k, v in scores.items()}


def interval(samples: np.ndarray, level: float) -> list[float] | None:
    """Central ``level`` percentile interval of the finite bootstrap ``samples`` (None if there are none)."""
    finite = np.asarray(samples, float)[np.isfinite(samples)]
    if finite.size == 0:
        return None
    lo, hi = np.percentile(finite, [50 * (1 - level), 50 * (1 + level)])
    return [float(lo), float(hi)]


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


def _task(path: str | os.PathLike[str], models: Sequence[str], n_boot: int, seed: int) -> dict[str, Any]:
    """Test metrics, validation AUCs and bootstrap AUCs of one task's scores file."""
    scores, y, meta = load_scores(path)
    val, y_val, _ = load_scores(path, "val")
    missing = set(models) - set(scores)
    if missing:
        raise ValueError(f"{path}: no scores for models {sorted(missing)}")
    test = task_metrics({k: scores[k] for k in models}, y)
    for k in models:
        test[k]["val_auc"] = auc(val[k][y_val == 0], val[k][y_val == 1])
    boot = bootstrap_aucs({k: scores[k] for k in models}, y, n_boot=n_boot, seed=seed + int(meta["class"]))
    return {"meta": meta, "metrics": test, "boot": boot}


def _aggregate(
    by_cls: Mapping[int, Mapping[str, Any]], models: Sequence[str], level: float
) -> dict[str, Any]:
    """Class-mean metrics per model, with the bootstrap interval of the class-mean AUC (and AUC ratio)."""
    classes = sorted(by_cls)
    out: dict[str, Any] = {}
    boot_mean = {k: np.mean([by_cls[c]["boot"][k] for c in classes], axis=0) for k in models}
    for k in models:
        m: dict[str, Any] = {}
        for metric in by_cls[classes[0]]["metrics"][k]:
            vals = [by_cls[c]["metrics"][k][metric] for c in classes]
            m[f"{metric}_mean"], m[f"{metric}_std"] = _mean_std(vals)
            m[f"{metric}_per_class"] = dict(zip((str(c) for c in classes), vals, strict=True))
        m["auc_ci"] = interval(boot_mean[k], level)
        if k != "teacher":
            # the ratio of the class-averaged AUCs (a per-class ratio explodes where a teacher is near 0.5)
            m["auc_ratio"] = m["auc_mean"] / out["teacher"]["auc_mean"]
            t = boot_mean["teacher"]
            m["auc_ratio_ci"] = interval(
                np.divide(boot_mean[k], t, out=np.full_like(t, np.nan), where=t > 0), level
            )
        out[k] = m
    return out


def select_on_validation(
    techniques: Mapping[str, Any], students: Sequence[str], threshold: float
) -> dict[str, Any]:
    """Per student, the technique with the best class-mean *validation* AUC; its test numbers reported."""
    out: dict[str, Any] = {}
    for k in students:
        best = max(techniques, key=lambda t: techniques[t]["models"][k]["val_auc_mean"])
        m = techniques[best]["models"][k]
        out[k] = {"technique": best, "val_auc": m["val_auc_mean"], "test_auc": m["auc_mean"], "test_auc_ci": m["auc_ci"],
                  "auc_ratio": m["auc_ratio"], "auc_ratio_ci": m["auc_ratio_ci"], "keeps": m["auc_ratio"] >= threshold}  # fmt: skip
    return out


def summarize(
    score_files: Sequence[str | os.PathLike[str]],
    *,
    students: Mapping[str, Sequence[str]],
    teacher_config: Mapping[str, Any] | None,
    quant_bits: int,
    keep_threshold: float,
    n_boot: int,
    ci_level: float,
    seed: int,
) -> dict[str, Any]:
    """metrics.json: per dataset, technique and model the class mean (std, bootstrap interval) of every
    metric, and per student the technique chosen on validation AUC with its test AUC."""
    if not score_files:
        raise ValueError("no score files given")
    models = ("teacher", *students)
    per: dict[str, dict[str, dict[int, Any]]] = {}
    info: dict[str, dict[str, Any]] = {}
    for f in score_files:
        task = _task(f, models, n_boot, seed)
        meta = task["meta"]
        info.setdefault(meta["name"], {"dataset": meta["dataset"], "real_data": bool(meta["real_data"])})
        if "outliers" in meta:
            info[meta["name"]]["outliers"] = {k: meta["outliers"][k] for k in ("dataset", "real_data")}
        per.setdefault(meta["name"], {}).setdefault(meta["technique"], {})[int(meta["class"])] = task
    sizes = model_sizes(students, teacher_config, quant_bits)
    out: dict[str, Any] = {"study": "anomaly_kd/paper", "headline": {}, "datasets": {}, "sizes": sizes}
    pct = round(keep_threshold * 100)
    for name, techs in per.items():
        d: dict[str, Any] = {**info[name], "techniques": {}}
        for tech, by_cls in techs.items():
            agg = _aggregate(by_cls, models, ci_level)
            for k in models:
                agg[k].update(sizes[k])
            ref, paper = published.paper_auc(name, tech)
            d["techniques"][tech] = {
                "classes": sorted(by_cls), "models": agg,
                f"students_keep_{pct}pct_auc_down_to": keeps_auc_down_to(agg, list(students), keep_threshold),
                "paper": {"compared_with": ref, "auc": paper} if paper else None,
            }  # fmt: skip
        d["selected_on_validation"] = select_on_validation(d["techniques"], list(students), keep_threshold)
        out["datasets"][name] = d
        _headline(out["headline"], name, d, list(students), pct)
    out["notes"] = {
        "auc": "ROC-AUC of separating the other classes (anomalies) from the trained class on the test set, mean and std over classes",
        "auc_ci": f"{ci_level:.0%} bootstrap interval ({n_boot} resamples of each class's test set) of the class-mean AUC",
        "val_auc": "AUC on the validation split (held-out normal training images + other classes' training images)",
        "selected_on_validation": "per student, the technique with the best validation AUC; its test AUC is reported, never used to choose",
        "emd": "earth mover's distance between student output and teacher log(MSE + 1) on the test set",
        "macs": "multiply-accumulates of conv / transposed-conv / linear layers per image (not ptflops; see docs/anomaly_kd.md)",
        "quant_bits": quant_bits,
    }  # fmt: skip
    return out


def _headline(h: dict[str, Any], name: str, d: Mapping[str, Any], students: Sequence[str], pct: int) -> None:
    for tech, t in d["techniques"].items():
        h[f"{name}/{tech}/teacher_auc"] = t["models"]["teacher"]["auc_mean"]
        for k in students:
            h[f"{name}/{tech}/{k}_auc"] = t["models"][k]["auc_mean"]
        h[f"{name}/{tech}/keeps_{pct}pct_down_to"] = t[f"students_keep_{pct}pct_auc_down_to"] or "none"
    for k, sel in d["selected_on_validation"].items():
        h[f"{name}/selected/{k}"] = (
            f"{sel['technique']}: AUC {sel['test_auc']:.3f} [{sel['test_auc_ci'][0]:.3f}, {sel['test_auc_ci'][1]:.3f}], ratio {sel['auc_ratio']:.3f}"
        )
