"""Figures of the tracking_fpga study (each with its JSON twin), and the collection of per-job JSONs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from trigml.files import read_json, write_json
from trigml.plotting import PAPER_STYLE, label, save, style

# Heintz et al. 2020: OpenCL IN per event on the Intel PAC D5005, single work item -> register tiling
PAPER_OPENCL_SECONDS = {"single_work_item": 0.80, "register_tiled": 0.011}


def collect(files: Sequence[str | Path], out: str | Path, key: str = "results") -> dict[str, Any]:
    """Gather per-job JSON files into one (``{key: [...]}``), checking each exists."""
    items = []
    for f in files:
        if not Path(f).is_file():
            raise FileNotFoundError(f"{f}: result file missing")
        items.append(read_json(f))
    data = {key: items}
    write_json(out, data)
    return data


def plot_designs(designs_json: str | Path, png: str | Path) -> None:
    """Fraction of all and of true edges lost to truncation (and to sectoring) per design."""
    import matplotlib.pyplot as plt

    d = read_json(designs_json)
    names = list(d["designs"])
    rows = [d["designs"][n] for n in names]
    twin = {
        "designs": names,
        "fraction_edges_lost": [r["fraction_edges_lost"] for r in rows],
        "fraction_true_edges_lost": [r["fraction_true_edges_lost"] for r in rows],
        "fraction_true_edges_cut_by_sectors": d["fraction_true_edges_cut_by_sectors"],
        "fraction_edges_cut_by_sectors": d["fraction_edges_cut_by_sectors"],
        "edge_fill": [r["edge_fill"] for r in rows],
    }
    style()
    fig, ax = plt.subplots()
    x = np.arange(len(names))
    ax.bar(x - 0.2, twin["fraction_edges_lost"], 0.4, label="all edges lost to truncation")
    ax.bar(x + 0.2, twin["fraction_true_edges_lost"], 0.4, label="true edges lost to truncation")
    ax.axhline(d["fraction_true_edges_cut_by_sectors"], color="gray", ls="--",
               label=f"true edges cut by sectors ({d['sectors']['edge_policy']})")  # fmt: skip
    ax.set_xticks(x, [n.replace("n", "").replace("e", " / ") for n in names])
    ax.set_xlabel("design: nodes / edges")
    ax.set_ylabel("fraction of edges")
    ax.set_ylim(
        0, max(0.05, 1.3 * max(twin["fraction_edges_lost"] + [d["fraction_true_edges_cut_by_sectors"]]))
    )
    ax.legend(fontsize=11)
    label(ax)
    save(fig, png, twin=twin)


def plot_csim(csim_json: str | Path, png: str | Path) -> None:
    """AUC of the C simulation and of PyTorch per design, and the max |delta| of the scores."""
    import matplotlib.pyplot as plt

    rows = read_json(csim_json)["results"]
    names = [f"{r['n_nodes']}/{r['n_edges']} {r['style']}" for r in rows]
    twin = {
        "designs": names,
        "precision": [r["precision"] for r in rows],
        "auc_torch": [r["auc_torch"] for r in rows],
        "auc_hls": [r["auc_hls"] for r in rows],
        "max_abs_diff": [r["max_abs_diff"] for r in rows],
    }
    style()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, 5))
    x = np.arange(len(rows))
    a1.plot(x, twin["auc_torch"], "o", label="PyTorch (float)")
    a1.plot(x, twin["auc_hls"], "s", mfc="none", label="hls4ml C simulation")
    a1.set_xticks(x, names, rotation=20)
    a1.set_ylabel("edge AUC")
    a1.legend(fontsize=11)
    a2.bar(x, twin["max_abs_diff"])
    a2.set_xticks(x, names, rotation=20)
    a2.set_ylabel("max |score(C sim) - score(PyTorch)|")
    label(a1)
    save(fig, png, twin=twin)


def plot_precision_scan(scan_json: str | Path, png: str | Path) -> None:
    """AUC vs total bits (fixed integer bits) and vs integer bits (fixed width), float AUC as a line."""
    import matplotlib.pyplot as plt

    scans = read_json(scan_json)["results"]
    style()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(13, 5.5), sharey=True)
    twin: dict[str, Any] = {}
    for k, s in enumerate(scans):
        name = f"{s['n_nodes']}/{s['n_edges']}"
        color = f"C{k}"
        tb = [p for p in s["points"] if p["axis"] == "total_bits"]
        ib = [p for p in s["points"] if p["axis"] == "integer_bits"]
        a1.plot(
            [p["width"] for p in tb], [p["auc_hls"] for p in tb], "o-", color=color, label=f"{name} hls4ml"
        )
        a2.plot(
            [p["integer"] for p in ib], [p["auc_hls"] for p in ib], "o-", color=color, label=f"{name} hls4ml"
        )
        for ax in (a1, a2):
            ax.axhline(s["auc_float"], color=color, ls="--", label=f"{name} floating point")
        twin[name] = {
            "auc_float": s["auc_float"],
            "total_bits": {"integer": s["fixed_integer"], "width": [p["width"] for p in tb], "auc": [p["auc_hls"] for p in tb]},
            "integer_bits": {"width": s["fixed_width"], "integer": [p["integer"] for p in ib], "auc": [p["auc_hls"] for p in ib]},
        }  # fmt: skip
    if scans:
        a1.set_xlabel(f"total bits W of ap_fixed<W,{scans[0]['fixed_integer']}>")
        a2.set_xlabel(f"integer bits I of ap_fixed<{scans[0]['fixed_width']},I>")
    a1.set_ylabel("edge AUC")
    a1.legend(fontsize=10)
    label(a1)
    save(fig, png, twin=twin)


def plot_synth(synth_json: str | Path, png: str | Path) -> None:
    """Latency and resources vs graph size where synthesized; otherwise the shape-based estimate,
    clearly labelled, and the reason synthesis did not run."""
    import matplotlib.pyplot as plt

    rows = read_json(synth_json)["results"]
    style()
    fig, ax = plt.subplots()
    done = [r for r in rows if r.get("synthesized")]
    skipped = [r for r in rows if not r.get("synthesized")]
    twin: dict[str, Any] = {"synthesized": [], "estimate_only": []}
    for group, marker, tag in ((done, "o", "synthesized"), (skipped, "x", "estimate_only")):
        for st in ("pipeline", "dataflow"):
            sel = sorted((r for r in group if r["style"] == st), key=lambda r: r["n_edges"])
            if not sel:
                continue
            xs = [r["n_edges"] for r in sel]
            if tag == "synthesized":
                ys = [r.get("dsp") for r in sel]
                ax.plot(xs, ys, marker + "-", label=f"DSP, {st} (HLS report)")
            else:
                ys = [r["estimate"]["multipliers_instantiated"] for r in sel]
                ax.plot(xs, ys, marker + "--", label=f"multipliers, {st} (ESTIMATE from shapes)")
            twin[tag].append(
                {"style": st, "n_edges": xs, "values": ys, "reuse": [r["reuse_factor"] for r in sel]}
            )
    if skipped:
        ax.text(0.02, 0.02, "not synthesized: " + skipped[0]["reason"][:70] + "...", transform=ax.transAxes,
                fontsize=9, va="bottom")  # fmt: skip
        twin["reason"] = skipped[0]["reason"]
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("edges per graph (design size)")
    ax.set_ylabel("multipliers / DSPs")
    ax.legend(fontsize=10)
    label(ax)
    save(fig, png, twin=twin)


def plot_throughput(opencl_json: str | Path, csim_json: str | Path, png: str | Path) -> None:
    """Graphs per second: OpenCL variants (PoCL CPU), hls4ml C simulation and PyTorch, per design;
    beside it, each variant's speed-up over the single work item, with the authors' FPGA numbers."""
    import matplotlib.pyplot as plt

    ocl = read_json(opencl_json)
    cs = read_json(csim_json)["results"]
    style()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(13, 5.5))
    twin: dict[str, Any] = {"opencl": {}, "csim": {}, "torch": {}}
    results = ocl.get("results", []) if ocl.get("available", True) else []
    if results:
        variants = list(results[0]["variants"])
        sizes = [r["n_edges"] for r in results]
        for v in variants:
            gps = [r["variants"][v]["graphs_per_s"] for r in results]
            a1.plot(sizes, gps, "o-", label=f"OpenCL {v}")
            twin["opencl"][v] = dict(zip(map(str, sizes), gps))
        x = np.arange(len(variants))
        for k, r in enumerate(results):
            a2.bar(x + 0.8 * k / len(results), [r["variants"][v].get("speedup_vs_single_work_item", np.nan) for v in variants],
                   0.8 / len(results), label=f"{r['n_nodes']}/{r['n_edges']} (PoCL CPU)")  # fmt: skip
        paper = [
            PAPER_OPENCL_SECONDS["single_work_item"] / PAPER_OPENCL_SECONDS[v]
            if v in PAPER_OPENCL_SECONDS
            else np.nan
            for v in variants
        ]
        a2.plot(x, paper, **{**PAPER_STYLE, "label": "paper (FPGA, full event, pT > 5 GeV)"})
        a2.set_xticks(x, variants, rotation=25, fontsize=10)
        a2.set_yscale("log")
        a2.set_ylabel("speed-up over single work item")
        a2.legend(fontsize=9)
        twin["paper_speedup"] = dict(zip(variants, [None if np.isnan(p) else p for p in paper]))
    else:
        a2.text(
            0.1,
            0.5,
            "OpenCL skipped: " + str(ocl.get("reason", ""))[:60],
            transform=a2.transAxes,
            fontsize=10,
        )
    for st in sorted({r["style"] for r in cs}):
        sel = sorted((r for r in cs if r["style"] == st), key=lambda r: r["n_edges"])
        a1.plot(
            [r["n_edges"] for r in sel],
            [r["csim_graphs_per_s"] for r in sel],
            "s--",
            label=f"hls4ml C sim ({st})",
        )
        twin["csim"][st] = {str(r["n_edges"]): r["csim_graphs_per_s"] for r in sel}
    sel = sorted(cs, key=lambda r: r["n_edges"])
    a1.plot(
        [r["n_edges"] for r in sel], [r.get("torch_graphs_per_s") for r in sel], "k^-", label="PyTorch CPU"
    )
    twin["torch"] = {str(r["n_edges"]): r.get("torch_graphs_per_s") for r in sel}
    a1.set_xscale("log")
    a1.set_yscale("log")
    a1.set_xlabel("edges per graph (design size)")
    a1.set_ylabel("graphs / s (one CPU thread)")
    a1.legend(fontsize=9)
    label(a1)
    save(fig, png, twin=twin)
