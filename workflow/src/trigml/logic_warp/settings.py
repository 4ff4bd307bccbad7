"""Typed settings of the logic_warp study, built from the validated ``logic_warp`` config block.

The JSON schema (``workflow/schemas/logic_warp.schema.yaml``) is the one source of defaults; these
dataclasses read the filled-in blocks with ``[]`` (a missing key is a bug, not a default) and
resolve what the schema leaves to other keys: a model's ``null`` sampling / init take the shared
``training`` values, a task's ``null`` learning rate takes ``training.lr``. ``check_config`` holds
the cross-key checks (called from :func:`trigml.config.validate_config`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

__all__ = [
    "ABLATION_SWITCHES",
    "BooleanTask",
    "ClassifierTask",
    "Encoding",
    "Hardware",
    "ModelSpec",
    "ablation_variant",
    "boolean_task",
    "check_config",
    "classifier_task",
    "hardware",
    "model_specs",
]

ABLATION_SWITCHES = ("residual_init", "learnable_thresholds", "smoothing")
CLASSES = {"jets": 5, "digits": 10}
FEATURES = {"jets": 16, "digits": 64}


@dataclass(frozen=True)
class ModelSpec:
    """One parametrisation: ``method`` warp / difflogic, ``lut_rank`` k, and the training tricks."""

    name: str
    method: str
    lut_rank: int
    sampling: str
    init: str
    temperature: float
    residual_probability: float


@dataclass(frozen=True)
class Encoding:
    """Thermometer encoding of real-valued features (``learnable``: the paper's learnable thresholds)."""

    bits: int
    init: str
    temperature: float
    noise: bool
    learnable: bool


@dataclass(frozen=True)
class ClassifierTask:
    """A classification task (jets, digits): networks, encoding, training and split settings."""

    sizes: tuple[tuple[str, tuple[int, ...]], ...]
    group_tau: float
    encoding: Encoding
    epochs: int
    batch_size: int
    test_fraction: float
    val_fraction: float
    max_samples: int | None
    lr: float


@dataclass(frozen=True)
class BooleanTask:
    """Boolean functions learnt exactly from their truth tables."""

    functions: tuple[tuple[str, str, int, int], ...]  # (name, kind, n, truth-table seed)
    widths: tuple[int, ...]
    group_tau: float
    max_steps: int
    lr: float


@dataclass(frozen=True)
class Hardware:
    """Fixed-point input interface and pipelining of the exported Verilog (synthesis: trigml.hardware)."""

    input_width: int
    frac_bits: int
    pipeline_every: int


def model_specs(models: Sequence[Mapping[str, Any]], training: Mapping[str, Any]) -> list[ModelSpec]:
    """The ``models`` list with every ``null`` resolved from ``training``."""
    out = []
    for m in models:
        out.append(
            ModelSpec(
                name=str(m["name"]),
                method=str(m["method"]),
                lut_rank=int(m["lut_rank"]),
                sampling=str(training["sampling"] if m["sampling"] is None else m["sampling"]),
                init=str(training["init"] if m["init"] is None else m["init"]),
                temperature=float(training["temperature"]),
                residual_probability=float(training["residual_probability"]),
            )
        )
    return out


def _encoding(block: Mapping[str, Any]) -> Encoding:
    return Encoding(
        bits=int(block["bits"]),
        init=str(block["init"]),
        temperature=float(block["temperature"]),
        noise=bool(block["noise"]),
        learnable=bool(block["learnable"]),
    )


def classifier_task(block: Mapping[str, Any], training: Mapping[str, Any]) -> ClassifierTask:
    """Settings of a jets / digits block; ``lr`` null takes ``training.lr``."""
    sizes = tuple((str(s["name"]), tuple(int(w) for w in s["widths"])) for s in block["sizes"])
    names = [n for n, _ in sizes]
    if len(set(names)) != len(names):
        raise ValueError(f"network size names must be unique, got {names}")
    return ClassifierTask(
        sizes=sizes,
        group_tau=float(block["group_tau"]),
        encoding=_encoding(block["encoding"]),
        epochs=int(block["epochs"]),
        batch_size=int(block["batch_size"]),
        test_fraction=float(block["test_fraction"]),
        val_fraction=float(block["val_fraction"]),
        max_samples=None if block["max_samples"] is None else int(block["max_samples"]),
        lr=float(training["lr"] if block["lr"] is None else block["lr"]),
    )


def boolean_task(block: Mapping[str, Any], training: Mapping[str, Any]) -> BooleanTask:
    """Settings of the boolean block; a function's truth-table seed defaults to its position."""
    fns = tuple(
        (f"{f['kind']}{f['n']}", str(f["kind"]), int(f["n"]), int(f["seed"]) if "seed" in f else i)
        for i, f in enumerate(block["functions"])
    )
    names = [f[0] for f in fns]
    if len(set(names)) != len(names):
        raise ValueError(f"Boolean functions must differ in kind or n, got {names}")
    return BooleanTask(
        functions=fns,
        widths=tuple(int(w) for w in block["widths"]),
        group_tau=float(block["group_tau"]),
        max_steps=int(block["max_steps"]),
        lr=float(training["lr"] if block["lr"] is None else block["lr"]),
    )


def hardware(block: Mapping[str, Any]) -> Hardware:
    return Hardware(
        input_width=int(block["input_width"]),
        frac_bits=int(block["frac_bits"]),
        pipeline_every=int(block["pipeline_every"]),
    )


def ablation_variant(spec: ModelSpec, encoding: Encoding, switch: str) -> tuple[ModelSpec, Encoding]:
    """``spec`` and ``encoding`` with one of the paper's tricks switched off: ``residual_init``
    (random initialisation), ``learnable_thresholds`` (fixed thresholds) or ``smoothing`` (plain
    ``soft`` relaxation and no noise on the thermometer)."""
    if switch == "residual_init":
        return replace(spec, init="random"), encoding
    if switch == "learnable_thresholds":
        return spec, replace(encoding, learnable=False)
    if switch == "smoothing":
        return replace(spec, sampling="soft"), replace(encoding, noise=False)
    raise ValueError(f"unknown ablation switch {switch!r} (one of {ABLATION_SWITCHES})")


def _problems(lw: Mapping[str, Any]) -> list[str]:
    out = []
    names = [m["name"] for m in lw["models"]]
    if len(set(names)) != len(names):
        out.append(f"logic_warp.models: names must be unique, got {names}")
    for i, m in enumerate(lw["models"]):
        if m["method"] == "difflogic" and m["lut_rank"] != 2:
            out.append(
                f"logic_warp.models[{i}] ({m['name']}): difflogic nodes are 2-input gates, lut_rank must be 2"
            )
    k_min = min(m["lut_rank"] for m in lw["models"])  # every model must read all of a layer's inputs
    for task in (t for t in lw["tasks"] if t in CLASSES):
        bits = FEATURES[task] * lw[task]["encoding"]["bits"]
        for s in lw[task]["sizes"]:
            if s["widths"][-1] % CLASSES[task]:
                out.append(
                    f"logic_warp.{task}.sizes ({s['name']}): the last width {s['widths'][-1]} must be a "
                    f"multiple of the {CLASSES[task]} classes"
                )
            narrow = [(w, n) for w, n in zip(s["widths"], [bits, *s["widths"]]) if w * k_min < n]
            if narrow:
                out.append(
                    f"logic_warp.{task}.sizes ({s['name']}): a layer of {narrow[0][0]} {k_min}-input nodes "
                    f"cannot read all {narrow[0][1]} inputs of the layer before (width * k >= inputs)"
                )
    k_max = max(m["lut_rank"] for m in lw["models"])  # torchlogix: a k-input node needs >= k inputs
    if "boolean" in lw["tasks"]:
        small = [f"{f['kind']}{f['n']}" for f in lw["boolean"]["functions"] if f["n"] < k_max]
        narrow = [w for w in lw["boolean"]["widths"][:-1] if w < k_max]
        if small or narrow:
            out.append(
                f"logic_warp.boolean: {k_max}-input nodes need at least {k_max} inputs per layer; "
                f"too few in functions {small} / layer widths {narrow}"
            )
    ab = lw["ablation"]
    if ab["task"] is not None:
        if ab["task"] not in lw["tasks"]:
            out.append(f"logic_warp.ablation.task: {ab['task']!r} is not in logic_warp.tasks {lw['tasks']}")
        if ab["model"] not in names:
            out.append(f"logic_warp.ablation.model: {ab['model']!r} is not one of the models {names}")
        sizes = [s["name"] for s in lw[ab["task"]]["sizes"]]
        if ab["network"] not in sizes:
            out.append(
                f"logic_warp.ablation.network: {ab['network']!r} is not one of {ab['task']}'s sizes {sizes}"
            )
    return out


def check_config(config: Mapping[str, Any]) -> None:
    """Cross-key checks of the validated ``logic_warp`` block; raises ``ConfigError`` listing all."""
    if "logic_warp" not in config:
        return
    problems = _problems(config["logic_warp"])
    if problems:
        from trigml.config import ConfigError

        raise ConfigError("invalid configuration:\n  " + "\n  ".join(problems))
