"""Figures and the summary of the jets_sr study; each figure saved as PNG + PDF with a JSON twin
holding the plotted numbers, every accuracy / AUC drawn with its bootstrap interval."""

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
    "source": "Tsoi et al. 2023 (arXiv:2305.04099): example PySR model on the hls4ml LHC jet dataset (real data); "
    "abstract: > 90 % approximation accuracy, down to 5 ns, up to 13x lower latency than the NN",
}
"""The reference values the paper quotes (drawn beside ours)."""

REFERENCE_MASSES_GEV = {"w": 80.4, "z": 91.2, "t": 172.6}
"""PDG masses of W, Z and top (Particle Data Group, Review of Particle Physics 2024): where the
groomed-mass peaks of those classes belong, in simulation and in the public set alike."""


def _err(value: float, interval: list[float] | None) -> list[float]:
    return [value - interval[0], interval[1] - value] if interval else [0.0, 0.0]


def plot_features(dataset: str, out_png: str, *, data_kind: str) -> dict[str, Any]:
    """Each feature's distribution per class (4×4 panels), PDG masses marked on ``mass_mmdt``;
    twin: per-class mean, standard deviation and 10/50/90 % quantiles."""
    import matplotlib.pyplot as plt

    plotting.style()
    df = read_jets(dataset)
    fig, axes = plt.subplots(4, 4, figsize=(20, 16))
    stats: dict[str, dict[str, Any]] = {}
    for ax, feat in zip(axes.flat, FEATURES, strict=True):
        lo, hi = np.percentile(df[feat], [0.5, 99.5])
        bins = np.linspace(lo, hi if hi > lo else lo + 1, 40)
        stats[feat] = {}
        for i, c in enumerate(CLASSES):
            v = df.loc[df["class"] == c, feat].to_numpy()
            stats[feat][c] = {"mean": float(v.mean()), "std": float(v.std()),
                              "q10_50_90": np.quantile(v, [0.1, 0.5, 0.9]).tolist()} if len(v) else None  # fmt: skip
            ax.hist(v, bins=bins, histtype="step", density=True, label=CLASS_LABELS[c], linewidth=1.5,
                    color=plotting.COLORS[i])  # fmt: skip
        if feat == "mass_mmdt":
            for c, m in REFERENCE_MASSES_GEV.items():
                ax.axvline(m, color=plotting.COLORS[CLASSES.index(c)], linestyle=":", linewidth=1.2)
        ax.set_xlabel(feat + (" [GeV]" if feat == "mass_mmdt" else ""), fontsize=12)
        ax.set_ylabel("density", fontsize=10)
        ax.tick_params(labelsize=9)
    axes.flat[0].legend(fontsize=10)
    axes.flat[14].plot([], [], color="gray", linestyle=":", label="PDG mass (W, Z, t)")
    axes.flat[14].legend(fontsize=9)
    plotting.label(axes.flat[0], data=data_kind)
    twin = {"per_class": stats, "reference_masses_gev": REFERENCE_MASSES_GEV, "n_jets": int(len(df)),
            "class_counts": df["class"].value_counts().sort_index().to_dict()}  # fmt: skip
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_roc(nn_metrics: str, front_json: str, out_png: str, *, data_kind: str) -> dict[str, Any]:
    """ROC per class: the validation-chosen SR classifier vs the float NN (AUCs with intervals)."""
    import matplotlib.pyplot as plt

    plotting.style()
    nn = read_json(nn_metrics)
    sr = read_json(front_json)["best"]
    fig, ax = plt.subplots(figsize=(9, 7))
    for i, c in enumerate(CLASSES):
        col = plotting.COLORS[i]
        nlo, nhi = nn["auc_interval"][c]
        slo, shi = sr["auc_interval"][c]
        ax.plot(nn["roc"][c]["tpr"], nn["roc"][c]["fpr"], color=col, linestyle="-",
                label=f"{CLASS_LABELS[c]}: NN AUC {nn['auc'][c]:.3f} [{nlo:.3f}, {nhi:.3f}]")  # fmt: skip
        ax.plot(sr["roc"][c]["tpr"], sr["roc"][c]["fpr"], color=col, linestyle="--",
                label=f"{CLASS_LABELS[c]}: SR AUC {sr['auc'][c]:.3f} [{slo:.3f}, {shi:.3f}] (paper {PAPER['auc'][c]:.3f})")  # fmt: skip
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 1.05)
    ax.set_xlabel("signal efficiency (true positive rate)")
    ax.set_ylabel("background efficiency (false positive rate)")
    ax.legend(fontsize=8, loc="lower right", title_fontsize=9,
              title=f"solid: NN, dashed: SR (complexity ≤ {sr['max_complexity']}, chosen on validation)")  # fmt: skip
    plotting.label(ax, data=data_kind, detail="test jets, 95 % bootstrap intervals")
    twin = {"sr_max_complexity": sr["max_complexity"], "auc_sr": sr["auc"], "auc_sr_interval": sr["auc_interval"],
            "auc_nn": nn["auc"], "auc_nn_interval": nn["auc_interval"], "auc_paper_sr": PAPER["auc"]}  # fmt: skip
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_complexity(nn_metrics: str, front_json: str, out_png: str, *, data_kind: str) -> dict[str, Any]:
    """Test accuracy and per-class AUC of the SR classifier vs maximum complexity (intervals), NN as bands."""
    import matplotlib.pyplot as plt

    plotting.style()
    nn = read_json(nn_metrics)
    sweep = read_json(front_json)["sweep"]
    cx = [s["max_complexity"] for s in sweep]
    acc = [s["accuracy"] for s in sweep]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(16, 6.5))
    a1.errorbar(cx, acc, yerr=np.array([_err(s["accuracy"], s["accuracy_interval"]) for s in sweep]).T, fmt="o-",
                capsize=3, label="SR (argmax of 5 expressions)")  # fmt: skip
    a1.axhspan(*nn["accuracy_interval"], color="gray", alpha=0.3, label=f"NN {nn['accuracy']:.3f} (interval)")
    a1.axhline(
        PAPER["accuracy"],
        color="black",
        linestyle=":",
        label=f"paper SR example {PAPER['accuracy']} (real data)",
    )
    a1.set_xlabel("maximum complexity")
    a1.set_ylabel("test accuracy")
    a1.legend(fontsize=10)
    aucs: dict[str, list[float]] = {}
    for i, c in enumerate(CLASSES):
        aucs[c] = [s["auc"][c] for s in sweep]
        err = np.array([_err(s["auc"][c], s["auc_interval"][c]) for s in sweep]).T
        a2.errorbar(cx, aucs[c], yerr=err, fmt="o-", capsize=3, color=plotting.COLORS[i],
                    label=f"{CLASS_LABELS[c]} (NN {nn['auc'][c]:.3f})")  # fmt: skip
        a2.plot(
            [max(cx)],
            [PAPER["auc"][c]],
            **{**plotting.PAPER_STYLE, "color": plotting.COLORS[i], "label": None},
        )
    a2.plot([], [], **plotting.PAPER_STYLE)
    a2.set_xlabel("maximum complexity")
    a2.set_ylabel("test AUC (one vs rest)")
    a2.legend(fontsize=10)
    plotting.label(a1, data=data_kind, detail="95 % bootstrap intervals")
    twin = {"max_complexity": cx, "accuracy": acc, "accuracy_interval": [s["accuracy_interval"] for s in sweep],
            "auc": aucs, "nn_accuracy": nn["accuracy"], "nn_accuracy_interval": nn["accuracy_interval"],
            "nn_auc": nn["auc"], "paper": PAPER}  # fmt: skip
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_approximation(nn_metrics: str, front_json: str, out_png: str, *, data_kind: str) -> dict[str, Any]:
    """SR accuracy / NN accuracy vs complexity (paired bootstrap intervals) with the paper's 90 % line."""
    import matplotlib.pyplot as plt

    plotting.style()
    nn = read_json(nn_metrics)
    front = read_json(front_json)
    cx = [s["max_complexity"] for s in front["sweep"]]
    ratios = [s["approximation"] for s in front["sweep"]]
    fig, ax = plt.subplots()
    ax.errorbar(cx, [r["value"] for r in ratios], yerr=np.array([_err(r["value"], r["interval"]) for r in ratios]).T,
                fmt="o-", capsize=3, label="SR accuracy / NN accuracy (test jets)")  # fmt: skip
    best = front["best"]["max_complexity"]
    ax.plot([best], [front["best"]["approximation"]["value"]], "D", color="black", fillstyle="none", markersize=12,
            label="chosen on validation jets")  # fmt: skip
    ax.axhline(PAPER["approximation_threshold"], color="black", linestyle=":", label="paper: > 90 %")
    ax.set_xlabel("maximum complexity")
    ax.set_ylabel("approximation accuracy")
    ax.legend(fontsize=10)
    plotting.label(ax, data=data_kind, detail="95 % paired bootstrap intervals")
    twin = {"max_complexity": cx, "approximation_accuracy": ratios, "chosen_max_complexity": best,
            "nn_accuracy": nn["accuracy"], "threshold": PAPER["approximation_threshold"]}  # fmt: skip
    plotting.save(fig, out_png, twin=twin)
    return twin


