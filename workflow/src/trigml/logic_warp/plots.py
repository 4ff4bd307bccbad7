"""Figures of the logic study (each saved with a JSON twin of the plotted numbers)."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from trigml.files import read_json
from trigml.plotting import PAPER_STYLE, label, save, style

__all__ = [
    "LOGICNETS_JSC",
    "plot_accuracy_vs_gates",
    "plot_convergence",
    "plot_luts_vs_accuracy",
    "plot_steps_to_exact",
]

# LogicNets (Umuroglu et al. 2020) jet-substructure classifiers as re-implemented and synthesised in
# the LogicNets repository on the real hls4ml jet data: (name, test accuracy %, LUTs).
LOGICNETS_JSC = (("JSC-S", 68.8, 232), ("JSC-M", 71.5, 14576), ("JSC-L", 72.6, 38925))

STYLE = {
    "difflogic": ("tab:blue", "o"),
    "warp2": ("tab:orange", "s"),
    "warp4": ("tab:red", "^"),
    "warp6": ("tab:purple", "D"),
}
EXTRA = ("tab:green", "tab:brown", "tab:pink", "tab:olive", "tab:cyan", "tab:gray")
DATA = {"boolean": ("real", "Boolean truth tables"), "digits": ("real", "sklearn digits")}


def _style(model: str, i: int) -> tuple[str, str]:
    return STYLE.get(model, (EXTRA[i % len(EXTRA)], "v"))


def _label(model: str, spec: dict[str, Any]) -> str:
    return f"{model} ({spec['method']}, k = {spec['lut_rank']})"


def _data(task: str, jets: str) -> tuple[str, str]:
    return DATA.get(task, (jets, "jets, 16 features"))


def _band(ax: Any, x: np.ndarray, runs: np.ndarray, color: str, ls: str, lab: str) -> dict[str, Any]:
    mean, std = np.nanmean(runs, 0), np.nanstd(runs, 0, ddof=1) if len(runs) > 1 else np.zeros(runs.shape[1])
    ax.plot(x, mean, color=color, ls=ls, label=lab)
    ax.fill_between(x, mean - std, mean + std, color=color, alpha=0.15, lw=0)
    return {"mean": mean.tolist(), "std": std.tolist()}


def _padded(hs: list[list[float]]) -> np.ndarray:
    """Histories of unequal length (a Boolean run stops when exact) padded with their last value."""
    n = max(len(h) for h in hs)
    return np.array([h + [h[-1]] * (n - len(h)) if h else [np.nan] * n for h in hs], dtype=float)


def plot_convergence(
    runs_json: str, timing_json: str, out: str | os.PathLike[str], *, jets: str = "simulated"
) -> dict[str, Any]:
    """Validation discrete accuracy (Boolean: accuracy on the truth table) vs epoch (steps) and vs
    training wall time, mean ± std over seeds, per model; one line style per network."""
    import matplotlib.pyplot as plt

    style()
    runs, timing = read_json(runs_json), read_json(timing_json)
    task = runs["task"]
    boolean = task == "boolean"
    xkey, ykey = ("step", "discrete_acc") if boolean else ("epoch", "val_discrete_acc")
    fig, axes = plt.subplots(1, 2, figsize=(14, 6))
    twin: dict[str, Any] = {"task": task, "x": xkey, "y": ykey, "curves": {}}
    dashes = ["-", "--", ":", "-."]
    for mi, (model, v) in enumerate(runs["models"].items()):
        color = _style(model, mi)[0]
        for di, (design, items) in enumerate(v["networks"].items()):
            if not any(p["history"][ykey] for p in items):
                continue
            acc = _padded([p["history"][ykey] for p in items])
            wall = _padded([t["wall_s"] for t in timing["models"][model][design]])
            x = np.arange(1, acc.shape[1] + 1)
            lab = f"{_label(model, v['spec'])} {design}"
            curve = _band(axes[0], x, acc, color, dashes[di % 4], lab)
            axes[1].plot(np.nanmean(wall, 0), curve["mean"], color=color, ls=dashes[di % 4])
            twin["curves"][f"{model}_{design}"] = {
                xkey: x.tolist(),
                **curve,
                "wall_s": np.nanmean(wall, 0).tolist(),
                "seeds": len(items),
            }
    ylab = "discrete accuracy (truth table)" if boolean else "validation discrete accuracy"
    for ax, xl in zip(axes, (xkey, "training wall time [s] (shared machine: indicative)")):
        ax.set_xlabel(xl)
        ax.set_ylabel(ylab)
        label(ax, *_data(task, jets))
    axes[0].legend(fontsize=9)
    save(fig, out, twin=twin)
    return twin


def plot_steps_to_exact(metrics_json: str, out: str | os.PathLike[str], *, max_steps: int) -> dict[str, Any]:
    """Boolean functions: optimizer steps until the discrete network is exact, per seed and model;
    runs that never became exact are drawn at ``max_steps`` with an open marker."""
    import matplotlib.pyplot as plt

    style()
    m = read_json(metrics_json)
    fig, ax = plt.subplots(figsize=(10, 6))
    twin: dict[str, Any] = {"max_steps": max_steps, "functions": {}}
    names, models = list(m["networks"]), list(m["models"])
    width = 0.8 / max(1, len(models))
    for fi, fn in enumerate(names):
        for mi, model in enumerate(models):
            steps = m["networks"][fn][model]["steps_to_exact"]
            color, marker = _style(model, mi)
            xs = fi - 0.4 + (mi + 0.5) * width + np.linspace(-0.2, 0.2, len(steps)) * width
            ok = np.array([s is not None for s in steps])
            ys = np.array([s if s is not None else max_steps for s in steps], dtype=float)
            ax.scatter(
                xs[ok],
                ys[ok],
                color=color,
                marker=marker,
                label=_label(model, m["models"][model]) if fi == 0 else None,
            )
            ax.scatter(xs[~ok], ys[~ok], facecolors="none", edgecolors=color, marker=marker)
            twin["functions"].setdefault(fn, {})[model] = steps
    ax.axhline(
        max_steps, color="grey", lw=0.8, ls=":", label=f"not exact within {max_steps} steps (open markers)"
    )
    ax.set_xticks(range(len(names)), names)
    ax.set_xlabel("Boolean function (kind and number of inputs)")
    ax.set_ylabel("steps until the discrete network is exact")
    ax.set_yscale("log")
    ax.legend(fontsize=10)
    label(ax, *DATA["boolean"])
    save(fig, out, twin=twin)
    return twin


def plot_accuracy_vs_gates(metrics_files: list[str], out: str | os.PathLike[str]) -> dict[str, Any]:
    """Discrete test accuracy (validation-selected; mean over seeds, std as error bar) vs logic
    nodes, per model and task."""
    import matplotlib.pyplot as plt

    style()
    fig, ax = plt.subplots(figsize=(10, 7))
    twin: dict[str, Any] = {"points": []}
    lines = {"jets": "-", "digits": "--"}
    for path in metrics_files:
        m = read_json(path)
        task = m["task"]
        for mi, model in enumerate(m["models"]):
            color, marker = _style(model, mi)
            pts = sorted(
                (e[model]["gates"], e[model]["test_discrete_acc"]["mean"], e[model]["test_discrete_acc"]["std"], d)
                for d, e in m["networks"].items()
            )  # fmt: skip
            g, a, sd, d = zip(*pts)
            ax.errorbar(g, a, yerr=sd, color=color, marker=marker, ls=lines.get(task, ":"), capsize=3,
                        label=f"{_label(model, m['models'][model])}, {task}")  # fmt: skip
            twin["points"] += [
                {"task": task, "model": model, "network": dd, "gates": gg, "acc": aa, "std": ss}
                for gg, aa, ss, dd in pts
            ]
    ax.set_xscale("log")
    ax.set_xlabel("logic nodes")
    ax.set_ylabel("discrete test accuracy (mean ± std over seeds)")
    ax.legend(fontsize=9)
    label(ax, "real", "digits (real) and jets")
    save(fig, out, twin=twin)
    return twin


def plot_luts_vs_accuracy(
    metrics_json: str, out: str | os.PathLike[str], *, data: str = "simulated"
) -> dict[str, Any]:
    """Jet tagging: Yosys synth_xilinx LUTs of the exported (first-seed) networks vs discrete test
    accuracy (mean ± std over seeds), per model, with LogicNets' published JSC-S/M/L points."""
    import matplotlib.pyplot as plt

    style()
    m = read_json(metrics_json)
    fig, ax = plt.subplots(figsize=(10, 7))
    twin: dict[str, Any] = {
        "ours": [],
        "logicnets": [{"name": n, "acc_percent": a, "luts": lut} for n, a, lut in LOGICNETS_JSC],
    }
    for mi, model in enumerate(m["models"]):
        color, marker = _style(model, mi)
        pts = sorted(
            (e[model]["synth"]["xilinx"]["luts"], 100 * e[model]["test_discrete_acc"]["mean"],
             100 * e[model]["test_discrete_acc"]["std"], d)
            for d, e in m["networks"].items() if "synth" in e[model]
        )  # fmt: skip
        if not pts:
            continue
        lut, acc, sd, d = zip(*pts)
        ax.errorbar(
            lut,
            acc,
            yerr=sd,
            color=color,
            marker=marker,
            capsize=3,
            label=f"{_label(model, m['models'][model])}, Yosys xc7",
        )
        twin["ours"] += [
            {"model": model, "network": dd, "luts": ll, "acc_percent": aa, "std_percent": ss}
            for ll, aa, ss, dd in pts
        ]
    paper = dict(PAPER_STYLE, label="LogicNets JSC-S/M/L (published, real jets, Vivado)")
    ax.plot([p[2] for p in LOGICNETS_JSC], [p[1] for p in LOGICNETS_JSC], **paper)
    for name, acc, luts in LOGICNETS_JSC:
        ax.annotate(name, (luts, acc), textcoords="offset points", xytext=(5, -12), fontsize=10)
    ax.set_xscale("log")
    ax.set_xlabel("LUTs")
    ax.set_ylabel("test accuracy [%] (mean ± std over seeds)")
    ax.legend(fontsize=9)
    label(ax, data, "jets, 16 features")
    save(fig, out, twin=twin)
    return twin
