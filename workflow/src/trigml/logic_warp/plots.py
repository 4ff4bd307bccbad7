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

COLORS = {"warp": "tab:red", "difflogic": "tab:blue"}
LABELS = {"warp": "WARP", "difflogic": "difflogic"}


def _runs(run_files: list[str]) -> list[dict[str, Any]]:
    return [read_json(p) for p in run_files]


def plot_convergence(run_files: list[str], out: str | os.PathLike[str], *, task: str) -> dict[str, Any]:
    """Loss and discrete test accuracy vs epoch (steps for Boolean functions) and vs training wall
    time, mean over seeds, WARP vs difflogic, one line style per network."""
    import matplotlib.pyplot as plt

    style()
    runs = _runs(run_files)
    boolean = task == "boolean"
    xkey = "step" if boolean else "epoch"
    fig, axes = plt.subplots(2, 2, figsize=(14, 10))
    twin: dict[str, Any] = {"task": task, "curves": {}}
    designs = sorted({d for r in runs for d in r["runs"]})
    dashes = ["-", "--", ":", "-."]
    for di, design in enumerate(designs):
        for method in sorted({r["method"] for r in runs}):
            hs = [r["runs"][design]["history"] for r in runs if r["method"] == method and design in r["runs"]]
            if not hs or not any(len(h[xkey]) for h in hs):
                continue
            n = max(len(h[xkey]) for h in hs)

            def pad(key: str, hs: list[dict] = hs, n: int = n) -> np.ndarray:
                # a run that stopped early (exact Boolean function) keeps its last value
                return np.array(
                    [h[key] + [h[key][-1]] * (n - len(h[key])) if h[key] else [np.nan] * n for h in hs]
                )

            x = np.arange(1, n + 1)
            acc, loss, wall = pad("discrete_acc").mean(0), pad("loss").mean(0), pad("wall_s").mean(0)
            kw = {
                "color": COLORS[method],
                "linestyle": dashes[di % len(dashes)],
                "label": f"{LABELS[method]} {design}",
            }
            axes[0, 0].plot(x, acc, **kw)
            axes[0, 1].plot(wall, acc, **kw)
            axes[1, 0].plot(x, loss, **kw)
            axes[1, 1].plot(wall, loss, **kw)
            twin["curves"][f"{method}_{design}"] = {
                xkey: x.tolist(), "discrete_acc": acc.tolist(), "loss": loss.tolist(), "wall_s": wall.tolist(), "seeds": len(hs),
            }  # fmt: skip
    for ax, (xl, yl) in zip(
        axes.flat,
        [(xkey, "discrete accuracy"), ("training wall time [s]", "discrete accuracy"), (xkey, "training loss"), ("training wall time [s]", "training loss")],
    ):  # fmt: skip
        ax.set_xlabel(xl)
        ax.set_ylabel(yl)
        label(ax, data="simulation" if task == "jets" else task)
    axes[0, 0].legend(fontsize=10)
    save(fig, out, twin=twin)
    return twin


def plot_steps_to_exact(metrics_json: str, out: str | os.PathLike[str], *, max_steps: int) -> dict[str, Any]:
    """Boolean functions: optimizer steps until the discrete network is exact, per seed, WARP vs
    difflogic; runs that never became exact are drawn at ``max_steps`` with an open marker."""
    import matplotlib.pyplot as plt

    style()
    m = read_json(metrics_json)
    fig, ax = plt.subplots()
    twin: dict[str, Any] = {"max_steps": max_steps, "functions": {}}
    names = list(m["networks"])
    for fi, fn in enumerate(names):
        for mi, method in enumerate(("warp", "difflogic")):
            e = m["networks"][fn].get(method)
            if not e:
                continue
            steps = e["steps_to_exact"]
            xs = fi + (mi - 0.5) * 0.3 + np.linspace(-0.05, 0.05, len(steps))
            ok = [s is not None for s in steps]
            ys = [s if s is not None else max_steps for s in steps]
            ax.scatter(
                xs[ok], np.array(ys)[ok], color=COLORS[method], label=LABELS[method] if fi == 0 else None
            )
            ax.scatter(xs[~np.array(ok)], np.array(ys)[~np.array(ok)], facecolors="none", edgecolors=COLORS[method],
                       label=f"{LABELS[method]} not exact" if fi == 0 else None)  # fmt: skip
            twin["functions"].setdefault(fn, {})[method] = steps
    ax.axhline(max_steps, color="grey", lw=0.8, ls=":")
    ax.set_xticks(range(len(names)), names)
    ax.set_ylabel("steps until the discrete network is exact")
    ax.set_yscale("log")
    ax.legend(fontsize=11)
    label(ax, data="boolean")
    save(fig, out, twin=twin)
    return twin


