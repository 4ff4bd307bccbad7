"""The logic_warp study, one function per rule: prepare data, train (every model and seed of a task),
the ablation, export. Summaries are in :mod:`trigml.logic_warp.summary`; the exported designs are
simulated and synthesised by the shared open RTL flow (:mod:`trigml.hardware`, builder
``trigml.hardware.designs.logicnet``). Scripts in ``scripts/logic_warp/`` are thin wrappers around these."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch

from trigml.files import atomic_path, write_json

from . import settings as S
from .netlist import FixedPoint, Layer, Netlist, from_model, node_stats
from .tasks import Split, boolean_function, digits_split, jets_split, load_split, save_split
from .train import build_model, discrete_scores, train_boolean, train_classifier

__all__ = [
    "BOOLEAN",
    "CLASSIFICATION",
    "export_designs",
    "prepare_task",
    "train_ablation",
    "train_task",
]

log = logging.getLogger(__name__)

BOOLEAN = "boolean"
CLASSIFICATION = ("jets", "digits")


def prepare_task(
    task: str, out: str | os.PathLike[str], *, settings: S.ClassifierTask, seed: int, jets: str | None = None
) -> Split:
    """Train / validation / test split of a classification task (``jets`` needs the jet parquet)."""
    kw = {
        "test_fraction": settings.test_fraction,
        "val_fraction": settings.val_fraction,
        "seed": seed,
        "max_samples": settings.max_samples,
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
        "%s: %d train / %d validation / %d test samples, %d features",
        task, len(split.y_train), len(split.y_val), len(split.y_test), split.x_train.shape[1],
    )  # fmt: skip
    return split


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


def _extract(
    model: Any, fixed: FixedPoint, x: np.ndarray, y: np.ndarray, meta: dict[str, Any]
) -> dict[str, Any]:
    """The discrete network of a trained model, checked against PyTorch on the hardware inputs ``x``
    (bits, or fixed-point codes of the features), with what the export needs."""
    xin = torch.as_tensor(fixed.dequantize(x) if model.encoder is not None else x, dtype=torch.float32)
    torch_counts = discrete_scores(model, xin).numpy()
    net = from_model(model, fixed, meta=meta)
    ours = net.class_counts(x)
    if not np.array_equal(ours, torch_counts):
        bad = int((ours != torch_counts).any(1).sum())
        raise AssertionError(f"{meta}: the extracted netlist disagrees with PyTorch on {bad} samples")
    return {
        "state_dict": model.state_dict(),
        "netlist": _netlist_arrays(net),
        "x": x,
        "y": y,
        "torch_counts": torch_counts,
        "stats": node_stats(net),
    }


def _fit_boolean(
    spec: S.ModelSpec, task: S.BooleanTask, fn: tuple, seed: int, fixed: FixedPoint, device: str
):  # noqa: ANN202
    name, kind, n, table_seed = fn
    x, y = boolean_function(kind, n, seed=table_seed)
    model = build_model(
        spec, n_inputs=n, n_classes=2, widths=task.widths, group_tau=task.group_tau, seed=seed
    )
    res = train_boolean(model, x, y, max_steps=task.max_steps, lr=task.lr, seed=seed, device=device)
    ex = _extract(
        model,
        fixed,
        x.astype(np.int64),
        y,
        {"task": BOOLEAN, "design": name, "model": spec.name, "seed": seed},
    )
    res.update(
        seed=seed, gates=model.n_gates, parameters=model.n_parameters(), netlist=ex["stats"],
        discrete_acc=float((ex["torch_counts"].argmax(1) == y).mean()),
    )  # fmt: skip
    log.info("%s %s seed %d: steps to exact %s", name, spec.name, seed, res["steps_to_exact"])
    return res, ex


def _fit_classifier(  # noqa: ANN202
    spec: S.ModelSpec, task: S.ClassifierTask, size: tuple, split: Split, seed: int, fixed: FixedPoint, device: str,
    task_name: str, encoding: S.Encoding | None = None,
):  # fmt: skip
    name, widths = size
    torch.manual_seed(seed)
    model = build_model(
        spec, n_inputs=split.x_train.shape[1], n_classes=len(split.class_names), widths=widths,
        group_tau=task.group_tau, seed=seed, x_fit=split.x_train, encoding=encoding or task.encoding,
    )  # fmt: skip
    res = train_classifier(
        model, split, epochs=task.epochs, batch_size=task.batch_size, lr=task.lr, seed=seed, fixed=fixed,
        device=device,
    )  # fmt: skip
    meta = {"task": task_name, "design": name, "model": spec.name, "seed": seed}
    ex = _extract(model, fixed, fixed.quantize(split.x_test), split.y_test, meta)
    res.update(
        seed=seed,
        gates=model.n_gates,
        widths=list(widths),
        parameters=model.n_parameters(),
        netlist=ex["stats"],
    )
    log.info("%s %s %s seed %d: %s", task_name, spec.name, name, seed, res["final"])
    return res, ex


def _split_timing(res: dict[str, Any]) -> dict[str, Any]:
    """Move the wall times out of a run record (results stay byte-identical between runs)."""
    hist = res["history"]
    timing = {"wall_s": hist.pop("wall_s"), "train_wall_s": res.pop("train_wall_s", None)}
    if "final" in res:
        timing["train_wall_s"] = res["final"].pop("train_wall_s")
    return timing


def train_task(
    task: str,
    *,
    block: Mapping[str, Any],
    models: Sequence[Mapping[str, Any]],
    training: Mapping[str, Any],
    seeds: Sequence[int],
    hardware: Mapping[str, Any],
    out_json: str,
    out_timing: str,
    out_networks: str,
    split_path: str | None = None,
    device: str = "cpu",
) -> dict[str, Any]:
    """Train every model of ``models`` on every network of a task (each Boolean function, or each
    size) for every seed. Writes the histories and results (``out_json``), the wall times
    (``out_timing``) and, for the first seed, every network with its netlist, hardware test inputs
    and PyTorch discrete class counts (``out_networks``)."""
    fixed = FixedPoint(S.hardware(hardware).input_width, S.hardware(hardware).frac_bits)
    specs = S.model_specs(models, training)
    if task == BOOLEAN:
        settings: Any = S.boolean_task(block, training)
        designs = settings.functions
    else:
        settings = S.classifier_task(block, training)
        designs = settings.sizes
        split = load_split(split_path)  # type: ignore[arg-type]
    runs: dict[str, Any] = {}
    timing: dict[str, Any] = {}
    networks: dict[str, Any] = {}
    for spec in specs:
        entry: dict[str, Any] = {}
        for design in designs:
            for seed in seeds:
                if task == BOOLEAN:
                    res, ex = _fit_boolean(spec, settings, design, seed, fixed, device)
                else:
                    res, ex = _fit_classifier(spec, settings, design, split, seed, fixed, device, task)
                timing.setdefault(spec.name, {}).setdefault(design[0], []).append(_split_timing(res))
                entry.setdefault(design[0], []).append(res)
                if seed == seeds[0]:
                    networks.setdefault(spec.name, {})[design[0]] = ex
        runs[spec.name] = {"spec": asdict(spec), "lr": settings.lr, "networks": entry}
    out = {"task": task, "seeds": list(seeds), "models": runs}
    write_json(out_json, out)
    write_json(out_timing, {"task": task, "models": timing})
    with atomic_path(out_networks) as tmp:
        torch.save(networks, tmp)
    return out


def train_ablation(
    task: str,
    *,
    block: Mapping[str, Any],
    model: Mapping[str, Any],
    training: Mapping[str, Any],
    network: str,
    switches: Sequence[str],
    seeds: Sequence[int],
    hardware: Mapping[str, Any],
    split_path: str,
    out_json: str,
    device: str = "cpu",
) -> dict[str, Any]:
    """The paper's tricks switched off one at a time (``switches``) for one model and network of a
    classification task, every seed: validation-selected test accuracy and netlist costs."""
    hw = S.hardware(hardware)
    fixed = FixedPoint(hw.input_width, hw.frac_bits)
    (spec,) = S.model_specs([model], training)
    settings = S.classifier_task(block, training)
    size = dict(settings.sizes)
    if network not in size:
        raise ValueError(f"ablation network {network!r} is not one of {task}'s sizes {sorted(size)}")
    split = load_split(split_path)
    variants: dict[str, Any] = {}
    for switch in switches:
        vspec, venc = S.ablation_variant(spec, settings.encoding, switch)
        results = []
        for seed in seeds:
            res, _ = _fit_classifier(
                vspec, settings, (network, size[network]), split, seed, fixed, device, task, venc
            )
            _split_timing(res)
            results.append(res)
        variants[switch] = {"spec": asdict(vspec), "encoding": asdict(venc), "runs": results}
    out = {"task": task, "model": spec.name, "network": network, "seeds": list(seeds), "variants": variants}
    write_json(out_json, out)
    return out


def _load_networks(path: str | os.PathLike[str]) -> dict[str, Any]:
    if not Path(path).exists():
        raise FileNotFoundError(f"trained networks not found: {path}")
    return torch.load(path, map_location="cpu", weights_only=False)


def export_designs(networks: str, out_dir: str | os.PathLike[str], *, pipeline_every: int) -> list[str]:
    """Netlists of every first-seed network (``networks``: ``{model: {design: ...}}``) as
    ``<model>_<design>.npz`` with its test inputs and PyTorch counts (``..._expected.npz``) and
    Verilog ``<model>_<design>.v``."""
    from .verilog import write_verilog

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for model, designs in _load_networks(networks).items():
        for design, m in designs.items():
            name = f"{model}_{design}"
            net = _netlist_from(m["netlist"])
            net.save(out / f"{name}.npz")
            with atomic_path(out / f"{name}_expected.npz") as tmp:
                with open(tmp, "wb") as fh:
                    np.savez_compressed(fh, x=m["x"], y=m["y"], torch_counts=m["torch_counts"])
            write_verilog(net, out / f"{name}.v", name=name, pipeline_every=pipeline_every)
            names.append(name)
            log.info("exported %s: %d nodes in %d layers", name, net.n_gates, len(net.layers))
    return names
