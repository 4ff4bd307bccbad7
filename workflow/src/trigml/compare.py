"""Accuracy vs hardware cost on one task — 5-class jet tagging — across method families:
the NN baseline (QKeras), the symbolic-regression front and the WARP / difflogic logic networks,
with LogicNets' published points beside.

**Measured first**: where the open RTL flow ran (``results/<study>/hardware/<design>/hardware.json``,
:mod:`trigml.hardware`: da4ml → Verilator bit-exact → Yosys), every NN, SR and logic point takes its
LUTs, latency and accuracy (of the fixed-point design on the test set) from that record — no
estimate. A combinational design has no cycle latency; its latency is its Yosys logic depth times a
LUT-level delay (``LUT_LEVEL_NS``) and is flagged ``latency_estimate``. A pipelined design whose longest
register-to-register path (``logic_depth`` levels) does not fit ``clock_ns`` gets ``latency_cycles``
times that path's delay instead of times the clock, also flagged ``latency_estimate``.

Without those records (hardware flow switched off) the older sources are used: Yosys numbers from
logic_warp's metrics, hls4ml synthesis where Vivado/Vitis ran, and otherwise an *estimate* computed
here from the design's operation counts with the constants below, and every such point carries
``"estimate": true`` and is drawn with open markers. The constants are rules of thumb for
AMD/Xilinx 6-input-LUT fabric, not measurements:

- a W-bit x W-bit multiplication in LUTs (no DSP): ``W*W/2`` LUT6;
- a W-bit addition / subtraction / comparison: ``W`` LUTs (one LUT + carry per bit);
- a 256-entry W-bit lookup table (sin, cos, exp, ... in hls4ml's LUT math): ``256*W/64`` LUT6 as ROM;
- latency of a dense layer in hls4ml's latency strategy (io_parallel, reuse 1): one cycle for the
  multiplications, ``ceil(log2(fan_in))`` adder-tree levels packed two per cycle, one for the activation;
- a logic network's combinational delay: 0.6 ns per LUT level (LUT plus local routing, 7-series -2).
"""

from __future__ import annotations

import math
from typing import Any

LUT_LEVEL_NS = 0.6
ROM_ENTRIES = 256
CLOCK_NS = 5.0

# LogicNets (Umuroglu et al. 2020) JSC-S/M/L re-implemented in the LogicNets repository on the real
# hls4ml jet data: (name, accuracy, LUTs).
LOGICNETS_JSC = (("JSC-S", 0.688, 232), ("JSC-M", 0.715, 14576), ("JSC-L", 0.726, 38925))

OP_LUTS = {
    "mul": lambda w: w * w / 2,
    "add": lambda w: w,
    "sub": lambda w: w,
    "neg": lambda w: w,
    "sin": lambda w: ROM_ENTRIES * w / 64,
    "cos": lambda w: ROM_ENTRIES * w / 64,
    "exp": lambda w: ROM_ENTRIES * w / 64,
    "log": lambda w: ROM_ENTRIES * w / 64,
    "tanh": lambda w: ROM_ENTRIES * w / 64,
    "sqrt": lambda w: ROM_ENTRIES * w / 64,
    "div": lambda w: w * w,
    "square": lambda w: w * w / 2,
    "pow": lambda w: w * w / 2,
}


def mlp_estimate(layers: list[int], bits: int) -> dict[str, Any]:
    """LUTs and latency of a fully parallel dense network ``layers = [16, 64, 32, 32, 5]``."""
    if len(layers) < 2 or any(n <= 0 for n in layers) or bits <= 0:
        raise ValueError(f"need >= 2 positive layer widths and bits > 0, got {layers}, {bits}")
    mults = sum(a * b for a, b in zip(layers[:-1], layers[1:]))
    adds = sum(a * b for a, b in zip(layers[:-1], layers[1:]))  # (fan_in - 1) adds + bias per output
    cycles = sum(1 + math.ceil(math.ceil(math.log2(a)) / 2) + 1 for a in layers[:-1])
    luts = mults * OP_LUTS["mul"](bits) + adds * OP_LUTS["add"](bits)
    return {"estimate": True, "luts": round(luts), "latency_cycles": cycles, "latency_ns": cycles * CLOCK_NS,
            "multiplications": mults}  # fmt: skip


