"""Per-operator complexity of the SR search measured in the open RTL flow (the open counterpart of
hls4ml's ``generate_operator_complexity``, which synthesises one operator at a time with Vivado HLS
and takes its latency in clock cycles).

Each operator of the search is traced alone (``x0 + x1``, ``x0*x1``, ``0.6171875*x0``, ``sin(x0)``, …)
in hls4ml's arithmetic at the design's precision with :func:`trigml.hardware.designs.symbolic.trace`,
written as a pipelined Verilog project by da4ml at the hardware subsystem's clock and
``latency_cutoff`` (:func:`trigml.hardware.rtl.write_project`, the same call that builds the SR
designs) and synthesised with Yosys (:func:`trigml.hardware.rtl.synthesize`): pipeline stages,
LUTs, FFs, carry cells, DSPs and logic depth per operator. The complexity the search uses is the
operator's **pipeline stages** (clock cycles between the input and the output register at the
configured clock; at least 1) — the latency definition of Tsoi et al.'s table, measured on the
design that is built. ``cmul`` (a multiplication by a constant: a shift-and-add tree in RTL, no
multiplier) is measured beside ``mul`` (variable × variable). Operators the RTL flow cannot build
(division, log and sqrt over a range that includes x ≤ 0) are an error naming the operator.

The ``calibrate_operators`` rule writes the table to ``results/jets_sr/sr/operator_costs.json``;
alone: ``python scripts/jets_sr/calibrate_operators.py --operators add sub mul square sin sc
--hls '<jets_sr.hls block as JSON>' --settings '<hardware settings as JSON>' --costs costs.json``.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

PROBES = {"add": "x0 + x1", "sub": "x0 - x1", "mul": "x0*x1", "cmul": "0.6171875*x0", "square": "x0**2",
          "sin": "sin(x0)", "cos": "cos(x0)", "sc": "sin(x0)*cos(x0)", "exp": "exp(x0)", "tanh": "tanh(x0)",
          "div": "x0/x1", "log": "log(x0)", "sqrt": "sqrt(x0)"}  # fmt: skip
"""The expression that measures each operator (inputs x0, x1). ``cmul``'s constant has four nonzero
bits at ap_fixed<16,6> (0.1001111 in binary: a typical fitted coefficient)."""

ALWAYS = ("add", "sub", "mul", "cmul")
"""Measured whatever the operator list: every expression has sums, differences and scalings."""


def probe_inputs(n: int = 64) -> np.ndarray:
    """A fixed (n, 2) grid over [-4, 4): the probe designs need test inputs, their values do not matter."""
    g = np.linspace(-4.0, 4.0, n, endpoint=False)
    return np.stack([g, g[::-1]], axis=1)


def measure_operator(op: str, work: Path, *, precision: str, table_size: int, lut_range: Sequence[float],
                     settings: Any, synthesize: Callable[..., dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    """One operator's RTL design: its da4ml pipeline and (``synthesize``, default Yosys) cell counts."""
    from trigml.hardware import rtl
    from trigml.hardware.designs.symbolic import symbolic_design

    if op not in PROBES:
        raise ValueError(f"operator {op!r} has no RTL probe (known: {sorted(PROBES)})")
    try:
        with np.errstate(all="ignore"):
            design = symbolic_design(name=f"op_{op}", study="jets_sr", expressions=[PROBES[op]], n_inputs=2,
                                     precision=precision, table_size=table_size, lut_range=list(lut_range),
                                     X=probe_inputs())  # fmt: skip
            meta = rtl.write_project(design, work / op, settings)
    except (ValueError, OverflowError, FloatingPointError) as err:
        raise ValueError(f"operator {op!r} ({PROBES[op]}) cannot be built by the open RTL flow: {err}; leave it "
                         "out of jets_sr.sr.operators or set jets_sr.sr.complexity_source: table") from err  # fmt: skip
    syn = (synthesize or rtl.synthesize)(work / op, settings)
    out = {"expression": PROBES[op], "pipeline_stages": int(meta["pipeline_stages"]),
           "latency_cycles": int(meta["ports"]["latency_cycles"]), "da4ml_cost": meta["estimated_cost"],
           "synthesized": bool(syn["synthesized"]), "reason": syn["reason"]}  # fmt: skip
    out.update({k: syn.get(k) for k in ("luts", "ffs", "carry", "dsps", "logic_depth")})
    log.info("operator %s: %d pipeline stage(s), %s LUTs, %s DSPs, logic depth %s", op, out["pipeline_stages"],
             out["luts"], out["dsps"], out["logic_depth"])  # fmt: skip
    return out


def calibrate(operators: Sequence[str], *, precision: str, table_size: int, lut_range: Sequence[float],
              settings: Any, synthesize: Callable[..., dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    """The measured table: per operator its RTL measurements and ``complexity`` (pipeline stages, ≥ 1).

    ``settings``: :class:`trigml.hardware.settings.RtlSettings` (clock, latency_cutoff, part, Yosys).
    """
    if settings.latency_cutoff <= 0:
        raise ValueError("hardware.latency_cutoff <= 0 builds every design as one stage: no latency to calibrate "
                         "the SR operators with (set it > 0, or jets_sr.sr.complexity_source: table)")  # fmt: skip
    ops = sorted(set(operators) | set(ALWAYS))
    measured: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="trigml-calibrate-") as tmp:
        for op in ops:
            measured[op] = measure_operator(op, Path(tmp), precision=precision, table_size=table_size,
                                            lut_range=lut_range, settings=settings, synthesize=synthesize)  # fmt: skip
    return {
        "definition": "complexity = pipeline stages of the operator's RTL design alone (da4ml at clock_ns and "
                      "latency_cutoff; clock cycles between input and output register), at least 1; variables and "
                      "constants count 1; cmul = multiplication by a constant",
        "precision": precision, "lut_table_size": int(table_size), "lut_range": [float(v) for v in lut_range],
        "part": settings.part, "clock_ns": settings.clock_ns, "latency_cutoff": settings.latency_cutoff,
        "operators": measured,
        "complexity": {op: max(1, m["pipeline_stages"]) for op, m in measured.items()},
    }  # fmt: skip


def calibrate_operators(
    out_json: str, *, operators: Sequence[str], hls: Any, settings: dict[str, Any]
) -> dict[str, Any]:
    """The ``calibrate_operators`` step: the measured table of ``operators`` at ``hls``'s precision
    and LUTs (:class:`trigml.jets_sr.settings.HLSSettings`) → ``out_json``."""
    from trigml.files import write_json
    from trigml.hardware.settings import RtlSettings

    table = calibrate(operators, precision=hls.precision, table_size=hls.lut_table_size, lut_range=hls.lut_range,
                      settings=RtlSettings.from_config(settings))  # fmt: skip
    write_json(out_json, table)
    log.info("measured operator complexity: %s", table["complexity"])
    return table
