"""Figures of the jets_sr study; each saved with a JSON twin holding the plotted numbers."""

from __future__ import annotations

from typing import Any

import numpy as np

from trigml import plotting
from trigml.files import read_json

from .dataset import read_jets
from .features import CLASSES, FEATURES

CLASS_LABELS = {"g": "gluon", "q": "light quark", "t": "top", "w": "W", "z": "Z"}

PAPER = {
    "accuracy": 0.723,
    "accuracy_lut": 0.722,
    "auc": {"g": 0.909, "q": 0.868, "t": 0.923, "w": 0.892, "z": 0.879},
    "min_latency_ns": 5.0,
    "latency_reduction_vs_nn": 13.0,
    "approximation_threshold": 0.9,
    "source": "Tsoi et al. 2023, example PySR model on the hls4ml LHC jet dataset (real data)",
}
"""The reference values the paper quotes (drawn beside ours)."""


def _data_label(real: bool) -> str:
    return "OpenML 42468" if real else "simulation"


def plot_features(dataset: str, out_png: str, *, real: bool = False) -> dict[str, Any]:
    """Each feature's distribution per class (4×4 panels); twin: per-class means."""
    import matplotlib.pyplot as plt

    plotting.style()
    df = read_jets(dataset)
    fig, axes = plt.subplots(4, 4, figsize=(20, 16))
    means: dict[str, dict[str, float]] = {}
    for ax, feat in zip(axes.flat, FEATURES, strict=True):
        lo, hi = np.percentile(df[feat], [0.5, 99.5])
        bins = np.linspace(lo, hi if hi > lo else lo + 1, 40)
        means[feat] = {}
        for c in CLASSES:
            v = df.loc[df["class"] == c, feat].to_numpy()
            means[feat][c] = float(v.mean()) if len(v) else None
            ax.hist(v, bins=bins, histtype="step", density=True, label=CLASS_LABELS[c], linewidth=1.5)
        ax.set_xlabel(feat, fontsize=12)
        ax.tick_params(labelsize=9)
    axes.flat[0].legend(fontsize=10)
    plotting.label(axes.flat[0], data=_data_label(real))
    twin = {
        "per_class_mean": means,
        "n_jets": int(len(df)),
        "class_counts": df["class"].value_counts().to_dict(),
    }
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_roc(
    nn_metrics: str, front_json: str, out_png: str, *, max_complexity: int | None = None, real: bool = False
) -> dict[str, Any]:
    """ROC per class: SR (the chosen sweep point, default the largest complexity) vs the float NN."""
    import matplotlib.pyplot as plt

    plotting.style()
    nn = read_json(nn_metrics)
    front = read_json(front_json)
    sweep = front["sweep"]
    pick = [s for s in sweep if max_complexity is None or s["max_complexity"] == max_complexity]
    sr = pick[-1] if pick else sweep[-1]
    fig, ax = plt.subplots(figsize=(9, 7))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    twin: dict[str, Any] = {
        "sr_max_complexity": sr["max_complexity"],
        "auc_sr": sr["auc"],
        "auc_nn": nn["auc"],
        "auc_paper_sr": PAPER["auc"],
    }
    for i, c in enumerate(CLASSES):
        col = colors[i % len(colors)]
        if c in nn["roc"]:
            ax.plot(
                nn["roc"][c]["tpr"],
                nn["roc"][c]["fpr"],
                color=col,
                linestyle="-",
                label=f"{CLASS_LABELS[c]}: NN AUC {nn['auc'][c]:.3f}",
            )
        if c in sr["roc"]:
            ax.plot(sr["roc"][c]["tpr"], sr["roc"][c]["fpr"], color=col, linestyle="--",
                    label=f"{CLASS_LABELS[c]}: SR AUC {sr['auc'][c]:.3f} (paper {PAPER['auc'][c]:.3f})")  # fmt: skip
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 1.05)
    ax.set_xlabel("signal efficiency (true positive rate)")
    ax.set_ylabel("background efficiency (false positive rate)")
    ax.legend(
        fontsize=9,
        loc="lower right",
        title=f"solid: NN, dashed: SR (complexity ≤ {sr['max_complexity']})",
        title_fontsize=9,
    )
    plotting.label(ax, data=_data_label(real))
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_complexity(nn_metrics: str, front_json: str, out_png: str, *, real: bool = False) -> dict[str, Any]:
    """Test accuracy and per-class AUC of the SR classifier vs maximum complexity, NN as lines."""
    import matplotlib.pyplot as plt

    plotting.style()
    nn = read_json(nn_metrics)
    sweep = read_json(front_json)["sweep"]
    cx = [s["max_complexity"] for s in sweep]
    acc = [s["accuracy"] for s in sweep]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(16, 6.5))
    a1.plot(cx, acc, "o-", label="SR (argmax of 5 expressions)")
    a1.axhline(nn["accuracy"], color="gray", linestyle="--", label=f"NN {nn['accuracy']:.3f}")
    a1.axhline(
        PAPER["accuracy"],
        color="black",
        linestyle=":",
        label=f"paper SR example {PAPER['accuracy']} (real data)",
    )
    a1.set_xlabel("maximum complexity")
    a1.set_ylabel("test accuracy")
    a1.legend(fontsize=10)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    aucs = {}
    for i, c in enumerate(CLASSES):
        aucs[c] = [s["auc"][c] for s in sweep]
        a2.plot(
            cx,
            aucs[c],
            "o-",
            color=colors[i % len(colors)],
            label=f"{CLASS_LABELS[c]} (NN {nn['auc'][c]:.3f})",
        )
        a2.plot(
            [max(cx)],
            [PAPER["auc"][c]],
            **{**plotting.PAPER_STYLE, "color": colors[i % len(colors)], "label": None},
        )
    a2.plot([], [], **plotting.PAPER_STYLE)
    a2.set_xlabel("maximum complexity")
    a2.set_ylabel("test AUC (one vs rest)")
    a2.legend(fontsize=10)
    plotting.label(a1, data=_data_label(real))
    twin = {
        "max_complexity": cx,
        "accuracy": acc,
        "auc": aucs,
        "nn_accuracy": nn["accuracy"],
        "nn_auc": nn["auc"],
        "paper": PAPER,
    }
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_approximation(
    nn_metrics: str, front_json: str, out_png: str, *, real: bool = False
) -> dict[str, Any]:
    """SR accuracy / NN accuracy vs complexity with the paper's 90 % line."""
    import matplotlib.pyplot as plt

    plotting.style()
    nn = read_json(nn_metrics)
    sweep = read_json(front_json)["sweep"]
    cx = [s["max_complexity"] for s in sweep]
    ratio = [s["accuracy"] / nn["accuracy"] for s in sweep]
    fig, ax = plt.subplots()
    ax.plot(cx, ratio, "o-", label="SR accuracy / NN accuracy")
    ax.axhline(PAPER["approximation_threshold"], color="black", linestyle=":", label="paper: > 90 %")
    ax.set_xlabel("maximum complexity")
    ax.set_ylabel("approximation accuracy")
    ax.legend()
    plotting.label(ax, data=_data_label(real))
    twin = {
        "max_complexity": cx,
        "approximation_accuracy": ratio,
        "nn_accuracy": nn["accuracy"],
        "threshold": PAPER["approximation_threshold"],
    }
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_resources(synth_json: str, out_png: str, *, real: bool = False) -> dict[str, Any]:
    """Latency (and resources where synthesis ran) vs complexity; estimates are labelled as such."""
    import matplotlib.pyplot as plt

    plotting.style()
    designs = read_json(synth_json)["designs"]
    cx, lat, kind = [], [], []
    lut, dsp = [], []
    for d in designs:
        cx.append(d["max_complexity"])
        if d.get("synthesized"):
            lat.append(d.get("latency_ns_worst"))
            kind.append("synthesis")
            lut.append(d.get("lut"))
            dsp.append(d.get("dsp"))
        else:
            lat.append(d["estimate"]["latency_ns"])
            kind.append("estimate")
    fig, ax = plt.subplots()
    synth = [k == "synthesis" for k in kind]
    if any(synth):
        ax.plot(
            [c for c, s in zip(cx, synth, strict=True) if s],
            [v for v, s in zip(lat, synth, strict=True) if s],
            "o-",
            label="HLS synthesis",
        )
    if not all(synth):
        ax.plot([c for c, s in zip(cx, synth, strict=True) if not s], [v for v, s in zip(lat, synth, strict=True) if not s], "s--",
                label="ESTIMATE from operation latencies (no synthesis here)")  # fmt: skip
    ax.axhline(PAPER["min_latency_ns"], color="black", linestyle=":", label="paper: lowest SR latency 5 ns")
    ax.set_xlabel("maximum complexity")
    ax.set_ylabel("latency [ns]")
    ax.legend(fontsize=10)
    plotting.label(ax, data=_data_label(real))
    twin = {"max_complexity": cx, "latency_ns": lat, "kind": kind, "lut": lut, "dsp": dsp}
    plotting.save(fig, out_png, twin=twin)
    return twin


