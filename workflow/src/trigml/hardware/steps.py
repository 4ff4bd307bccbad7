"""The steps of the open RTL flow, one function per rule of ``workflow/rules/hardware.smk``
(``convert_rtl → simulate_rtl → synth_rtl``); scripts only parse arguments."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from trigml.files import read_json, write_json

from . import rtl, schema
from .settings import RtlSettings

log = logging.getLogger(__name__)

__all__ = ["convert_rtl", "simulate_rtl", "synth_rtl"]


def convert_rtl(project: str | os.PathLike[str], *, builder: str, inputs: dict[str, str],
                options: dict[str, dict[str, Any]], settings: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """Build the design named like the project's folder (``.../hardware/<design>/rtl``) with
    ``builder`` from the study's files ``inputs`` and its entry of ``options``; write the project."""
    from .studies import build

    design = Path(project).parent.name
    if design not in options:
        raise ValueError(f"design {design!r} has no builder options (known: {sorted(options)})")
    d = build(builder, name=design, **inputs, **options[design])
    return rtl.write_project(d, project, RtlSettings.from_config(settings))


def simulate_rtl(
    project: str | os.PathLike[str], out_json: str | os.PathLike[str], *, n_checked: int
) -> dict[str, Any]:
    """Verilator, bit-exact on ``n_checked`` inputs (raises naming the design otherwise); the JSON."""
    result = rtl.simulate(project, n_checked=n_checked)
    write_json(out_json, result)
    return result


def synth_rtl(project: str | os.PathLike[str], simulation: str | os.PathLike[str], out_json: str | os.PathLike[str],
              *, settings: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """Yosys, then the validated ``hardware.json`` (written atomically; ``synthesized: false`` with the
    reason where Yosys is missing, fails, times out or the design is over the limits)."""
    s = RtlSettings.from_config(settings)
    sim = read_json(simulation)
    if not sim.get("bit_exact") or sim.get("mismatches") != 0:
        raise ValueError(f"{simulation}: the design is not bit-exact; it is not synthesised")
    syn = rtl.synthesize(project, s)
    if not syn["synthesized"]:
        log.warning("not synthesised: %s", syn["reason"])
    else:
        log.info("Yosys: %.1f s wall, %.1f s CPU", syn["seconds"], syn["cpu_seconds"])
    record = rtl.hardware_record(project, sim, syn, s)
    schema.write(out_json, record)
    log.info("%s: %s LUTs, %s FFs, %s CARRY, depth %s, %s cycles (%s ns)", record["design"], record["luts"],
             record["ffs"], record["carry"], record["logic_depth"], record["latency_cycles"], record["latency_ns"])  # fmt: skip
    return record
