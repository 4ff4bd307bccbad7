"""Figures of the paper study, from metrics.json only (restyling retrains nothing)."""

from __future__ import annotations

import os
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from trigml.plotting import PAPER_STYLE, label, save, style

from . import published

TECH_LABEL = {
    "baseline": "baseline",
    "colearning": "co-learning",
    "outlier_exposure": "co-learning + outlier exp.",
    "noise_exposure": "co-learning + noise exp.",
}


def _dataset(metrics: dict[str, Any], dataset: str) -> dict[str, Any]:
    try:
        return metrics["datasets"][dataset]
    except KeyError:
        raise KeyError(
            f"metrics hold no dataset {dataset!r} (have {sorted(metrics.get('datasets', {}))})"
        ) from None


def _data_label(d: dict[str, Any]) -> str:
    """The data kind of the label vocabulary (real / stand-in)."""
    return "real" if d["real_data"] else "stand-in"


def _title(d: dict[str, Any]) -> str:
    if d["real_data"]:
        return d["dataset"]
    return f"{d['dataset']}: scikit-learn digits upsampled to 28x28, a stand-in for MNIST (not MNIST)"


def _ci_err(models: dict[str, Any], names: list[str]) -> np.ndarray:
    """Asymmetric error bars (2, n) from each model's bootstrap interval ``auc_ci``."""
    lo = [models[k]["auc_mean"] - models[k]["auc_ci"][0] for k in names]
    hi = [models[k]["auc_ci"][1] - models[k]["auc_mean"] for k in names]
    return np.clip(np.array([lo, hi]), 0, None)


def plot_auc_vs_params(metrics: dict[str, Any], dataset: str, path: str | os.PathLike[str]) -> None:
    """AUC vs parameters (log) per technique: students with spread over classes, teacher band, paper's values."""
    d = _dataset(metrics, dataset)
    techs = [t for t in TECH_LABEL if t in d["techniques"]]
    style()
    fig, axes = plt.subplots(1, len(techs), figsize=(5.2 * len(techs), 5.2), sharey=True, squeeze=False)
    twin: dict[str, Any] = {"dataset": d["dataset"], "real_data": d["real_data"], "techniques": {}}
    for ax, tech in zip(axes[0], techs, strict=True):
        models = d["techniques"][tech]["models"]
        studs = [k for k in models if k != "teacher"]
        x = [models[k]["params"] for k in studs]
        y = [models[k]["auc_mean"] for k in studs]
        e = _ci_err(models, studs)
        ax.errorbar(x, y, yerr=e, marker="o", color="C0", capsize=3, label="students (ours, 95% bootstrap)")
        for k, xi, yi in zip(studs, x, y, strict=True):
            ax.annotate(k, (xi, yi), textcoords="offset points", xytext=(4, 4), fontsize=10)
        t = models["teacher"]
        ax.axhline(t["auc_mean"], color="C1", label=f"teacher (ours, {t['params']:,} par.)")
        ax.axhspan(t["auc_ci"][0], t["auc_ci"][1], color="C1", alpha=0.15)
        ref, paper = published.paper_auc(dataset, tech)
        entry: dict[str, Any] = {"params": dict(zip(studs, x, strict=True)), "auc_mean": dict(zip(studs, y, strict=True)),
                                 "auc_ci": {k: models[k]["auc_ci"] for k in studs}, "teacher_auc_mean": t["auc_mean"],
                                 "teacher_auc_ci": t["auc_ci"]}  # fmt: skip
        if paper:
            ps = [k for k in studs if k in paper]
            ax.plot(
                [published.PARAMS[k] for k in ps],
                [paper[k] for k in ps],
                **{**PAPER_STYLE, "label": f"paper ({published.DISPLAY[ref]})"},
            )
            if "teacher" in paper:
                ax.axhline(
                    paper["teacher"],
                    color="black",
                    linestyle="--",
                    label=f"paper teacher ({published.DISPLAY[ref]})",
                )
            entry["paper"] = {"compared_with": ref, "auc": paper}
        twin["techniques"][tech] = entry
        ax.set_xscale("log")
        ax.set_xlabel("student parameters")
        ax.text(0.03, 0.97, TECH_LABEL[tech], transform=ax.transAxes, va="top", fontsize=12)
        ax.legend(fontsize=9, loc="lower right")
    axes[0][0].set_ylabel("ROC AUC (mean over classes)")
    for ax in axes[0]:
        label(ax, data=_data_label(d), detail=d["dataset"])
    fig.suptitle(_title(d), fontsize=13, y=1.04)
    save(fig, path, twin=twin)


def plot_emd(metrics: dict[str, Any], dataset: str, path: str | os.PathLike[str]) -> None:
    """EMD between student and teacher score distributions, per student and technique."""
    d = _dataset(metrics, dataset)
    techs = [t for t in TECH_LABEL if t in d["techniques"]]
    style()
    fig, ax = plt.subplots()
    twin: dict[str, Any] = {
        "dataset": d["dataset"],
        "real_data": d["real_data"],
        "emd_mean": {},
        "emd_std": {},
    }
    width = 0.8 / max(len(techs), 1)
    for i, tech in enumerate(techs):
        models = d["techniques"][tech]["models"]
        studs = [k for k in models if k != "teacher"]
        pos = np.arange(len(studs)) + (i - (len(techs) - 1) / 2) * width
        m = [models[k]["emd_mean"] for k in studs]
        s = [models[k]["emd_std"] for k in studs]
        ax.bar(pos, m, width=width, yerr=s, capsize=2, label=TECH_LABEL[tech])
        twin["emd_mean"][tech] = dict(zip(studs, m, strict=True))
        twin["emd_std"][tech] = dict(zip(studs, s, strict=True))
        ax.set_xticks(np.arange(len(studs)), studs)
    ax.set_xlabel("student")
    ax.set_ylabel("EMD(student, teacher) on log(MSE + 1)")
    ax.legend(fontsize=10)
    label(ax, data=_data_label(d), detail=d["dataset"])
    ax.set_title(_title(d), fontsize=10, pad=24)
    save(fig, path, twin=twin)