def plot_resources(synth_json: str, out_png: str, *, data_kind: str) -> dict[str, Any]:
    """Latency (and resources where synthesis ran) vs complexity; estimates are labelled as such."""
    import matplotlib.pyplot as plt

    plotting.style()
    designs = read_json(synth_json)["designs"]  # trigml.hardware's record: details.max_complexity, latency_ns
    cx = [d["details"]["max_complexity"] for d in designs]
    synth = [bool(d["synthesized"]) for d in designs]
    lat = [d["latency_ns"] if s else d["estimate"]["latency_ns"] for d, s in zip(designs, synth, strict=True)]
    fig, ax = plt.subplots()
    for flag, style, text in (
        (True, "o-", "HLS synthesis"),
        (False, "s--", "ESTIMATE from operation latencies (no synthesis here)"),
    ):
        xs = [c for c, s in zip(cx, synth, strict=True) if s == flag]
        if xs:
            ax.plot(xs, [v for v, s in zip(lat, synth, strict=True) if s == flag], style, label=text)
    ax.axhline(PAPER["min_latency_ns"], color="black", linestyle=":", label="paper: lowest SR latency 5 ns")
    ax.set_xlabel("maximum complexity")
    ax.set_ylabel("latency [ns]")
    ax.legend(fontsize=10)
    plotting.label(ax, data=data_kind)
    twin = {"max_complexity": cx, "latency_ns": lat, "kind": ["synthesis" if s else "estimate" for s in synth],
            "luts": [d["luts"] for d in designs], "dsps": [d["dsps"] for d in designs]}  # fmt: skip
    plotting.save(fig, out_png, twin=twin)
    return twin