def ops_estimate(operations: dict[str, int], bits: int) -> dict[str, Any]:
    """LUTs of an expression set from its operation counts (hls4ml symbolic expressions)."""
    unknown = set(operations) - set(OP_LUTS)
    if unknown:
        raise ValueError(f"no LUT cost for operation(s) {sorted(unknown)}")
    luts = sum(n * OP_LUTS[op](bits) for op, n in operations.items())
    return {"estimate": True, "luts": round(luts)}


FAMILIES = {"nn": "NN", "sr": "symbolic regression", "logic": "logic network"}
RTL = " (open RTL: Yosys)"


def _family_of(record: dict[str, Any]) -> str | None:
    design, study = record.get("design") or "", record.get("study")
    if study == "jets_sr" and design == "nn":
        return FAMILIES["nn"]
    if study == "jets_sr" and design.startswith("sr_c"):
        return FAMILIES["sr"]
    if study == "logic_warp" and design.startswith("jets_"):
        return FAMILIES["logic"]
    return None


def measured_points(records: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """One point per synthesised ``hardware.json`` record (``(path, record)``) of the jet designs."""
    points = []
    for path, r in records:
        family = _family_of(r)
        if family is None or not r["synthesized"] or r["accuracy_fixed"] is None:
            continue
        latency, lat_est = r["latency_ns"], False
        if r["logic_depth"] is not None:
            stage_ns = r["logic_depth"] * LUT_LEVEL_NS  # the longest register-to-register path
            if not r["latency_cycles"]:  # combinational
                latency, lat_est = stage_ns, True
            elif stage_ns > r["clock_ns"]:  # does not close timing at clock_ns: the period it would run at
                latency, lat_est = r["latency_cycles"] * stage_ns, True
        name = {"nn": "NN QKeras (RTL)"}.get(r["design"], r["design"].removeprefix("jets_"))
        if r["design"].startswith("sr_c"):
            name = f"SR complexity <= {r['design'][4:]}"
        points.append({
            "family": family + RTL, "name": name, "accuracy": r["accuracy_fixed"], "accuracy_float": r["accuracy_float"],
            "luts": r["luts"], "ffs": r["ffs"], "logic_depth": r["logic_depth"], "latency_ns": latency,
            "latency_cycles": r["latency_cycles"], "latency_estimate": lat_est, "estimate": False,
            "backend": r["backend"], "bit_exact": r["bit_exact"], "n_checked": r["n_checked"], "source": path,
        })  # fmt: skip
    return points


def collect_points(
    jets_summary: dict[str, Any],
    logic_metrics: dict[str, Any] | None,
    *,
    nn_layers: list[int],
    nn_bits: int,
    sr_bits: int = 16,
    hardware: list[tuple[str, dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """One point per design: family, name, accuracy, LUTs, latency (ns), estimate flag, source.

    ``hardware``: ``(path, record)`` of the open RTL flow's ``hardware.json``; a family with a
    measured point takes its points only from there (no estimates beside measurements)."""
    measured = measured_points(hardware or [])
    done = {_base_family(p["family"]) for p in measured}
    points = [p for p in _legacy_points(jets_summary, logic_metrics, nn_layers=nn_layers, nn_bits=nn_bits,
                                        sr_bits=sr_bits) if _base_family(p["family"]) not in done]  # fmt: skip
    return measured + points


def _base_family(label: str) -> str:
    return next((f for f in FAMILIES.values() if label.startswith(f)), label)


def _legacy_points(
    jets_summary: dict[str, Any],
    logic_metrics: dict[str, Any] | None,
    *,
    nn_layers: list[int],
    nn_bits: int,
    sr_bits: int,
) -> list[dict[str, Any]]:
    """Points from the studies' own summaries (hls4ml synthesis or labelled estimates, Yosys for logic)."""
    points: list[dict[str, Any]] = []
    for key, name, bits in (
        ("nn_float", "NN float (as ap_fixed<16,6>)", 16),
        ("nn_quantized", f"NN QKeras {nn_bits}-bit", nn_bits),
    ):
        if key not in jets_summary:
            continue
        synth = (jets_summary[key].get("hls") or {}).get("synthesis") or {}
        if synth.get("synthesized"):
            cost = {"estimate": False, "luts": synth.get("lut"), "latency_ns": synth.get("latency_ns_worst")}
        else:
            cost = mlp_estimate(nn_layers, bits)
        points.append({"family": "NN (hls4ml)", "name": name, "accuracy": jets_summary[key]["accuracy"], **cost,
                       "source": f"jets_sr/summary.json:{key}"})  # fmt: skip
    sr = jets_summary.get("sr", {})
    acc_by_c = {p["max_complexity"]: p["accuracy"] for p in sr.get("per_complexity", [])}
    for syn in jets_summary.get("hls_synthesis", []) or []:
        c = syn.get("max_complexity")
        if c not in acc_by_c:
            continue
        if syn.get("synthesized"):
            cost = {"estimate": False, "luts": syn.get("lut"), "latency_ns": syn.get("latency_ns_worst")}
        else:
            est = syn.get("estimate") or {}
            cost = {**ops_estimate(est.get("operations", {}), sr_bits), "latency_ns": est.get("latency_ns")}
        points.append({"family": "symbolic regression (hls4ml)", "name": f"SR complexity <= {c}",
                       "accuracy": acc_by_c[c], **cost, "source": "jets_sr/summary.json:hls_synthesis"})  # fmt: skip
    if logic_metrics:
        for net, methods in logic_metrics.get("networks", {}).items():
            for method, m in methods.items():
                xil = (m.get("synth") or {}).get("xilinx") or {}
                acc = (m.get("discrete_acc") or {}).get("mean")
                if acc is None or xil.get("luts") is None:
                    continue
                depth = xil.get("logic_depth")
                points.append({
                    "family": "logic network (Yosys)", "name": f"{method} {net}", "accuracy": acc,
                    "luts": xil["luts"], "estimate": False, "logic_depth": depth,
                    "latency_ns": depth * LUT_LEVEL_NS if depth is not None else None, "latency_estimate": True,
                    "source": "logic_warp/jets/metrics.json",
                })  # fmt: skip
    return points


def plot(points: list[dict[str, Any]], out: str, *, data: str) -> dict[str, Any]:
    """Two panels: accuracy vs LUTs and accuracy vs latency; open markers = estimates."""
    import matplotlib.pyplot as plt

    from .plotting import PAPER_STYLE, label, save, style

    style()
    fig, (ax_l, ax_t) = plt.subplots(1, 2, figsize=(15, 6))
    markers = {"NN (hls4ml)": ("o", "tab:blue"), "symbolic regression (hls4ml)": ("s", "tab:green"),
               "logic network (Yosys)": ("^", "tab:red"), FAMILIES["nn"] + RTL: ("o", "tab:blue"),
               FAMILIES["sr"] + RTL: ("s", "tab:green"), FAMILIES["logic"] + RTL: ("^", "tab:red")}  # fmt: skip
    for fam, (mk, col) in markers.items():
        for est in (False, True):
            pts = [
                p for p in points if p["family"] == fam and bool(p.get("estimate")) == est and p.get("luts")
            ]
            if pts:
                ax_l.plot([p["luts"] for p in pts], [p["accuracy"] for p in pts], mk, color=col, linestyle="none",
                          mfc="none" if est else col, label=f"{fam}{' (estimate)' if est else ''}")  # fmt: skip
            pts = [p for p in points if p["family"] == fam and p.get("latency_ns") is not None
                   and bool(p.get("estimate") or p.get("latency_estimate")) == est]  # fmt: skip
            if pts:
                ax_t.plot([p["latency_ns"] for p in pts], [p["accuracy"] for p in pts], mk, color=col,
                          linestyle="none", mfc="none" if est else col,
                          label=f"{fam}{' (estimate)' if est else ''}")  # fmt: skip
    ax_l.plot([p[2] for p in LOGICNETS_JSC], [p[1] for p in LOGICNETS_JSC],
              **dict(PAPER_STYLE, label="LogicNets JSC-S/M/L (published, real data)"))  # fmt: skip
    ax_l.set_xscale("log")
    ax_l.set_xlabel("LUTs")
    ax_t.set_xscale("log")
    ax_t.set_xlabel("latency [ns] (open: estimate)")
    for ax in (ax_l, ax_t):
        ax.set_ylabel("5-class jet tagging accuracy")
        ax.legend(fontsize=9, loc="lower right")
        label(ax, data=data)
    twin = {"points": points, "logicnets": [{"name": n, "accuracy": a, "luts": lut} for n, a, lut in LOGICNETS_JSC],
            "data": data}  # fmt: skip
    save(fig, out, twin=twin)
    return twin
