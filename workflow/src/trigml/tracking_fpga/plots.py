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


def _band(aucs: list[dict[str, Any]]) -> tuple[list[float], np.ndarray]:
    """Values and asymmetric error bars of AUCs with a bootstrap interval ({value, lo, hi})."""
    v = [a["value"] for a in aucs]
    lo = [a["value"] - a["lo"] if a.get("lo") is not None else 0.0 for a in aucs]
    hi = [a["hi"] - a["value"] if a.get("hi") is not None else 0.0 for a in aucs]
    return v, np.array([lo, hi])


def plot_csim(csim_json: str | Path, png: str | Path) -> None:
    """AUC of the C simulation and of PyTorch per design, and the max |delta| of the scores."""
    import matplotlib.pyplot as plt

    rows = read_json(csim_json)["results"]
    names = [f"{r['n_nodes']}/{r['n_edges']} {r['style']}" for r in rows]
    twin = {
        "designs": names,
        "precision": [r["precision"] for r in rows],
        "auc_torch": [r["auc_torch"] for r in rows],  # {value, lo, hi, std}: bootstrap over test events
        "auc_hls": [r["auc_hls"] for r in rows],
        "max_abs_diff": [r["max_abs_diff"] for r in rows],
    }
    style()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, 5))
    x = np.arange(len(rows))
    for key, marker, name in (("auc_torch", "o", "PyTorch (float)"), ("auc_hls", "s", "hls4ml C simulation")):
        v, err = _band(twin[key])
        a1.errorbar(x, v, yerr=err, fmt=marker, mfc="none" if marker == "s" else None, capsize=3, label=name)
    a1.set_xticks(x, names, rotation=20)
    a1.set_xlabel("design (nodes/edges, style)")
    a1.set_ylabel("edge AUC (68 % bootstrap interval over test events)")
    a1.legend(fontsize=11)
    a2.bar(x, twin["max_abs_diff"])
    a2.set_xticks(x, names, rotation=20)
    a2.set_xlabel("design (nodes/edges, style)")
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
        for ax, pts, key in ((a1, tb, "width"), (a2, ib, "integer")):
            v, err = _band([p["auc_hls"] for p in pts])
            ax.errorbar([p[key] for p in pts], v, yerr=err, fmt="o-", color=color, capsize=3, label=f"{name} hls4ml")
            ax.axhline(s["auc_float"]["value"], color=color, ls="--", label=f"{name} floating point")
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


def _point(name: str) -> dict[str, Any]:
    """n_nodes, n_edges, reuse_factor, style of a synthesis point name (``n28e56_rf8_pipeline``)."""
    import re

    m = re.fullmatch(r"n(\d+)e(\d+)_rf(\d+)_(\w+)", name)
    if not m:
        raise ValueError(f"not a synthesis point name: {name!r}")
    return {"n_nodes": int(m[1]), "n_edges": int(m[2]), "reuse_factor": int(m[3]), "style": m[4]}


def plot_synth(synth_json: str | Path, png: str | Path) -> None:
    """The synthesis points (design size x reuse factor): HLS LUTs and latency beside each point
    Vivado/Vitis synthesised; hollow markers and the reason where it did not run -- no estimate."""
    import matplotlib.pyplot as plt

    rows = sorted(read_json(synth_json)["results"], key=lambda r: _point(r["design"])["n_edges"])
    style()
    fig, ax = plt.subplots()
    twin: dict[str, Any] = {"points": []}
    for done, marker, name in ((True, "o", "synthesized (HLS report)"), (False, "x", "not synthesized")):
        sel = [r for r in rows if r["synthesized"] is done]
        if sel:
            ax.plot([_point(r["design"])["n_edges"] for r in sel], [_point(r["design"])["reuse_factor"] for r in sel], marker,
                    ms=10, ls="none", label=name)  # fmt: skip
    for r in rows:
        d = _point(r["design"])
        text = f"{r['luts']} LUTs, {r['latency_ns']} ns, II {r['ii']}" if r["synthesized"] else r["reason"][:40] + "..."
        ax.annotate(text, (d["n_edges"], d["reuse_factor"]), fontsize=8, xytext=(5, 5), textcoords="offset points")
        twin["points"].append({k: r[k] for k in ("design", "synthesized", "reason", "luts", "latency_ns", "ii")})
    ax.set_xscale("log")
    ax.set_xlabel("edges per graph (design size)")
    ax.set_ylabel("reuse factor")
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
            "OpenCL skipped: " + str(ocl["reason"])[:60],
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