def plot_accuracy_vs_gates(metrics_files: list[str], out: str | os.PathLike[str]) -> dict[str, Any]:
    """Discrete test accuracy (mean over seeds, std as error bar) vs number of logic nodes."""
    import matplotlib.pyplot as plt

    style()
    fig, ax = plt.subplots()
    twin: dict[str, Any] = {"points": []}
    markers = {"jets": "o", "digits": "s"}
    for path in metrics_files:
        m = read_json(path)
        task = m["task"]
        for method in ("warp", "difflogic"):
            pts = sorted(
                (e[method]["gates"], e[method]["discrete_acc"]["mean"], e[method]["discrete_acc"]["std"], d)
                for d, e in m["networks"].items() if method in e
            )  # fmt: skip
            if not pts:
                continue
            g, a, s, d = zip(*pts)
            ax.errorbar(
                g,
                a,
                yerr=s,
                color=COLORS[method],
                marker=markers.get(task, "^"),
                label=f"{LABELS[method]}, {task}",
            )
            twin["points"] += [
                {"task": task, "method": method, "network": dd, "gates": gg, "acc": aa, "std": ss}
                for gg, aa, ss, dd in pts
            ]
    ax.set_xscale("log")
    ax.set_xlabel("logic nodes (gates)")
    ax.set_ylabel("discrete test accuracy")
    ax.legend(fontsize=11)
    label(ax)
    save(fig, out, twin=twin)
    return twin


def plot_luts_vs_accuracy(
    metrics_json: str, out: str | os.PathLike[str], *, data: str = "simulation"
) -> dict[str, Any]:
    """Jet tagging: Yosys synth_xilinx LUTs vs discrete test accuracy of our exported (first-seed)
    networks, with LogicNets' published JSC-S/M/L points beside them."""
    import matplotlib.pyplot as plt

    style()
    m = read_json(metrics_json)
    fig, ax = plt.subplots()
    twin: dict[str, Any] = {
        "ours": [],
        "logicnets": [{"name": n, "acc_percent": a, "luts": lut} for n, a, lut in LOGICNETS_JSC],
    }
    for method in ("warp", "difflogic"):
        pts = []
        for design, e in m["networks"].items():
            if method in e and "synth" in e[method]:
                # the exported first-seed network's accuracy (bit-exact in hardware), else the seed mean
                acc = e[method].get("simulation", {}).get("hw_accuracy", e[method]["discrete_acc"]["mean"])
                pts.append((e[method]["synth"]["xilinx"]["luts"], 100 * acc, design))
        if pts:
            pts.sort()
            ax.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                marker="o",
                color=COLORS[method],
                label=f"{LABELS[method]} (trigml, Yosys xc7)",
            )
            twin["ours"] += [
                {"method": method, "network": d, "luts": lut, "acc_percent": a} for lut, a, d in pts
            ]
    paper = dict(PAPER_STYLE, label="LogicNets JSC-S/M/L (published)")
    ax.plot([p[2] for p in LOGICNETS_JSC], [p[1] for p in LOGICNETS_JSC], **paper)
    for name, acc, luts in LOGICNETS_JSC:
        ax.annotate(name, (luts, acc), textcoords="offset points", xytext=(5, -12), fontsize=10)
    ax.set_xscale("log")
    ax.set_xlabel("LUTs")
    ax.set_ylabel("test accuracy [%]")
    ax.legend(fontsize=11)
    label(ax, data=data)
    save(fig, out, twin=twin)
    return twin
