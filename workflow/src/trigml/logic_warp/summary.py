"""Summaries of the logic_warp study: per task ``metrics.json`` and the ablation table.

Every accuracy is a spread over seeds (mean, sample std, min, max, n). Choices are made on the
validation set only: each run keeps its best-validation epoch, the convergence target of a network
is the lowest validation accuracy that every model reaches on average, and the test accuracy is
reported for the validation-selected networks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from trigml.files import atomic_path, read_json, write_json

__all__ = ["spread", "summarize_ablation", "summarize_task", "ablation_markdown"]

BOOLEAN = "boolean"
NETLIST_KEYS = ("nodes", "constant", "wire", "logic", "live_logic", "mean_support")


def spread(values: Sequence[float | None]) -> dict[str, Any]:
    """Mean, sample standard deviation (0 for one value), min, max and n of the non-None values."""
    a = np.asarray([v for v in values if v is not None], dtype=float)
    if not a.size:
        return {"mean": None, "std": None, "min": None, "max": None, "n": 0}
    return {
        "mean": float(a.mean()),
        "std": float(a.std(ddof=1)) if a.size > 1 else 0.0,
        "min": float(a.min()),
        "max": float(a.max()),
        "n": int(a.size),
    }


def _epochs_to(hist: Sequence[float], target: float) -> int | None:
    for i, v in enumerate(hist, start=1):
        if v >= target - 1e-12:
            return i
    return None


def _netlist(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {k: spread([p["netlist"][k] for p in items]) for k in NETLIST_KEYS}


def _classifier_entry(items: list[dict[str, Any]]) -> dict[str, Any]:
    test = spread([p["final"]["test_discrete_acc"] for p in items])
    return {
        "test_discrete_acc": test,
        "discrete_acc": test,  # the headline accuracy (read by trigml.compare)
        "test_relaxed_acc": spread([p["final"]["test_relaxed_acc"] for p in items]),
        "val_discrete_acc": spread([p["final"]["val_discrete_acc"] for p in items]),
        "best_epoch": [p["final"]["best_epoch"] for p in items],
    }


def _boolean_entry(items: list[dict[str, Any]]) -> dict[str, Any]:
    steps = [p["steps_to_exact"] for p in items]
    done = [s for s in steps if s is not None]
    return {
        "steps_to_exact": steps,
        "exact_fraction": float(np.mean([s is not None for s in steps])),
        "steps_to_exact_median": float(np.median(done)) if done else None,
        "discrete_acc": spread([p["discrete_acc"] for p in items]),
    }


def _convergence(task: str, design: str, per: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """Epochs until the validation discrete accuracy first reaches the target: the lowest mean best
    validation accuracy among the models (so that each model reaches it on average)."""
    if task == BOOLEAN:
        return None
    target = min(float(np.mean([p["final"]["val_discrete_acc"] for p in items])) for items in per.values())
    epochs = {
        m: [_epochs_to(p["history"]["val_discrete_acc"], target) for p in items] for m, items in per.items()
    }
    return {
        "target_val_discrete_acc": target,
        "definition": "lowest mean (over seeds) best validation discrete accuracy among the models",
        "epochs_to_target": epochs,
        "epochs_to_target_spread": {m: spread(e) for m, e in epochs.items()},
        "reached_fraction": {m: float(np.mean([x is not None for x in e])) for m, e in epochs.items()},
    }


def _model_entry(task: str, model: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    e: dict[str, Any] = {
        "method": model["spec"]["method"],
        "lut_rank": model["spec"]["lut_rank"],
        "gates": items[0]["gates"],
        "parameters": items[0]["parameters"],
        "parameters_per_node": items[0]["parameters"]["logic"] / items[0]["gates"],
        "netlist": _netlist(items),
    }
    e.update(_boolean_entry(items) if task == BOOLEAN else _classifier_entry(items))
    return e


def _headline(task: str, networks: dict[str, Any]) -> dict[str, Any]:
    head: dict[str, Any] = {}
    for design, entry in networks.items():
        for m, e in entry.items():
            key = f"{m}_{design}"
            if task == BOOLEAN:
                head[f"{key}_exact_fraction"] = e["exact_fraction"]
                head[f"{key}_steps_median"] = e["steps_to_exact_median"]
            else:
                head[f"{key}_test_acc"] = e["test_discrete_acc"]["mean"]
                head[f"{key}_test_acc_std"] = e["test_discrete_acc"]["std"]
            if "synth" in e:
                head[f"{key}_luts"] = e["synth"]["xilinx"]["luts"]
                head[f"{key}_depth"] = e["synth"]["xilinx"]["logic_depth"]
    return head


def _hardware_entries(task: str, paths: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``{"<model>_<network>": {"synth": ..., "simulation": ...}}`` from the ``hardware.json``
    records of the task's designs (``<task>_<model>_<network>``, trigml.hardware's open RTL flow:
    Verilator bit-exact against the netlist, Yosys ``synth_xilinx`` with I/O registers)."""
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        r = read_json(path)
        prefix = f"{task}_"
        if r.get("study") != "logic_warp" or not str(r.get("design")).startswith(prefix):
            raise ValueError(f"{path}: not a logic_warp {task} design (study {r.get('study')!r}, "
                             f"design {r.get('design')!r})")  # fmt: skip
        name = r["design"].removeprefix(prefix)
        details = r.get("details") or {}
        entry: dict[str, Any] = {
            "simulation": {
                "design": name, "hardware_design": r["design"], "simulator": "verilator",
                "samples": r["n_checked"], "n_checked": r["n_checked"], "mismatches": r["mismatches"],
                "bit_exact": r["bit_exact"], "latency_cycles": r["latency_cycles"],
                "pipeline_every": details.get("pipeline_every"), "hw_accuracy": r["accuracy_fixed"],
            },
        }  # fmt: skip
        if r["synthesized"]:
            by_type = details.get("cells_by_type") or {}
            entry["synth"] = {
                "xilinx": {
                    "luts": r["luts"], "ffs": r["ffs"], "carry": r["carry"], "logic_depth": r["logic_depth"],
                    "cells": int(sum(by_type.values())), "cells_by_type": by_type,
                    "luts_by_size": {k: v for k, v in by_type.items() if k.startswith("LUT")},
                },
                "part": r["part"], "yosys_family": details.get("yosys_family"),
                "pipeline_stages": r["pipeline_stages"], "latency_cycles": r["latency_cycles"],
                "latency_ns": r["latency_ns"], "tool_versions": r["tool_versions"],
                "hardware_json": str(path),
            }  # fmt: skip
        else:
            entry["synth_reason"] = r["reason"]
        out[name] = entry
    return out


