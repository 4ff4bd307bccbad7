"""``make bench`` for the hardware subsystem's open RTL flow: synthesis (Yosys) and simulation
(Verilator) time per design of the latest run (the ``synth_rtl`` / ``simulate_rtl`` benchmark files
beside every ``results/<study>/hardware/<design>/hardware.json``; the Yosys CPU time is also in each
``synth_rtl`` log), and, unless ``quick``, a fresh trace → Verilator →
Yosys of a fixed reference design (a 16-16-8-5 MLP, 6-bit weights) to time this machine's tools."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

import numpy as np
from trigml import patterns
from trigml.files import read_json, write_json

__all__ = ["run"]


def _tsv(path: Path) -> dict[str, float] | None:
    if not path.exists():
        return None
    with open(path) as fh:
        row = next(csv.DictReader(fh, delimiter="\t"), None)
    return {"wall_s": float(row["s"]), "cpu_s": float(row["cpu_time"])} if row else None


def _yosys_times(study: str, design: str) -> dict[str, float] | None:
    """Yosys wall and CPU seconds from the synth_rtl log ("Yosys: 69.9 s wall, 10.2 s CPU")."""
    import re

    path = Path(patterns.log("hardware", "synth_rtl", f"{study}/{design}"))
    m = re.search(r"Yosys: ([0-9.]+) s wall, ([0-9.]+) s CPU", path.read_text()) if path.exists() else None
    return {"wall_s": float(m[1]), "cpu_s": float(m[2])} if m else None


def _latest_run() -> list[dict]:
    rows = []
    for path in sorted(Path(patterns.RESULTS).glob("*/hardware/*/hardware.json")):
        r = read_json(path)
        study, design = path.parts[-4], path.parts[-2]
        bench = Path(patterns.benchmark("hardware", "synth_rtl", f"{study}/{design}"))
        sim_bench = Path(patterns.benchmark("hardware", "simulate_rtl", f"{study}/{design}"))
        rows.append({
            "study": study, "design": design, "synthesized": r["synthesized"], "luts": r["luts"], "ffs": r["ffs"],
            "latency_ns": r["latency_ns"], "estimated_cost": (r.get("details") or {}).get("estimated_cost"),
            "yosys": _yosys_times(study, design), "synth_rtl": _tsv(bench), "simulate_rtl": _tsv(sim_bench),
        })  # fmt: skip
    return rows


def _reference_design() -> dict:
    from trigml.hardware import rtl
    from trigml.hardware.designs.dense import Layer, dense_design
    from trigml.hardware.designs.fixed import FixedType
    from trigml.hardware.settings import RtlSettings

    rng = np.random.default_rng(0)
    sizes, layers = [16, 16, 8, 5], []
    for a, b in zip(sizes[:-1], sizes[1:]):
        W = np.clip(np.round(rng.normal(0, 0.25, (a, b)) * 32) / 32, -1, 31 / 32)
        last = b == sizes[-1]
        layers.append(Layer(W=W, b=np.zeros(b), act="linear" if last else "relu",
                            out=None if last else FixedType(0, 0, 6), overflow="SAT", rounding="RND"))  # fmt: skip
    t0 = time.perf_counter()
    d = dense_design(name="bench_mlp", study="bench", layers=layers, input_precision="ap_fixed<16,6>",
                     X=rng.normal(0, 1, (1000, 16)))  # fmt: skip
    trace_s = time.perf_counter() - t0
    s = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=5.0,
                    n_checked=1000, max_cost=1e6, synth_timeout_s=3600)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        prj = Path(tmp) / "rtl"
        rtl.write_project(d, prj, s)
        t0 = time.perf_counter()
        sim = rtl.simulate(prj, n_checked=1000)
        sim["seconds"] = time.perf_counter() - t0
        syn = rtl.synthesize(prj, s)
    return {"design": "16-16-8-5 MLP, 6-bit weights, ap_fixed<16,6> input", "da4ml_cost": float(d.comb.cost),
            "trace_s": trace_s, "verilator_s": sim["seconds"], "yosys_wall_s": syn.get("seconds"),
            "yosys_cpu_s": syn.get("cpu_seconds"), "luts": syn.get("luts"), "bit_exact": sim["bit_exact"]}  # fmt: skip


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    out = Path(out_dir) / "hardware.json"
    result = {"latest_run": _latest_run()}
    if not quick:
        result["reference_design"] = _reference_design()
    write_json(out, result)
    return [out]