def summarize(nn_float: str, nn_quantized: str, nn_hls: str, front_json: str, timing_json: str, csim_json: str,
              synth_json: str, out_json: str, *, sim_stats: str | None = None, real: bool = False) -> dict[str, Any]:  # fmt: skip
    """``results/jets_sr/summary.json``: NN vs SR, the approximation accuracy, HLS checks, paper values."""
    from trigml.files import write_json

    nnf, nnq, front = read_json(nn_float), read_json(nn_quantized), read_json(front_json)
    best = max(front["sweep"], key=lambda s: s["accuracy"])
    ratio = best["accuracy"] / nnf["accuracy"]
    csim = read_json(csim_json)
    out: dict[str, Any] = {
        "data": _data_label(real),
        "nn_float": {"accuracy": nnf["accuracy"], "auc": nnf["auc"], "n_params": nnf["n_params"]},
        "nn_quantized": {"accuracy": nnq["accuracy"], "auc": nnq["auc"], "hls": read_json(nn_hls)},
        "sr": {
            "engine": front["engine"],
            "features": front["features"],
            "best": {k: best[k] for k in ("max_complexity", "accuracy", "auc", "expressions", "complexity")},
            "per_complexity": [
                {"max_complexity": s["max_complexity"], "accuracy": s["accuracy"], "auc": s["auc"]}
                for s in front["sweep"]
            ],
            "approximation_accuracy": ratio,
            "reaches_90_percent_of_nn": bool(ratio >= PAPER["approximation_threshold"]),
            "timing_s": read_json(timing_json)["seconds"],
        },
        "hls_csim": [
            {
                k: d[k]
                for k in (
                    "max_complexity",
                    "max_abs_diff",
                    "argmax_agreement",
                    "accuracy_numpy",
                    "accuracy_hls",
                )
            }
            for d in csim["designs"]
        ],
        "hls_synthesis": read_json(synth_json)["designs"],
        "paper": PAPER,
    }
    if sim_stats:
        s = read_json(sim_stats)
        out["simulation"] = {"n_jets": s["n_jets"], "jets_per_s_one_core": s["jets_per_s_one_core"]}
    write_json(out_json, out)
    return out
