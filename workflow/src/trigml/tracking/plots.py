"""Figures of the tracking study; each saved with a JSON twin of the plotted numbers."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from trigml.plotting import PAPER_STYLE, label, save, style

from .steps import PAPER_GRAPHS


def plot_graph_summary(summaries: list[dict[str, Any]], path: str) -> None:
    """Edge efficiency, purity, nodes and edges per event vs pT threshold, DeZoort's values beside."""
    style()
    summaries = sorted(summaries, key=lambda s: s["pt_min"])
    pts = [s["pt_min"] for s in summaries]
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    panels = [
        ("edge_efficiency", "efficiency", "edge efficiency", False),
        ("edge_purity", "purity", "edge purity", True),
        ("mean_nodes", "nodes", "nodes / event", True),
        ("mean_edges", "edges", "edges / event", True),
    ]
    twin: dict[str, Any] = {"pt_min": pts, "ours": {}, "paper": {}}
    for ax, (key, paper_key, ylabel, logy) in zip(axes.flat, panels, strict=True):
        ours = [s[key] for s in summaries]
        ax.plot(pts, ours, "o-", label="trigml")
        twin["ours"][key] = ours
        ref = PAPER_GRAPHS[paper_key]
        if isinstance(ref, dict):
            x = [float(k) for k in ref]
            ax.plot(x, list(ref.values()), **PAPER_STYLE)
            twin["paper"][key] = {"pt_min": x, "value": list(ref.values())}
        else:
            ax.axhline(ref, color="black", linestyle="--", label="paper")
            twin["paper"][key] = ref
        ax.set_xlabel(r"$p_T$ threshold [GeV]")
        ax.set_ylabel(ylabel)
        if logy:
            ax.set_yscale("log")
        ax.legend(fontsize=11)
        label(ax)
    twin["note"] = "paper: DeZoort et al. 2021, TrackML at mu = 200; ours: the configured events"
    fig.tight_layout()
    save(fig, path, twin=twin)


def plot_training(history: dict[str, Any], path: str) -> None:
    """Loss and accuracy per epoch (train and validation), the best epoch marked."""
    style()
    ep = [r["epoch"] for r in history["epochs"]]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(13, 5.5))
    for key, ax in (("loss", a1), ("acc", a2)):
        ax.plot(ep, [r[f"train_{key}"] for r in history["epochs"]], label="train")
        ax.plot(ep, [r[f"val_{key}"] for r in history["epochs"]], label="validation")
        ax.axvline(history["best_epoch"], color="grey", linestyle=":", label="best epoch")
        ax.set_xlabel("epoch")
        ax.set_ylabel("BCE loss" if key == "loss" else "accuracy (score > 0.5)")
        ax.legend(fontsize=11)
        label(ax)
    a1.set_yscale("log")
    fig.tight_layout()
    twin = {
        "epoch": ep,
        **{k: [r[k] for r in history["epochs"]] for k in ("train_loss", "val_loss", "train_acc", "val_acc")},
        "best_epoch": history["best_epoch"],
        "hidden_size": history["hidden_size"],
        "n_parameters": history["n_parameters"],
    }
    save(fig, path, twin=twin)


def plot_roc(metrics: dict[str, Any], path: str) -> None:
    """ROC of the edge classifier on the test graphs with the TPR = TNR working point."""
    style()
    fig, ax = plt.subplots()
    fpr, tpr = metrics["roc"]["fpr"], metrics["roc"]["tpr"]
    err = metrics.get("errors", {}).get("auc") or {}
    band = f" [{err['lo']:.4f}, {err['hi']:.4f}]" if err.get("lo") is not None else ""
    ax.plot(fpr, tpr, label=f"IN, AUC = {metrics['auc']:.4f}{band}" if metrics["auc"] is not None else "IN")
    if metrics["tpr"] is not None and metrics["tnr"] is not None:
        ax.plot(
            [1 - metrics["tnr"]],
            [metrics["tpr"]],
            "o",
            color="C3",
            label=f"threshold {metrics['threshold']:.3f}",
        )
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set_xscale("log")
    ax.set_xlim(1e-4, 1)
    ax.set_xlabel("false-positive rate")
    ax.set_ylabel("true-positive rate")
    ax.legend(loc="lower right", fontsize=12)
    label(ax)
    save(fig, path, twin={k: metrics.get(k) for k in ("roc", "auc", "threshold", "tpr", "tnr", "accuracy", "errors")})


def plot_efficiency(tracks: dict[str, Any], path: str, *, variable: str) -> None:
    """Tracking efficiency vs pT or eta for each building method and the three definitions, with
    the Clopper-Pearson intervals as error bars."""
    style()
    key = {"pt": "vs_pt", "eta": "vs_eta"}[variable]
    methods = list(tracks["settings"]["methods"])
    fig, axes = plt.subplots(1, len(methods), figsize=(6.5 * len(methods), 5.5), sharey=True, squeeze=False)
    twin: dict[str, Any] = {"variable": variable, "interval": "Clopper-Pearson 68.27 %"}
    for ax, method in zip(axes[0], methods, strict=True):
        twin[method] = {}
        for k, (definition, marker) in enumerate((("double_majority", "o"), ("lhc", "s"), ("perfect", "^"))):
            b = tracks[method][key][definition]
            edges = np.asarray(b["edges"])
            nan = lambda vals: np.array([np.nan if v is None else v for v in vals])  # noqa: E731
            eff, lo, hi = nan(b["eff"]), nan(b["lo"]), nan(b["hi"])
            # the three definitions side by side inside each bin
            x = edges[:-1] + (edges[1:] - edges[:-1]) * (k + 1) / 4
            if variable == "pt":
                x = edges[:-1] * (edges[1:] / edges[:-1]) ** ((k + 1) / 4)
            ax.errorbar(x, eff, yerr=[eff - lo, hi - eff], fmt=marker, label=definition.replace("_", "-"))
            twin[method][definition] = b
        ax.set_title(method.replace("_", " "), fontsize=13)
        ax.set_xlabel(r"particle $p_T$ [GeV]" if variable == "pt" else r"particle $\eta$")
        if variable == "pt":
            ax.set_xscale("log")
        ax.set_ylim(0, 1.05)
        for e in edges:
            ax.axvline(e, color="0.9", lw=0.8, zorder=0)
        ax.legend(fontsize=11, loc="lower right")
        label(ax)
    axes[0][0].set_ylabel("tracking efficiency")
    fig.tight_layout()
    save(fig, path, twin=twin)
