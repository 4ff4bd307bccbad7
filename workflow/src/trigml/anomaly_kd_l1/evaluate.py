"""Metrics of the L1 study: per signal ROC AUC and TPR at fixed FPR (the trigger rate), each with a
bootstrap interval, teacher vs distilled students vs the student-size autoencoder trained without
distillation; parameters and memory footprint; the technique chosen on validation data.

Splits: the background has train / validation / test sets (``prepare_l1_dataset``); each signal
sample is split in two by event parity (even: validation, odd: test). Every choice (the best
technique) is made on the validation sets; test numbers are only reported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.anomaly_kd.metrics import auc, footprint_bytes, score_emd

Scores = Mapping[str, NDArray[np.float64]]


def split_signal(scores: NDArray[np.float64], split: str) -> NDArray[np.float64]:
    """The validation (even events) or test (odd events) half of a signal's scores."""
    return np.asarray(scores)[{"val": 0, "test": 1}[split] :: 2]


def _num(v: float | None) -> float | None:
    """JSON has no NaN: an unresolvable number becomes null."""
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def fpr_key(fpr: float) -> str:
    return f"tpr_at_fpr_{fpr:g}"


def tpr_at_fpr(bkg: NDArray[np.float64], sig: NDArray[np.float64], fpr: float) -> float:
    """Signal efficiency at or above the ceil(fpr * N)-th highest of the N background scores (the
    threshold that keeps a fraction ``fpr`` of the background); NaN where N * fpr < 1 (not resolvable)."""
    b = np.sort(np.asarray(bkg, np.float64))
    k = int(math.ceil(fpr * len(b) - 1e-9))
    if fpr * len(b) < 1:
        return float("nan")
    return float(np.mean(np.asarray(sig, np.float64) >= b[len(b) - k]))


def tpr_interval(
    bkg: NDArray[np.float64], sig: NDArray[np.float64], fpr: float, *, n_boot: int, level: float, seed: int
) -> dict[str, Any]:
    """TPR at ``fpr`` with a bootstrap interval (background and signal resampled): {tpr, ci}."""
    t = tpr_at_fpr(bkg, sig, fpr)
    if math.isnan(t):
        return {"tpr": None, "ci": None}
    rng = np.random.default_rng(seed)
    bkg, sig = np.asarray(bkg), np.asarray(sig)
    reps = [tpr_at_fpr(rng.choice(bkg, len(bkg)), rng.choice(sig, len(sig)), fpr) for _ in range(n_boot)]
    lo, hi = np.percentile(reps, [50 * (1 - level), 50 * (1 + level)])
    return {"tpr": t, "ci": [float(lo), float(hi)]}


def auc_interval(
    bkg: NDArray[np.float64], sig: NDArray[np.float64], *, n_boot: int, level: float, seed: int
) -> list[float]:
    rng = np.random.default_rng(seed)
    reps = [auc(rng.choice(bkg, len(bkg)), rng.choice(sig, len(sig))) for _ in range(n_boot)]
    lo, hi = np.percentile(reps, [50 * (1 - level), 50 * (1 + level)])
    return [float(lo), float(hi)]


