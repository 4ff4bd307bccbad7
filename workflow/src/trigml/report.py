"""Gather every study's JSON outputs into one Markdown summary (``results/summary.md``).

A study's JSON files are found under ``results/<study>/`` (``results/data`` for the data
study). Scalar values (numbers, strings, booleans) at the top level and one level down are
tabulated, so the summary shows every headline number a study wrote without hand-typing any.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

STUDY_DIRS = {
    "data": ["data"],
    "tracking": ["tracking"],
    "tracking_fpga": ["tracking_fpga"],
    "jets_sr": ["jets_sr"],
    "anomaly_kd": ["anomaly_kd"],
    "logic_warp": ["logic_warp"],
}


def _scalars(obj: Any, prefix: str = "", depth: int = 0) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, bool | int | float | str) or v is None:
                out.append((key, v))
            elif isinstance(v, dict) and depth < 1:
                out += _scalars(v, key, depth + 1)
    return out


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        if math.isnan(v):
            return "n/a"
        return f"{v:.4g}"
    return str(v).replace("|", "\\|")


def study_json_files(results: Path, study: str) -> list[Path]:
    files: list[Path] = []
    for sub in STUDY_DIRS.get(study, [study]):
        d = results / sub
        if d.is_dir():
            files += sorted(p for p in d.rglob("*.json") if p.is_file())
    return files


def summarize(results: str | Path, studies: list[str], title: str) -> tuple[str, dict[str, Any]]:
    """Markdown text and a JSON-able dict {study: {relative json path: {key: value}}}."""
    results = Path(results)
    lines = [f"# {title}", "", "Every value below is read from the JSON file named in its table heading.", ""]
    data: dict[str, Any] = {}
    for study in studies:
        lines += [f"## {study}", ""]
        files = study_json_files(results, study)
        data[study] = {}
        if not files:
            lines += ["_no JSON outputs found_", ""]
            continue
        for f in files:
            try:
                content = json.loads(f.read_text())
            except json.JSONDecodeError as exc:
                raise ValueError(f"{f}: not valid JSON ({exc})") from exc
            rows = _scalars(content)
            rel = str(f.relative_to(results))
            data[study][rel] = dict(rows)
            if not rows:
                continue
            lines += [f"### `{rel}`", "", "| key | value |", "|---|---|"]
            lines += [f"| {k} | {_fmt(v)} |" for k, v in rows[:40]]
            if len(rows) > 40:
                lines.append(f"| … | {len(rows) - 40} more in the file |")
            lines.append("")
    return "\n".join(lines) + "\n", data
