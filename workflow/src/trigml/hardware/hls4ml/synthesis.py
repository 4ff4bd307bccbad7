"""Vivado/Vitis HLS synthesis of an hls4ml model where the tool exists, with its report kept; else an
explicit ``synthesized: false`` with the reason. Records follow :mod:`trigml.hardware.schema`."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trigml.hardware import schema

from .converters import HLSSettings
from .tools import HLS_TOOLS, find_hls_tool

log = logging.getLogger(__name__)


def _num(report: dict[str, Any], key: str) -> float | None:
    try:
        return float(report[key])
    except (KeyError, TypeError, ValueError):
        return None


def _int(v: float | None) -> int | None:
    return None if v is None else int(round(v))


def parse_report(project_dir: str | Path) -> dict[str, Any]:
    """Latency, interval and resources (schema fields) from an hls4ml project's C-synthesis report."""
    from hls4ml.report import parse_vivado_report

    csynth = (parse_vivado_report(str(project_dir)) or {}).get("CSynthesisReport")
    if not csynth:
        raise FileNotFoundError(f"{project_dir}: no C-synthesis report found (did csynth run?)")
    period = _num(csynth, "EstimatedClockPeriod") or _num(csynth, "TargetClockPeriod")
    worst = _num(csynth, "WorstLatency")
    return {
        "luts": _int(_num(csynth, "LUT")), "ffs": _int(_num(csynth, "FF")),
        "dsps": _int(_num(csynth, "DSP48E") or _num(csynth, "DSP")), "brams": _int(_num(csynth, "BRAM_18K")),
        "latency_cycles": _int(worst), "latency_ns": worst * period if worst is not None and period else None,
        "ii": _int(_num(csynth, "IntervalMax")),
        "details": {"latency_cycles_best": _int(_num(csynth, "BestLatency")), "estimated_clock_ns": period},
    }  # fmt: skip


def keep_reports(project_dir: str | Path, report_dir: str | Path) -> list[str]:
    """Copy every synthesis report (``*.rpt``, ``*_csynth.xml``) of the project to ``report_dir``."""
    report_dir = Path(report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    kept = []
    for p in sorted(Path(project_dir).rglob("syn/report/*")):
        if p.suffix in (".rpt", ".xml"):
            shutil.copy2(p, report_dir / p.name)
            kept.append(p.name)
    return kept


def tool_version(backend: str) -> str:
    exe = find_hls_tool(backend)
    if exe is None:
        return "absent"
    run = subprocess.run([exe, "-version"], capture_output=True, text=True, timeout=120, check=False)
    return (run.stdout or run.stderr).strip().splitlines()[0] if (run.stdout or run.stderr).strip() else exe


def not_run(backend: str, *, part: str, clock_period: float, **details: Any) -> dict[str, Any]:
    """The record of a design whose HLS tool is absent (no conversion needed to say so)."""
    exe = HLS_TOOLS[backend]
    reason = (
        f"{exe} not found on PATH: {backend} HLS synthesis not run (the C simulation still checks the design)"
    )
    rec = schema.not_synthesized(backend="hls4ml", part=part, clock_ns=float(clock_period), reason=reason,
                                 tool_versions={exe: "absent"})  # fmt: skip
    rec["details"] = details
    return rec


def synthesize(hls_model: Any, settings: HLSSettings, *, report_dir: str | Path) -> dict[str, Any]:
    """Schema fields of a C synthesis of ``hls_model`` (its project stays where it was written, the
    reports are also copied to ``report_dir``), or ``synthesized: false`` with the reason."""
    if find_hls_tool(settings.backend) is None:
        return not_run(settings.backend, part=settings.part, clock_period=settings.clock_period)
    hls_model.build(csim=False, synth=True, vsynth=False, export=False)  # pragma: no cover - needs the tool
    project = hls_model.config.get_output_dir()
    exe = HLS_TOOLS[settings.backend]
    record = schema.not_synthesized(
        backend="hls4ml", part=settings.part, clock_ns=float(settings.clock_period), reason="-"
    )
    record.update(parse_report(project), synthesized=True, reason=None)
    record["tool_versions"] = {exe: tool_version(settings.backend)}
    record["details"]["reports"] = keep_reports(project, report_dir)
    return record


def synthesize_model(hls_model: Any, backend: str, **details: Any) -> dict[str, Any]:
    """:func:`synthesize` with the part and clock the model was converted for; reports kept under
    ``<project>/reports``; ``details`` (what names the design) go under ``details``."""
    cfg = hls_model.config
    settings = HLSSettings(backend=backend, part=str(cfg.get_config_value("Part")),
                           clock_period=float(cfg.get_config_value("ClockPeriod")), precision="n/a")  # fmt: skip
    rec = synthesize(hls_model, settings, report_dir=Path(cfg.get_output_dir()) / "reports")
    rec["details"] = {**(rec.get("details") or {}), **details}
    return rec


def synthesize_or_skip(convert: Callable[[], Any], backend: str, *, part: str, clock_period: float,
                       **details: Any) -> dict[str, Any]:  # fmt: skip
    """The one synth-or-skip of every study: where the HLS tool exists, ``convert()`` (the study's
    conversion, into a kept project folder) and :func:`synthesize_model`; else :func:`not_run`
    without converting. ``details`` name the design in the record."""
    if find_hls_tool(backend) is None:
        return not_run(backend, part=part, clock_period=clock_period, **details)
    return synthesize_model(convert(), backend, **details)  # pragma: no cover - needs Vivado/Vitis
