"""Config-derived lists and input helpers of the logic_warp rules (``workflow/rules/logic_warp.smk``).

Each function takes the validated config. Tested in ``tests/logic_warp/test_logic_inputs.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from trigml import patterns

__all__ = [
    "ablation_block",
    "ablation_model",
    "ablation_on",
    "classification_tasks",
    "final_targets",
    "hardware_records",
    "jets_data_kind",
    "model_names",
]

CLASSIFICATION = ("jets", "digits")


def classification_tasks(config: Mapping[str, Any]) -> list[str]:
    """The configured tasks that are classification tasks (jets, digits)."""
    return [t for t in config["logic_warp"]["tasks"] if t in CLASSIFICATION]


def model_names(config: Mapping[str, Any]) -> list[str]:
    return [m["name"] for m in config["logic_warp"]["models"]]


def ablation_on(config: Mapping[str, Any]) -> bool:
    """Whether the ablation runs (``ablation.task`` set and among the configured tasks)."""
    task = config["logic_warp"]["ablation"]["task"]
    return task is not None and task in config["logic_warp"]["tasks"]


def ablation_model(config: Mapping[str, Any]) -> dict[str, Any]:
    """The ``models`` entry the ablation switches tricks off in."""
    lw = config["logic_warp"]
    name = lw["ablation"]["model"]
    for m in lw["models"]:
        if m["name"] == name:
            return dict(m)
    raise ValueError(f"logic_warp.ablation.model {name!r} is not one of the models {model_names(config)}")


def ablation_block(config: Mapping[str, Any]) -> dict[str, Any]:
    """The config block of the ablation task (empty when there is no ablation)."""
    task = config["logic_warp"]["ablation"]["task"]
    return dict(config["logic_warp"][task]) if task is not None else {}


def jets_data_kind(config: Mapping[str, Any]) -> str:
    """``simulated`` or ``real``: where the shared jet dataset comes from (figure labels)."""
    return "simulated" if config["jets_sr"]["data"]["source"] == "simulate" else "real"


def hardware_records(config: Mapping[str, Any]) -> Callable[[Any], list[str]]:
    """Input function of ``summarize_logic``: the ``hardware.json`` of every design of ``{task}``
    that the open RTL flow builds (``results/logic_warp/hardware/<task>_<model>_<network>/``; none
    where logic_warp or the task is not in ``hardware.studies`` / ``hardware.logic_warp.tasks``)."""
    from trigml.hardware.inputs import design_names

    designs = design_names(config).get("logic_warp", [])

    def records(wildcards: Any) -> list[str]:
        prefix = f"{wildcards.task}_"
        return [
            patterns.hardware.hardware_json(hw_study="logic_warp", hw_design=d)
            for d in designs
            if d.startswith(prefix)
        ]

    return records


def final_targets(config: Mapping[str, Any]) -> list[str]:
    """What ``all_logic_warp`` builds: per task metrics and convergence figure, the Boolean
    steps figure, accuracy vs gates, jets LUTs vs accuracy, the ablation table."""
    tasks = config["logic_warp"]["tasks"]
    out = [patterns.logic_warp.metrics(task=t) for t in tasks]
    out += [patterns.logic_warp.convergence_png(task=t) for t in tasks]
    if "boolean" in tasks:
        out.append(patterns.logic_warp.steps_png())
    if classification_tasks(config):
        out.append(patterns.logic_warp.accuracy_gates_png())
    if "jets" in tasks:
        out.append(patterns.logic_warp.luts_accuracy_png())
    if ablation_on(config):
        out += [patterns.logic_warp.ablation_json(), patterns.logic_warp.ablation_md()]
    return out