def summarize_task(task: str, runs_json: str, *, hardware: Sequence[str], out: str) -> dict[str, Any]:
    """metrics.json of a task: per network and model the accuracies over seeds (test accuracy of
    the validation-selected networks; Boolean: steps until exact), epochs to the convergence target
    on validation data, parameters, netlist node counts, and, from the ``hardware.json`` of each
    exported first-seed design (``hardware``: none where the task is not in the open RTL flow), its
    bit-exact Verilator simulation and Yosys synthesis (LUTs, FFs, depth)."""
    runs = read_json(runs_json)
    hw = _hardware_entries(task, hardware)
    models = runs["models"]
    designs = list(next(iter(models.values()))["networks"])
    networks: dict[str, Any] = {}
    convergence: dict[str, Any] = {}
    for design in designs:
        per = {m: models[m]["networks"][design] for m in models}
        entry = {m: _model_entry(task, models[m], items) for m, items in per.items()}
        for m, e in entry.items():
            e.update(hw.get(f"{m}_{design}", {}))
            if "synth" in e:
                e["live_logic_nodes_seed0"] = per[m][0]["netlist"]["live_logic"]  # the synthesized network
        networks[design] = entry
        conv = _convergence(task, design, per)
        if conv is not None:
            convergence[design] = conv
    result = {
        "task": task,
        "seeds": runs["seeds"],
        "models": {m: {**v["spec"], "lr": v["lr"]} for m, v in models.items()},
        "selection": "best validation epoch per run; test data only reported"
        if task != BOOLEAN
        else "none (exact learning)",
        "networks": networks,
        "convergence": convergence,
        # null: no design of this task went through the open RTL flow (hardware.studies / .logic_warp.tasks)
        "all_bit_exact": all(e["simulation"]["bit_exact"] for e in hw.values()) if hw else None,
    }
    result["headline"] = _headline(task, networks)
    write_json(out, result)
    return result


def _ablation_row(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "variant": name,
        "test_discrete_acc": spread([p["final"]["test_discrete_acc"] for p in items]),
        "val_discrete_acc": spread([p["final"]["val_discrete_acc"] for p in items]),
        "test_relaxed_acc": spread([p["final"]["test_relaxed_acc"] for p in items]),
        "live_logic_nodes": spread([p["netlist"]["live_logic"] for p in items]),
        "seeds": [p["seed"] for p in items],
    }


