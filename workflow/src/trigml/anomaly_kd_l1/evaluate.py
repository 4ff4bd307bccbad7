"""Metrics of the L1 study: per signal ROC AUC and TPR at fixed FPR, teacher vs distilled students
vs the student-size autoencoder trained without distillation; parameters and memory footprint."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.anomaly_kd.metrics import auc, footprint_bytes, score_emd, tpr_at_fpr

Scores = Mapping[str, NDArray[np.float64]]


def _num(v: float) -> float | None:
    """JSON has no NaN: an unresolvable number (e.g. TPR at 1e-5 on a small sample) becomes null."""
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def fpr_key(fpr: float) -> str:
    return f"tpr_at_fpr_{fpr:g}"


def signal_metrics(scores: Scores, fprs: Sequence[float]) -> dict[str, dict[str, float | None]]:
    """{signal: {auc, tpr_at_fpr_<f>...}} for one model; ``scores`` has 'background' and 'signal_<name>'."""
    bkg = scores["background"]
    out: dict[str, dict[str, float | None]] = {}
    for key, sig in scores.items():
        if not key.startswith("signal_"):
            continue
        m: dict[str, float | None] = {"auc": auc(bkg, sig)}
        for f in fprs:
            m[fpr_key(f)] = _num(tpr_at_fpr(bkg, sig, f))
        out[key.removeprefix("signal_")] = m
    return out


def model_entry(
    scores: Scores, *, n_params: int, bits: int, fprs: Sequence[float], **extra: Any
) -> dict[str, Any]:
    return {
        "n_params": int(n_params),
        "bits": int(bits),
        "footprint_bytes": footprint_bytes(n_params, bits),
        "footprint_bytes_float32": footprint_bytes(n_params, 32),
        **extra,
        "signals": signal_metrics(scores, fprs),
    }


def evaluate(
    *,
    teacher: tuple[Scores, Mapping[str, Any]],
    students: Mapping[str, tuple[Mapping[str, Scores], Mapping[str, Any]]],
    small_ae: tuple[Scores, Mapping[str, Any]],
    fprs: Sequence[float] = (1e-5, 1e-3),
    keep_fraction: float = 0.95,
    max_param_ratio: float = 1 / 20,
    data_info: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Assemble metrics.json.

    ``students`` maps a technique name to ({'student': scores, 'teacher': scores of the teacher it
    was distilled from}, info). AUC ratios are taken against that teacher (for co-learning, the
    teacher trained alongside) and against the baseline teacher.
    """
    t_scores, t_info = teacher
    base = model_entry(t_scores, n_params=t_info["n_params"], bits=32, fprs=fprs, role="teacher autoencoder")
    signals = list(base["signals"])
    out: dict[str, Any] = {
        "fpr_targets": list(fprs),
        "signals": signals,
        "n_background_test": int(len(t_scores["background"])),
        "n_signal": {s: int(len(t_scores[f"signal_{s}"])) for s in signals},
        "data": dict(data_info or {}),
        "teacher": base,
        "students": {},
    }
    accept: dict[str, Any] = {}
    for name, (scores, info) in students.items():
        own_teacher = model_entry(scores["teacher"], n_params=info["teacher_n_params"], bits=32, fprs=fprs)
        entry = model_entry(
            scores["student"],
            n_params=info["n_params"],
            bits=info["bits"],
            fprs=fprs,
            technique=name,
            switches=dict(info.get("switches", {})),
            outlier_source=info.get("outlier_source"),
        )
        entry["teacher"] = own_teacher["signals"]
        entry["auc_ratio"] = {
            s: entry["signals"][s]["auc"] / own_teacher["signals"][s]["auc"] for s in signals
        }
        entry["auc_ratio_vs_baseline_teacher"] = {
            s: entry["signals"][s]["auc"] / base["signals"][s]["auc"] for s in signals
        }
        entry["score_emd_vs_teacher"] = score_emd(
            scores["student"]["background"], scores["teacher"]["background"]
        )
        entry["param_ratio"] = info["n_params"] / info["teacher_n_params"]
        # only signals the teacher detects at all (AUC > 0.5) count: below 0.5 a ratio has no meaning
        n_kept = sum(
            entry["auc_ratio"][s] >= keep_fraction for s in signals if own_teacher["signals"][s]["auc"] > 0.5
        )
        entry["n_signals_auc_kept"] = int(n_kept)
        out["students"][name] = entry
        accept[name] = {"n_signals_auc_kept": int(n_kept), "param_ratio": entry["param_ratio"]}
    ae_scores, ae_info = small_ae
    ae = model_entry(
        ae_scores,
        n_params=ae_info["n_params"],
        bits=ae_info["bits"],
        fprs=fprs,
        role="student-size autoencoder, no distillation",
        latent=ae_info["latent"],
    )
    ae["auc_ratio_vs_baseline_teacher"] = {
        s: ae["signals"][s]["auc"] / base["signals"][s]["auc"] for s in signals
    }
    out["small_ae"] = ae
    best = (
        max(
            accept,
            key=lambda k: (
                accept[k]["n_signals_auc_kept"],
                np.mean(list(out["students"][k]["auc_ratio"].values())),
            ),
        )
        if accept
        else None
    )
    out["acceptance"] = {
        "criterion": (
            f"student keeps >= {keep_fraction:.0%} of its teacher's AUC on >= 3 signals with <= "
            f"1/{round(1 / max_param_ratio)} of its parameters (signals the teacher ranks below random, "
            "AUC <= 0.5, do not count)"
        ),
        "signals_teacher_below_random": [s for s in signals if base["signals"][s]["auc"] <= 0.5],
        "best_technique": best,
        "n_signals_auc_kept": accept[best]["n_signals_auc_kept"] if best else 0,
        "param_ratio": accept[best]["param_ratio"] if best else None,
        "passed": bool(
            best
            and accept[best]["n_signals_auc_kept"] >= 3
            and accept[best]["param_ratio"] <= max_param_ratio
        ),
        "per_technique": accept,
    }
    # flat headline numbers (results/summary.md tabulates scalars one level down)
    head: dict[str, Any] = {"teacher_params": base["n_params"]}
    for s in signals:
        head[f"teacher_auc_{s}"] = base["signals"][s]["auc"]
        head[f"small_ae_auc_{s}"] = ae["signals"][s]["auc"]
        for name, entry in out["students"].items():
            head[f"student_{name}_auc_{s}"] = entry["signals"][s]["auc"]
    out["headline"] = head
    return out
