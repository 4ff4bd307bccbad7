"""Where the default DAG's time goes: a timing table per rule from a finished run.

Reads Snakemake's ``benchmark:`` files (``results/benchmarks/<study>/<rule>[/<wildcards>].tsv``:
wall seconds, CPU seconds, peak memory per job) and the run's own log (``.snakemake/log/``: wall
time of the whole run and the cores it was given), and measures what every job pays before doing
any work (starting Python and importing trigml's CLI, numpy, torch, TensorFlow). Writes
``dag.json`` and ``dag.md`` (the table, largest CPU first) into the bench folder.

Idle core time = cores x run wall time - CPU seconds of all benchmarked jobs (jobs without a
``benchmark:`` count as idle, so the figure is an upper bound). Run ``make run`` first.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from trigml import patterns
from trigml.files import atomic_path, write_json

# What a job imports before it can work; each measured in a fresh interpreter.
STARTUP_IMPORTS = {
    "python": "pass",
    "trigml.cli": "import trigml.cli",
    "numpy+pandas": "import numpy, pandas",
    "torch": "import torch",
    "tensorflow": "import tensorflow",
}


def read_benchmarks(root: Path) -> list[dict[str, Any]]:
    """One record per benchmark file: study, rule, wildcards, wall_s, cpu_s, max_rss_mb."""
    records = []
    for tsv in sorted(root.rglob("*.tsv")):
        parts = tsv.relative_to(root).with_suffix("").parts
        if len(parts) < 2:
            continue
        with open(tsv, newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        for row in rows[-1:]:  # the latest run of the job
            records.append(
                {
                    "study": parts[0],
                    "rule": parts[1],
                    "wildcards": "/".join(parts[2:]),
                    "wall_s": _number(row.get("s")),
                    "cpu_s": _number(row.get("cpu_time")),
                    "max_rss_mb": _number(row.get("max_rss")),
                }
            )
    return records


def _number(text: str | None) -> float:
    try:
        return float(text) if text not in (None, "", "-", "NA") else 0.0
    except ValueError:
        return 0.0


def per_rule(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Jobs, wall and CPU seconds, mean CPU per job and peak memory per rule, largest CPU first."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        grouped[(r["study"], r["rule"])].append(r)
    rows = []
    for (study, rule), jobs in grouped.items():
        cpu = sum(j["cpu_s"] for j in jobs)
        wall = sum(j["wall_s"] for j in jobs)
        rows.append(
            {
                "study": study,
                "rule": rule,
                "jobs": len(jobs),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "cpu_per_job_s": round(cpu / len(jobs), 2),
                "cpu_per_wall": round(cpu / wall, 2) if wall else 0.0,
                "max_rss_mb": round(max(j["max_rss_mb"] for j in jobs), 1),
            }
        )
    return sorted(rows, key=lambda r: (-r["cpu_s"], r["study"], r["rule"]))


_STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]$", re.M)


def run_log_facts(log: Path) -> dict[str, Any]:
    """Wall time (first to last timestamp) and cores of one Snakemake run log."""
    text = log.read_text(errors="replace")
    stamps = [datetime.strptime(" ".join(s.split()), "%a %b %d %H:%M:%S %Y") for s in _STAMP.findall(text)]
    cores = re.search(r"Provided cores: (\d+)", text)
    return {
        "log": str(log),
        "wall_s": (stamps[-1] - stamps[0]).total_seconds() if len(stamps) > 1 else 0.0,
        "cores": int(cores.group(1)) if cores else None,
        "finished": "steps (100%) done" in text,
    }


def latest_complete_run(log_dir: Path) -> dict[str, Any] | None:
    """Facts of the newest run log that finished every job (None when there is none)."""
    for log in sorted(log_dir.glob("*.snakemake.log"), reverse=True):
        facts = run_log_facts(log)
        if facts["finished"] and facts["wall_s"] > 0:
            return facts
    return None


def startup_costs(repeats: int) -> dict[str, float]:
    """Seconds a fresh interpreter needs for each import (best of ``repeats``)."""
    costs = {}
    for name, stmt in STARTUP_IMPORTS.items():
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", stmt], check=True, capture_output=True)
            best = min(best, time.perf_counter() - t0)
        costs[name] = round(best, 3)
    return costs


def noop_rerun_seconds(config: str = "config/config.yaml") -> tuple[float | None, str]:
    """Wall seconds of ``make run``'s Snakemake call when every output is up to date.

    A dry run checks first that nothing is to be done (a benchmark must not start jobs); when
    something is, the rerun is not timed and the reason says so.
    """
    cmd = [sys.executable, "-m", "snakemake", "--workflow-profile", "workflow/profiles/default", "--cores", "2",
           "--configfile", config]  # fmt: skip
    dry = subprocess.run([*cmd, "--dry-run"], capture_output=True, text=True)
    if dry.returncode != 0 or "Nothing to be done" not in dry.stdout + dry.stderr:
        return None, "outputs not up to date (run `make run` first): no-op rerun not timed"
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return round(time.perf_counter() - t0, 2), "snakemake with every output up to date"


def markdown(rows: list[dict[str, Any]], summary: dict[str, Any]) -> str:
    head = "| study | rule | jobs | CPU s | wall s | CPU s/job | CPU/wall | max RSS MB |"
    lines = [head, "|---|---|---:|---:|---:|---:|---:|---:|"]
    lines += [
        f"| {r['study']} | {r['rule']} | {r['jobs']} | {r['cpu_s']:.1f} | {r['wall_s']:.1f} | "
        f"{r['cpu_per_job_s']:.1f} | {r['cpu_per_wall']:.2f} | {r['max_rss_mb']:.0f} |"
        for r in rows
    ]
    facts = [f"- {k}: {v}" for k, v in summary.items() if not isinstance(v, dict)]
    facts += [f"- start-up {k}: {v} s" for k, v in summary.get("startup_s", {}).items()]
    return (
        "\n".join(["# DAG timing per rule (make bench, from results/benchmarks/)", "", *facts, "", *lines])
        + "\n"
    )


def run(out_dir: Path, quick: bool = False, results: Path | None = None) -> list[Path]:
    """Write ``dag.json`` and ``dag.md`` into ``out_dir``."""
    results = Path(results or patterns.RESULTS)
    rows = per_rule(read_benchmarks(results / "benchmarks"))
    cpu = sum(r["cpu_s"] for r in rows)
    summary: dict[str, Any] = {
        "benchmarked_jobs": sum(r["jobs"] for r in rows),
        "cpu_s_total": round(cpu, 1),
        "wall_s_sum_of_jobs": round(sum(r["wall_s"] for r in rows), 1),
    }
    run_facts = latest_complete_run(Path(".snakemake") / "log")
    if run_facts and run_facts["cores"]:
        capacity = run_facts["cores"] * run_facts["wall_s"]
        summary |= {
            "run_wall_s": run_facts["wall_s"],
            "run_cores": run_facts["cores"],
            "run_wall_min": round(run_facts["wall_s"] / 60, 2),
            "idle_core_s_upper_bound": round(max(capacity - cpu, 0.0), 1),
            "core_use": round(cpu / capacity, 3) if capacity else 0.0,
        }
    if not rows:
        summary["note"] = f"no benchmark files under {results / 'benchmarks'}: run `make run` first"
    if not quick:
        summary["noop_rerun_s"], summary["noop_rerun_note"] = noop_rerun_seconds()
    summary["startup_s"] = startup_costs(1 if quick else 3) if not quick else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json(out_dir / "dag.json", {"summary": summary, "rules": rows})
    with atomic_path(out_dir / "dag.md") as tmp:
        tmp.write_text(markdown(rows, summary))
    return [out_dir / "dag.json", out_dir / "dag.md"]