def summarize_ablation(ablation_json: str, runs_json: str, *, out_json: str, out_md: str) -> dict[str, Any]:
    """The ablation table: the model with all tricks (its main run) and with each switched off."""
    ab = read_json(ablation_json)
    runs = read_json(runs_json)
    full = runs["models"][ab["model"]]["networks"][ab["network"]]
    rows = [_ablation_row("all tricks", full)]
    rows += [_ablation_row(f"without {switch}", v["runs"]) for switch, v in ab["variants"].items()]
    base = rows[0]["test_discrete_acc"]["mean"]
    for r in rows:
        r["delta_test_acc"] = r["test_discrete_acc"]["mean"] - base
    result = {
        "task": ab["task"],
        "model": ab["model"],
        "network": ab["network"],
        "seeds": ab["seeds"],
        "rows": rows,
        # test accuracy with all tricks minus without this one (means over seeds)
        "gain_from": {s: -r["delta_test_acc"] for s, r in zip(ab["variants"], rows[1:])},
    }
    write_json(out_json, result)
    with atomic_path(out_md) as tmp:
        tmp.write_text(ablation_markdown(result))
    return result


def _pm(s: dict[str, Any], digits: int = 3) -> str:
    if s["mean"] is None:
        return "–"
    return f"{s['mean']:.{digits}f} ± {s['std']:.{digits}f}"


def ablation_markdown(result: dict[str, Any]) -> str:
    """The ablation table in Markdown (mean ± std over seeds)."""
    lines = [
        f"Ablation: {result['model']} on {result['task']}, network {result['network']}, "
        f"seeds {result['seeds']} (mean ± std over seeds; test accuracy of the validation-selected epoch; "
        "live logic nodes = pre-synthesis LUT count of the logic core).",
        "",
        "| variant | test discrete acc. | Δ vs all tricks | val. discrete acc. | test relaxed acc. | live logic nodes |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['variant']} | {_pm(r['test_discrete_acc'])} | {r['delta_test_acc']:+.3f} | "
            f"{_pm(r['val_discrete_acc'])} | {_pm(r['test_relaxed_acc'])} | {_pm(r['live_logic_nodes'], 0)} |"
        )
    return "\n".join(lines) + "\n"


def _task_rows(m: dict[str, Any]) -> list[str]:
    rows = []
    for design, entry in m["networks"].items():
        conv = m["convergence"].get(design, {}).get("epochs_to_target", {})
        for model, e in entry.items():
            xil = e["synth"]["xilinx"] if "synth" in e else None  # not synthesized: "–"
            luts, depth = (xil["luts"], xil["logic_depth"]) if xil else ("–", "–")
            nl = e["netlist"]
            acc = _pm(e["discrete_acc"]) if m["task"] == BOOLEAN else _pm(e["test_discrete_acc"])
            steps = e["steps_to_exact"] if m["task"] == BOOLEAN else conv.get(model, [])
            steps_txt = ", ".join("–" if s is None else str(s) for s in steps)
            rows.append(
                f"| {m['task']} {design} | {model} (k = {e['lut_rank']}) | {e['gates']} | {e['parameters']['logic']} | "
                f"{acc} | {steps_txt} | {_pm(nl['live_logic'], 0)} | {_pm(nl['wire'], 0)} | {_pm(nl['constant'], 0)} | "
                f"{luts} | {depth} |"
            )
    return rows


def markdown_tables(results: str) -> str:
    """The tables of docs/logic_warp.md from a run's ``results/logic_warp`` (``python -m
    trigml.logic_warp.summary results``)."""
    from pathlib import Path

    root = Path(results) / "logic_warp"
    lines = [
        "| task / network | model | nodes | parameters | accuracy (mean ± std over seeds) | epochs to target "
        "(Boolean: steps to exact), per seed | live logic nodes | wire nodes | constant nodes | Yosys LUTs "
        "(seed 0) | LUT levels |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for task in ("boolean", "jets", "digits"):
        path = root / task / "metrics.json"
        if path.exists():
            lines += _task_rows(read_json(path))
    out = "\n".join(lines) + "\n"
    for task in ("jets", "digits"):
        path = root / task / "metrics.json"
        if path.exists():
            for design, c in read_json(path)["convergence"].items():
                out += (
                    f"\n{task} {design}: convergence target (validation) {c['target_val_discrete_acc']:.3f}"
                )
    ablation = root / "ablation" / "ablation.json"
    if ablation.exists():
        out += "\n\n" + ablation_markdown(read_json(ablation))
    return out


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(markdown_tables(sys.argv[1] if len(sys.argv) > 1 else "results"))
