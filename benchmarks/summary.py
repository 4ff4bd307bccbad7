"""``results/bench/summary.json``: every speed target of ``make bench`` side by side, from one run.

Reads the JSON the benchmark modules just wrote into the bench folder and, for each target, records
the measured value, the goal, whether it is met and whether the benchmark's identical-output check
held (a speed-up whose outputs differ does not count). Also carries the DAG timing (``dag.json``),
training throughput at 1 and 2 threads (``training.json``) and Yosys time per design
(``hardware.json``), with the machine's load when the benchmarks ran.

``python -m benchmarks.summary --bench results/bench --readme README.md`` rewrites the performance
table between the README's ``<!-- bench:begin -->`` / ``<!-- bench:end -->`` markers from it.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trigml.files import atomic_path, read_json, write_json

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Target:
    """One speed target: ``value`` at dotted path ``key`` of ``file``, compared with ``goal``."""

    name: str
    file: str
    key: str
    goal: float
    op: str  # ">=" or "<="
    unit: str
    identical: str | None = None  # dotted path of the benchmark's identical-output check


TARGETS = (
    Target("TrackML score vs the challenge library's method (pandas)", "trackml_score.json", "speedup", 20, ">=",
           "x", "identical"),
    Target("graph build vs the paper's builder, pT > 1 GeV", "tracking_graphs.json", "speedup_pt1", 100, ">=", "x",
           "identical"),
    Target("graph build vs the paper's builder, pT > 0.5 GeV", "tracking_graphs.json", "speedup_pt0.5", 100, ">=",
           "x", "identical"),
    Target("per-event path (select + build + labels + features), pT > 1 GeV", "tracking_graphs.json",
           "speedup_event_path_pt1", 50, ">=", "x", "identical"),
    Target("per-event path (select + build + labels + features), pT > 0.5 GeV", "tracking_graphs.json",
           "speedup_event_path_pt0.5", 50, ">=", "x", "identical"),
    Target("simulation, CPU s per mu = 200 event", "simulation.json", "s_per_event", 1.0, "<=", "s", "identical"),
    Target("default `make run`, wall minutes (2 cores)", "dag.json", "summary.run_wall_min", 20, "<=", "min"),
    Target("no-op rerun of `make run`, wall s", "dag.json", "summary.noop_rerun_s", 10, "<=", "s"),
)  # fmt: skip


def _get(doc: Any, key: str) -> Any:
    """Value at dotted path ``key`` (keys may contain dots: the longest matching key wins)."""
    if not isinstance(doc, dict):
        return None
    if key in doc:
        return doc[key]
    head, _, rest = key.partition(".")
    while rest:
        if isinstance(doc, dict) and head in doc:
            return _get(doc[head], rest)
        nxt, _, rest = rest.partition(".")
        head = f"{head}.{nxt}"
    return doc.get(head)


def _load(bench: Path, name: str) -> dict[str, Any] | None:
    path = bench / name
    return read_json(path) if path.exists() else None


def evaluate(target: Target, bench: Path) -> dict[str, Any]:
    """The target's row: value, goal, met (None when not measured) and the identical-output check."""
    doc = _load(bench, target.file)
    value = None if doc is None else _get(doc, target.key)
    identical = None if doc is None or target.identical is None else _get(doc, target.identical)
    met = None
    if isinstance(value, (int, float)):
        met = value >= target.goal if target.op == ">=" else value <= target.goal
        if target.identical is not None:
            met = bool(met and identical is True)
    return {"name": target.name, "value": value, "goal": target.goal, "op": target.op, "unit": target.unit,
            "met": met, "identical": identical, "source": f"{target.file}:{target.key}"}  # fmt: skip


def _training(bench: Path) -> dict[str, Any] | None:
    doc = _load(bench, "training.json")
    if doc is None:
        return None
    return {
        model: {t: round(p["rate"], 1) for t, p in rec["points"].items()} | {"unit": rec["points"]["1"]["unit"],
                                                                             "speedup_2_threads": round(rec["speedup_2_threads"], 2)}
        for model, rec in doc["models"].items()
    }  # fmt: skip


def _synthesis(bench: Path) -> list[dict[str, Any]]:
    doc = _load(bench, "hardware.json") or {}
    return [{"design": f"{r['study']}/{r['design']}", "luts": r["luts"], "yosys_cpu_s": (r["yosys"] or {}).get("cpu_s")}
            for r in doc.get("latest_run", [])]  # fmt: skip


def summarize(bench: Path) -> dict[str, Any]:
    rows = [evaluate(t, bench) for t in TARGETS]
    return {
        "targets": rows,
        "all_met": all(r["met"] is True for r in rows),
        "training_throughput": _training(bench),
        "synthesis": _synthesis(bench),
        "machine": {"cpu_count": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2)},
    }


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return "not measured" if value is None else str(value)


def markdown(summary: dict[str, Any]) -> str:
    """The README's performance table."""
    lines = ["| target | measured | goal | met |", "|---|---:|---:|:---:|"]
    for r in summary["targets"]:
        met = {True: "yes", False: "**no**", None: "–"}[r["met"]]
        lines.append(f"| {r['name']} | {_fmt(r['value'])} {r['unit'] if r['value'] is not None else ''} | "
                     f"{r['op']} {_fmt(r['goal'])} {r['unit']} | {met} |")  # fmt: skip
    m = summary["machine"]
    lines.append("")
    lines.append(f"Generated by `make bench` (`results/bench/summary.json`) on {m['cpu_count']} cores, "
                 f"1-min load {m['load_average_1min']} at the end of the run.")  # fmt: skip
    return "\n".join(lines) + "\n"


def update_readme(readme: Path, table: str) -> None:
    """Replace the text between the bench markers of ``readme`` with ``table``."""
    text = readme.read_text()
    if BEGIN not in text or END not in text:
        raise ValueError(f"{readme}: no {BEGIN} ... {END} markers to put the performance table between")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with atomic_path(readme) as tmp:
        tmp.write_text(f"{head}{BEGIN}\n{table}{END}{tail}")


def write(bench: Path) -> Path:
    summary = summarize(bench)
    write_json(bench / "summary.json", summary)
    with atomic_path(bench / "summary.md") as tmp:
        tmp.write_text(markdown(summary))
    return bench / "summary.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bench", type=Path, default=Path("results/bench"))
    p.add_argument("--readme", type=Path, default=None, help="README whose performance table to regenerate")
    args = p.parse_args(argv)
    path = write(args.bench)
    if args.readme is not None:
        update_readme(args.readme, markdown(read_json(path)))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
