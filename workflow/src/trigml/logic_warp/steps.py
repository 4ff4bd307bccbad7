"""The logic_warp study, one function per rule: prepare data, train, export, simulate, synthesize,
summarise. Scripts in ``scripts/logic_warp/`` are thin wrappers around these."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np
import torch
from trigml.files import atomic_path, read_json, write_json

from .netlist import FixedPoint, Layer, Netlist, from_model
from .simulate import Case, simulate
from .synth import synthesize
from .tasks import Split, boolean_function, digits_split, jets_split, load_split, save_split
from .train import build_model, discrete_scores, train_boolean, train_classifier

__all__ = [
    "BOOLEAN",
    "CLASSIFICATION",
    "export_designs",
    "prepare_task",
    "simulate_designs",
    "summarize_task",
    "synth_designs",
    "train_task",
]

log = logging.getLogger(__name__)

BOOLEAN = "boolean"
CLASSIFICATION = ("jets", "digits")


def prepare_task(
    task: str, out: str | os.PathLike[str], *, params: dict[str, Any], seed: int, jets: str | None = None
) -> Split:
    """Train/test split of a classification task (``jets`` needs the jet parquet ``jets``)."""
    kw = {
        "test_fraction": float(params["test_fraction"]),
        "seed": seed,
        "max_samples": params.get("max_samples"),
    }
    if task == "jets":
        if not jets:
            raise ValueError("task jets needs the jet dataset (patterns.jets_sr.dataset())")
        split = jets_split(jets, **kw)
    elif task == "digits":
        split = digits_split(**kw)
    else:
        raise ValueError(f"no data to prepare for task {task!r} (classification tasks: {CLASSIFICATION})")
    save_split(split, out)
    log.info(
        "%s: %d train / %d test samples, %d features",
        task,
        len(split.y_train),
        len(split.y_test),
        split.x_train.shape[1],
    )
    return split


def network_sizes(sizes: list[dict[str, Any]] | dict[str, list[int]]) -> list[tuple[str, list[int]]]:
    """``[(name, widths), ...]`` from the config's list of ``{name, widths}`` (a mapping
    name -> widths is accepted too); names must be unique."""
    items = (
        [(s["name"], list(s["widths"])) for s in sizes] if isinstance(sizes, list) else list(sizes.items())
    )
    names = [n for n, _ in items]
    if len(set(names)) != len(names):
        raise ValueError(f"network size names must be unique, got {names}")
    return items


def function_name(fn: dict[str, Any]) -> str:
    return f"{fn['kind']}{fn['n']}"


def _netlist_arrays(net: Netlist) -> dict[str, Any]:
    return {
        "n_inputs": net.n_inputs,
        "n_classes": net.n_classes,
        "inputs": [layer.inputs for layer in net.layers],
        "tables": [layer.tables for layer in net.layers],
        "thresholds": net.thresholds,
        "fixed": (net.fixed.width, net.fixed.frac_bits),
        "meta": net.meta,
    }


def _netlist_from(d: dict[str, Any]) -> Netlist:
    layers = [Layer(inputs=np.asarray(i), tables=np.asarray(t)) for i, t in zip(d["inputs"], d["tables"])]
    return Netlist(
        n_inputs=d["n_inputs"],
        layers=layers,
        n_classes=d["n_classes"],
        thresholds=None if d["thresholds"] is None else np.asarray(d["thresholds"]),
        fixed=FixedPoint(*d["fixed"]),
        meta=d["meta"],
    )


def _check_netlist(net: Netlist, x: np.ndarray, torch_counts: np.ndarray, what: str) -> None:
    ours = net.class_counts(x)
    if not np.array_equal(ours, torch_counts):
        bad = int((ours != torch_counts).any(1).sum())
        raise AssertionError(
            f"{what}: extracted netlist disagrees with the PyTorch discrete forward pass on {bad} samples"
        )


def train_task(
    task: str,
    method: str,
    seed: int,
    *,
    params: dict[str, Any],
    spec: dict[str, Any],
    hardware: dict[str, Any],
    out_json: str | os.PathLike[str],
    out_models: str | os.PathLike[str],
    split_path: str | None = None,
    device: str = "cpu",
) -> dict[str, Any]:
    """Train every network of a task (each Boolean function, or each size) for one method and seed.

    Writes the histories and final numbers (JSON) and, per network, the state dict, the extracted
    netlist, the hardware test inputs and the PyTorch discrete class counts on them (``.pt``).
    """
    spec = {**spec, "method": method, "group_tau": params.get("group_tau", 1.0)}
    if params.get("lr") is not None:  # a task may override the method's learning rate
        spec["lr"] = params["lr"]
    fixed = FixedPoint(int(hardware["input_width"]), int(hardware["frac_bits"]))
    runs: dict[str, Any] = {}
    models: dict[str, Any] = {}
    if task == BOOLEAN:
        for i, fn in enumerate(params["functions"]):
            name = function_name(fn)
            x, y = boolean_function(fn["kind"], int(fn["n"]), seed=int(fn.get("seed", i)))
            model = build_model(spec, n_inputs=int(fn["n"]), n_classes=2, widths=params["widths"], seed=seed)
            res = train_boolean(
                model,
                x,
                y,
                max_steps=int(params["max_steps"]),
                lr=float(spec["lr"]),
                seed=seed,
                device=device,
            )
            res.update(gates=model.n_gates, parameters=model.n_parameters(), function=fn)
            xin = x.astype(np.int64)
            torch_counts = discrete_scores(model, torch.as_tensor(x, dtype=torch.float32)).numpy()
            res["discrete_acc"] = float((torch_counts.argmax(1) == y).mean())
            log.info("%s %s seed %d: steps to exact %s", name, method, seed, res["steps_to_exact"])
            runs[name] = res
            net = from_model(
                model, fixed, meta={"task": task, "design": name, "method": method, "seed": seed}
            )
            _check_netlist(net, xin, torch_counts, f"{task}/{name}/{method}")
            models[name] = {
                "state_dict": model.state_dict(),
                "netlist": _netlist_arrays(net),
                "x": xin,
                "y": y,
                "torch_counts": torch_counts,
            }
    else:
        split = load_split(split_path)  # type: ignore[arg-type]
        n_classes = len(split.class_names)
        for size, widths in network_sizes(params["sizes"]):
            torch.manual_seed(seed)
            model = build_model(
                spec, n_inputs=split.x_train.shape[1], n_classes=n_classes, widths=widths, seed=seed,
                x_fit=split.x_train, encoding=params["encoding"],
            )  # fmt: skip
            res = train_classifier(
                model, split, epochs=int(params["epochs"]), batch_size=int(params["batch_size"]), lr=float(spec["lr"]),
                seed=seed, fixed=fixed, device=device,
            )  # fmt: skip
            res.update(gates=model.n_gates, widths=widths, parameters=model.n_parameters())
            codes = fixed.quantize(split.x_test)
            torch_counts = discrete_scores(model, torch.as_tensor(fixed.dequantize(codes))).numpy()
            net = from_model(
                model, fixed, meta={"task": task, "design": size, "method": method, "seed": seed}
            )
            _check_netlist(net, codes, torch_counts, f"{task}/{size}/{method}")
            runs[size] = res
            models[size] = {
                "state_dict": model.state_dict(),
                "netlist": _netlist_arrays(net),
                "x": codes,
                "y": split.y_test,
                "torch_counts": torch_counts,
            }
    write_json(out_json, {"task": task, "method": method, "seed": seed, "spec": spec, "runs": runs})
    with atomic_path(out_models) as tmp:
        torch.save(models, tmp)
    return runs


def _load_models(path: str | os.PathLike[str]) -> dict[str, Any]:
    if not Path(path).exists():
        raise FileNotFoundError(f"trained networks not found: {path}")
    return torch.load(path, map_location="cpu", weights_only=False)


def export_designs(
    model_files: dict[str, str], out_dir: str | os.PathLike[str], *, pipeline_every: int
) -> list[str]:
    """Netlists of every trained network (``{method: models.pt}``) as ``<method>_<design>.npz``
    with its test inputs and PyTorch counts (``..._expected.npz``) and Verilog ``<method>_<design>.v``."""
    from .verilog import write_verilog

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for method, path in model_files.items():
        for design, m in _load_models(path).items():
            name = f"{method}_{design}"
            net = _netlist_from(m["netlist"])
            net.save(out / f"{name}.npz")
            with atomic_path(out / f"{name}_expected.npz") as tmp:
                with open(tmp, "wb") as fh:
                    np.savez_compressed(fh, x=m["x"], y=m["y"], torch_counts=m["torch_counts"])
            write_verilog(net, out / f"{name}.v", name=name, pipeline_every=pipeline_every)
            names.append(name)
            log.info("exported %s: %d nodes in %d layers", name, net.n_gates, len(net.layers))
    return names


def simulate_designs(
    verilog_dir: str | os.PathLike[str],
    names: list[str],
    workdir: str | os.PathLike[str],
    *,
    pipeline_every: int,
    out_json: str,
    out_log: str,
) -> list[dict]:
    """Simulate every exported design over its whole test set; fails on any mismatch."""
    vdir = Path(verilog_dir)
    cases, accuracy = [], {}
    for name in names:
        net = Netlist.load(vdir / f"{name}.npz")
        with np.load(vdir / f"{name}_expected.npz") as z:
            cases.append(Case(name, net, z["x"], z["torch_counts"], pipeline_every))
            accuracy[name] = float((z["torch_counts"].argmax(1) == z["y"]).mean())
    try:
        results = simulate(cases, workdir)
    finally:
        sim_log = Path(workdir) / "simulation.log"
        with atomic_path(out_log) as tmp:
            Path(tmp).write_text(sim_log.read_text() if sim_log.exists() else "no simulation log\n")
    for r in results:  # bit-exact, so the hardware's accuracy is the discrete network's
        r["hw_accuracy"] = accuracy[r["design"]]
    write_json(out_json, {"designs": results, "all_bit_exact": all(r["bit_exact"] for r in results)})
    return results


def synth_designs(
    verilog_dir: str | os.PathLike[str],
    names: list[str],
    workdir: str | os.PathLike[str],
    *,
    family: str,
    generic: bool,
    out_json: str,
) -> dict[str, Any]:
    """Yosys on every exported design: LUTs, FFs, logic depth (synth_xilinx) and generic gates."""
    results = {}
    for name in names:
        r = synthesize(
            Path(verilog_dir) / f"{name}.v", name, Path(workdir) / name, family=family, generic=generic
        )
        log.info(
            "%s: %d LUTs, %d FFs, depth %d",
            name,
            r["xilinx"]["luts"],
            r["xilinx"]["ffs"],
            r["xilinx"]["logic_depth"],
        )
        results[name] = r
    write_json(out_json, {"designs": results})
    return results


def _mean_std(v: list[float]) -> dict[str, float | None]:
    a = np.asarray([x for x in v if x is not None], dtype=float)
    return {
        "mean": float(a.mean()) if a.size else float("nan"),
        "std": float(a.std()) if a.size else float("nan"),
        "n": int(a.size),
    }


def _epochs_to_reach(hist: list[float], target: float) -> int | None:
    for i, v in enumerate(hist, start=1):
        if v >= target - 1e-12:
            return i
    return None


def summarize_task(
    task: str, run_files: list[str], *, synth_json: str, sim_json: str, out: str
) -> dict[str, Any]:
    """metrics.json of a task: per network and method, final relaxed/discrete accuracy over seeds,
    epochs to reach difflogic's final discrete accuracy (Boolean: steps until exact), parameters,
    gates, and the synthesis and simulation results of the exported (first-seed) designs."""
    runs = [read_json(p) for p in run_files]
    synth = read_json(synth_json)["designs"]
    sim = {d["design"]: d for d in read_json(sim_json)["designs"]}
    designs = sorted({d for r in runs for d in r["runs"]})
    methods = sorted({r["method"] for r in runs})
    out_d: dict[str, Any] = {
        "task": task,
        "methods": methods,
        "seeds": sorted({r["seed"] for r in runs}),
        "networks": {},
    }
    for design in designs:
        entry: dict[str, Any] = {}
        per = {
            m: [r["runs"][design] for r in runs if r["method"] == m and design in r["runs"]] for m in methods
        }
        ref = None
        if task != BOOLEAN and "difflogic" in per and per["difflogic"]:
            ref = float(np.mean([p["final"]["discrete_acc"] for p in per["difflogic"]]))
        for m, items in per.items():
            if not items:
                continue
            name = f"{m}_{design}"
            e: dict[str, Any] = {"gates": items[0]["gates"], "parameters": items[0]["parameters"]}
            if task == BOOLEAN:
                steps = [p["steps_to_exact"] for p in items]
                e["steps_to_exact"] = steps
                e["exact_fraction"] = float(np.mean([s is not None for s in steps]))
                e["steps_to_exact_median"] = (
                    float(np.median([s for s in steps if s is not None]))
                    if any(s is not None for s in steps)
                    else None
                )
                e["discrete_acc"] = _mean_std([p["discrete_acc"] for p in items])
            else:
                e["relaxed_acc"] = _mean_std([p["final"]["relaxed_acc"] for p in items])
                e["discrete_acc"] = _mean_std([p["final"]["discrete_acc"] for p in items])
                e["train_wall_s"] = _mean_std([p["final"]["train_wall_s"] for p in items])
                if ref is not None:
                    e["difflogic_final_discrete_acc"] = ref
                    e["epochs_to_difflogic_final"] = [
                        _epochs_to_reach(p["history"]["discrete_acc"], ref) for p in items
                    ]
            if name in synth:
                e["synth"] = {"xilinx": synth[name]["xilinx"], "generic": synth[name].get("generic")}
            if name in sim:
                e["simulation"] = sim[name]
            entry[m] = e
        out_d["networks"][design] = entry
    out_d["all_bit_exact"] = all(d["bit_exact"] for d in sim.values())
    # flat headline numbers (what results/summary.md tabulates)
    head: dict[str, Any] = {}
    for design, entry in out_d["networks"].items():
        for m, e in entry.items():
            key = f"{m}_{design}"
            if task == BOOLEAN:
                head[f"{key}_exact_fraction"] = e["exact_fraction"]
                head[f"{key}_steps_median"] = e["steps_to_exact_median"]
            else:
                head[f"{key}_discrete_acc"] = e["discrete_acc"]["mean"]
                head[f"{key}_relaxed_acc"] = e["relaxed_acc"]["mean"]
            head[f"{key}_gates"] = e["gates"]
            if "synth" in e:
                head[f"{key}_luts"] = e["synth"]["xilinx"]["luts"]
                head[f"{key}_depth"] = e["synth"]["xilinx"]["logic_depth"]
    out_d["headline"] = head
    write_json(out, out_d)
    return out_d
