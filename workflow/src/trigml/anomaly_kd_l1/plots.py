"""Figures of the L1 study: ROC per signal (teacher, students, small autoencoder) and the ablation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.anomaly_kd.metrics import roc
from trigml.plotting import label, mark_working_points, roc_axes, save, series_style, style
from trigml.plotting import plot_roc as draw_roc


def _thin(
    fpr: NDArray[np.float64], tpr: NDArray[np.float64], n: int = 200
) -> tuple[list[float], list[float]]:
    """ROC points spread evenly in log(FPR) for the JSON twin (the curve itself is drawn in full)."""
    keep = fpr > 0
    f, t = fpr[keep], tpr[keep]
    if len(f) <= n:
        return f.tolist(), t.tolist()
    grid = np.logspace(np.log10(f[0]), 0, n)
    return grid.tolist(), np.interp(grid, f, t).tolist()


def plot_roc(
    curves: Mapping[str, Mapping[str, NDArray[np.float64]]],
    path: str | os.PathLike[str],
    *,
    fprs: tuple[float, ...],
    data_label: str,
) -> dict[str, Any]:
    """``curves``: {model label: {'background': scores, 'signal_<name>': scores}}; one panel per signal,
    a trigger ROC (log FPR) with the working points ``fprs`` marked and the 1/N resolution limit."""
    import matplotlib.pyplot as plt

    style()
    first = next(iter(curves.values()))
    signals = [k.removeprefix("signal_") for k in first if k.startswith("signal_")]
    ncol = 2
    nrow = int(np.ceil(len(signals) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(14, 6 * nrow), squeeze=False)
    n_bkg = len(first["background"])
    twin: dict[str, Any] = {"fpr_targets": list(fprs), "n_background_test": n_bkg, "signals": {}}
    for ax, sig in zip(axes.ravel(), signals, strict=False):
        twin["signals"][sig] = {}
        roc_axes(ax, (min(min(fprs), 1.0 / n_bkg) / 3, 1.0), signal=sig)
        for i, (name, sc) in enumerate(curves.items()):
            fpr, tpr, _ = roc(sc["background"], sc[f"signal_{sig}"])
            draw_roc(ax, fpr, tpr, i, name, lw=2.2 if name == "teacher" else 1.4)
            f, t = _thin(fpr, tpr)
            twin["signals"][sig][name] = {"fpr": f, "tpr": t}
        mark_working_points(ax, fprs, label="working points (FPR)")
        ax.axvline(1.0 / n_bkg, color="red", lw=0.8, ls=":", label=f"1/N background ({n_bkg})")
        label(ax, data=data_label, detail=sig)
    for ax in axes.ravel()[len(signals) :]:
        ax.axis("off")
    axes.ravel()[0].legend(fontsize=9, loc="upper left")
    fig.tight_layout()
    save(fig, path, twin=twin)
    return twin


def plot_ablation(
    metrics: Mapping[str, Any], path: str | os.PathLike[str], *, data_label: str
) -> dict[str, Any]:
    """AUC of each model per signal, and the student/teacher AUC ratio per technique."""
    import matplotlib.pyplot as plt

    style()
    signals = list(metrics["signals"])
    students = metrics["students"]
    rows = {"teacher": [metrics["teacher"]["signals"][s]["auc"] for s in signals]}
    rows.update({f"student {k}": [v["signals"][s]["auc"] for s in signals] for k, v in students.items()})
    rows["small AE (no distillation)"] = [metrics["small_ae"]["signals"][s]["auc"] for s in signals]
    ratios = {k: [v["auc_ratio"][s] for s in signals] for k, v in students.items()}
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(16, 6))
    width = 0.8 / len(rows)
    x = np.arange(len(signals))
    for i, (name, vals) in enumerate(rows.items()):
        a1.bar(x + i * width, vals, width, label=name, color=series_style(i)["color"])
    a1.set_xticks(x + 0.4 - width / 2, signals, fontsize=11)
    a1.set_ylabel("ROC AUC")
    a1.set_ylim(0.0, 1.05)
    a1.axhline(0.5, color="grey", lw=0.8, ls=":")
    a1.legend(fontsize=8, loc="lower right")
    label(a1, data=data_label)
    width = 0.8 / max(1, len(ratios))
    for i, (name, vals) in enumerate(ratios.items()):
        a2.bar(x + i * width, vals, width, label=name, color=series_style(i + 1)["color"])
    a2.axhline(0.95, color="red", lw=1, ls="--", label="95 % of the teacher")
    a2.set_xticks(x + 0.4 - width / 2, signals, fontsize=11)
    a2.set_ylabel("student AUC / its teacher's AUC")
    a2.legend(fontsize=8, loc="lower right")
    label(a2, data=data_label)
    fig.tight_layout()
    twin = {"signals": signals, "auc": rows, "auc_ratio": ratios}
    save(fig, path, twin=twin)
    return twin