def signal_metrics(
    scores: Scores, fprs: Sequence[float], *, split: str, boot: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """{signal: {auc, auc_ci, tpr_at_fpr_<f>: {tpr, ci}}} on the ``split`` sets (test or val) of one model."""
    bkg = scores["background" if split == "test" else "background_val"]
    out: dict[str, dict[str, Any]] = {}
    for i, (key, all_sig) in enumerate(sorted(scores.items())):
        if not key.startswith("signal_"):
            continue
        sig = split_signal(all_sig, split)
        m: dict[str, Any] = {"auc": auc(bkg, sig)}
        if boot["n"] > 0:
            m["auc_ci"] = auc_interval(bkg, sig, n_boot=boot["n"], level=boot["level"], seed=boot["seed"] + i)
            for f in fprs:
                m[fpr_key(f)] = tpr_interval(
                    bkg, sig, f, n_boot=boot["n"], level=boot["level"], seed=boot["seed"] + i
                )
        out[key.removeprefix("signal_")] = m
    return out


def model_entry(
    scores: Scores, *, n_params: int, bits: int, fprs: Sequence[float], boot: Mapping[str, Any], **extra: Any
) -> dict[str, Any]:
    return {
        "n_params": int(n_params),
        "bits": int(bits),
        "footprint_bytes": footprint_bytes(n_params, bits),
        "footprint_bytes_float32": footprint_bytes(n_params, 32),
        **extra,
        "signals": signal_metrics(scores, fprs, split="test", boot=boot),
        "validation": signal_metrics(scores, fprs, split="val", boot={**boot, "n": 0}),
    }


def _kept(
    entry: Mapping[str, Any], teacher: Mapping[str, Any], part: str, keep_fraction: float
) -> tuple[int, float]:
    """(signals where the student keeps >= keep_fraction of its teacher's AUC, mean AUC ratio) on ``part``."""
    ratios = {s: entry[part][s]["auc"] / teacher[part][s]["auc"] for s in teacher[part]}
    n = sum(r >= keep_fraction for s, r in ratios.items() if teacher[part][s]["auc"] > 0.5)
    return int(n), float(np.mean(list(ratios.values())))


def student_entry(
    name: str, scores: Mapping[str, Scores], info: Mapping[str, Any], base: Mapping[str, Any],
    fprs: Sequence[float], boot: Mapping[str, Any], keep_fraction: float,
) -> dict[str, Any]:  # fmt: skip
    """One technique's student: its metrics, its own teacher's, AUC ratios, EMD, what it keeps."""
    own = model_entry(
        scores["teacher"], n_params=info["teacher_n_params"], bits=32, fprs=fprs, boot={**boot, "n": 0}
    )
    entry = model_entry(scores["student"], n_params=info["n_params"], bits=info["bits"], fprs=fprs, boot=boot,
                        technique=name, switches=dict(info["switches"]), outlier_source=info["outlier_source"])  # fmt: skip
    signals = list(entry["signals"])
    entry["teacher"] = own["signals"]
    entry["auc_ratio"] = {s: entry["signals"][s]["auc"] / own["signals"][s]["auc"] for s in signals}
    entry["auc_ratio_vs_baseline_teacher"] = {
        s: entry["signals"][s]["auc"] / base["signals"][s]["auc"] for s in signals
    }
    entry["score_emd_vs_teacher"] = score_emd(
        scores["student"]["background"], scores["teacher"]["background"]
    )
    entry["param_ratio"] = info["n_params"] / info["teacher_n_params"]
    entry["n_signals_auc_kept"], _ = _kept(entry, own, "signals", keep_fraction)
    entry["n_signals_auc_kept_val"], entry["mean_auc_ratio_val"] = _kept(
        entry, own, "validation", keep_fraction
    )
    return entry


def evaluate(
    *,
    teacher: tuple[Scores, Mapping[str, Any]],
    students: Mapping[str, tuple[Mapping[str, Scores], Mapping[str, Any]]],
    small_ae: tuple[Scores, Mapping[str, Any]],
    fprs: Sequence[float],
    keep_fraction: float,
    max_param_ratio: float,
    bootstrap: int,
    ci_level: float,
    seed: int,
    data_info: Mapping[str, Any] | None = None,
    diagnostics: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Assemble metrics.json.

    ``students`` maps a technique name to ({'student': scores, 'teacher': scores of the teacher it
    was distilled from}, info). AUC ratios are taken against that teacher (for co-learning, the
    teacher trained alongside) and against the baseline teacher. The best technique is the one
    whose student keeps the teacher's AUC on the most signals *on the validation sets* (ties: the
    higher mean validation AUC ratio); its test numbers are reported.
    """
    boot = {"n": bootstrap, "level": ci_level, "seed": seed}
    t_scores, t_info = teacher
    base = model_entry(
        t_scores, n_params=t_info["n_params"], bits=32, fprs=fprs, boot=boot, role="teacher autoencoder"
    )
    signals = list(base["signals"])
    out: dict[str, Any] = {
        "fpr_targets": list(fprs),
        "signals": signals,
        "splits": "background: train / validation / test sets; signals: even events validation, odd events test",
        "n_background_test": int(len(t_scores["background"])),
        "n_background_val": int(len(t_scores["background_val"])),
        "n_signal_test": {s: int(len(split_signal(t_scores[f"signal_{s}"], "test"))) for s in signals},
        "intervals": f"{ci_level:.0%} bootstrap ({bootstrap} resamples of background and signal)",
        "data": dict(data_info or {}),
        "diagnostics": dict(diagnostics or {}),
        "teacher": base,
        "students": {
            n: student_entry(n, sc, info, base, fprs, boot, keep_fraction)
            for n, (sc, info) in students.items()
        },
    }
    ae_scores, ae_info = small_ae
    ae = model_entry(ae_scores, n_params=ae_info["n_params"], bits=ae_info["bits"], fprs=fprs, boot=boot,
                     role="student-size autoencoder, no distillation", latent=ae_info["latent"])  # fmt: skip
    ae["auc_ratio_vs_baseline_teacher"] = {
        s: ae["signals"][s]["auc"] / base["signals"][s]["auc"] for s in signals
    }
    out["small_ae"] = ae
    out["acceptance"] = _acceptance(out, keep_fraction, max_param_ratio)
    out["headline"] = _headline(out, fprs)
    return out


def _acceptance(out: Mapping[str, Any], keep_fraction: float, max_param_ratio: float) -> dict[str, Any]:
    st = out["students"]
    best = (
        max(st, key=lambda k: (st[k]["n_signals_auc_kept_val"], st[k]["mean_auc_ratio_val"])) if st else None
    )
    return {
        "criterion": (
            f"student keeps >= {keep_fraction:.0%} of its teacher's AUC on >= 3 signals with <= "
            f"1/{round(1 / max_param_ratio)} of its parameters (signals the teacher ranks below random, "
            "AUC <= 0.5, do not count); technique chosen on the validation sets, test numbers reported"
        ),
        "signals_teacher_below_random": [
            s for s in out["signals"] if out["teacher"]["signals"][s]["auc"] <= 0.5
        ],
        "best_technique": best,
        "selected_on": "validation",
        "n_signals_auc_kept": st[best]["n_signals_auc_kept"] if best else 0,
        "param_ratio": st[best]["param_ratio"] if best else None,
        "passed": bool(
            best and st[best]["n_signals_auc_kept"] >= 3 and st[best]["param_ratio"] <= max_param_ratio
        ),
        "per_technique": {
            k: {
                "n_signals_auc_kept_val": v["n_signals_auc_kept_val"],
                "n_signals_auc_kept": v["n_signals_auc_kept"],
                "param_ratio": v["param_ratio"],
            }
            for k, v in st.items()
        },  # fmt: skip
    }


def _headline(out: Mapping[str, Any], fprs: Sequence[float]) -> dict[str, Any]:
    """Flat headline numbers (results/summary.md tabulates scalars one level down)."""
    head: dict[str, Any] = {
        "teacher_params": out["teacher"]["n_params"],
        "best_technique": out["acceptance"]["best_technique"],
    }
    best = out["acceptance"]["best_technique"]
    for s in out["signals"]:
        head[f"teacher_auc_{s}"] = out["teacher"]["signals"][s]["auc"]
        head[f"small_ae_auc_{s}"] = out["small_ae"]["signals"][s]["auc"]
        for name, entry in out["students"].items():
            head[f"student_{name}_auc_{s}"] = entry["signals"][s]["auc"]
        for f in fprs:
            for role, entry in (("teacher", out["teacher"]), ("best_student", out["students"].get(best))):
                if entry is not None:
                    head[f"{role}_{fpr_key(f)}_{s}"] = entry["signals"][s][fpr_key(f)]["tpr"]
    return head