def _metrics(m: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "accuracy",
        "accuracy_interval",
        "validation_accuracy",
        "auc",
        "auc_interval",
        "interval_confidence",
    )
    return {k: m[k] for k in keys if k in m}


def summarize(nn_float: str, nn_quantized: str, nn_hls: str, front_json: str, timing_json: str, csim_json: str,
              synth_json: str, out_json: str, *, sim_stats: str | None, data_kind: str) -> dict[str, Any]:  # fmt: skip
    """``results/jets_sr/summary.json``: NN vs SR (intervals), the approximation accuracy of the
    validation-chosen SR model with its paired bootstrap interval, HLS checks, paper values."""
    from trigml.files import write_json

    nnf, nnq, front = read_json(nn_float), read_json(nn_quantized), read_json(front_json)
    best = front["best"]
    ratio = best["approximation"]
    out: dict[str, Any] = {
        "data": data_kind,
        "split": {"n_train_nn": nnf["n_train"], "n_train_sr": front["n_train"], "n_validation": front["n_validation"],
                  "n_test": front["n_test"], "selection": front["selection"]},
        "nn_float": {**_metrics(nnf), "n_params": nnf["n_params"]},
        "nn_quantized": {**_metrics(nnq), "hls": read_json(nn_hls)},
        "sr": {
            "engine": front["engine"], "features": front["features"], "loss": front["loss"],
            "best": {**_metrics(best), **{k: best[k] for k in ("max_complexity", "expressions", "complexity")}},
            "per_complexity": [{"max_complexity": s["max_complexity"], **_metrics(s), "approximation": s["approximation"]}
                               for s in front["sweep"]],
            "approximation_accuracy": ratio["value"], "approximation_accuracy_interval": ratio["interval"],
            "reaches_90_percent_of_nn": bool(ratio["value"] >= PAPER["approximation_threshold"]),
            "timing_s": read_json(timing_json)["seconds"],
        },
        "hls_csim": [{k: d[k] for k in ("max_complexity", "max_abs_diff", "argmax_agreement", "accuracy_numpy", "accuracy_hls")}
                     for d in read_json(csim_json)["designs"]],
        "hls_synthesis": read_json(synth_json)["designs"],
        "paper": PAPER,
    }  # fmt: skip
    if sim_stats:
        s = read_json(sim_stats)
        out["simulation"] = {"n_jets": s["n_jets"], "jets_per_s_one_core": s["jets_per_s_one_core"]}
    write_json(out_json, out)
    return out
