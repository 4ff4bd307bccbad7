"""Config-derived lists and input functions of ``workflow/rules/hardware.smk`` (tested in
``tests/hardware/test_hw_inputs.py``): which designs each study sends to the open RTL flow, the
builder options of each, and the files the cross-method comparison reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trigml import patterns

__all__ = [
    "ANOMALY_KD_DESIGN",
    "all_hardware",
    "anomaly_kd_l1_options",
    "anomaly_kd_options",
    "compare_inputs",
    "design_names",
    "jets_nn_options",
    "jets_sr_options",
    "logic_export_dir",
    "logic_warp_networks",
    "logic_warp_options",
    "settings",
    "synth_runtime",
]


ANOMALY_KD_DESIGN = "{dataset}_{technique}_class{cls}_{student}"
"""Name of an anomaly_kd student's design (its wildcards are those of the study's models and images)."""


def _on(config: Mapping[str, Any], study: str) -> bool:
    return study in config["studies"] and study in config["hardware"]["studies"]


def settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The settings every RTL step receives (the ``hardware`` block without the per-study design lists)."""
    hw = config["hardware"]
    return {k: hw[k] for k in ("part", "yosys_family", "clock_ns", "latency_cutoff", "n_checked", "limits")}


def synth_runtime(config: Mapping[str, Any]) -> Any:
    """Resource callable: minutes a synth_rtl job may run (the Yosys time limit plus 10 minutes,
    times the attempt number), so a cluster job outlives hardware.limits.synth_timeout_s."""
    minutes = int(-(-float(config["hardware"]["limits"]["synth_timeout_s"]) // 60)) + 10

    def runtime(wildcards: Any, attempt: int) -> int:
        return minutes * attempt

    return runtime


def sr_complexities(config: Mapping[str, Any]) -> list[int]:
    """SR sweep entries traced: hardware.jets_sr.sr_complexities, else all of jets_sr.sr.complexities."""
    chosen = config["hardware"]["jets_sr"]["sr_complexities"]
    sweep = [int(c) for c in config["jets_sr"]["sr"]["complexities"]]
    if chosen is None:
        return sweep
    missing = sorted(set(chosen) - set(sweep))
    if missing:
        raise ValueError(
            f"hardware.jets_sr.sr_complexities {missing} are not in jets_sr.sr.complexities {sweep}"
        )
    return [int(c) for c in chosen]


def jets_nn_options(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"nn": builder options}`` of jets_sr's QKeras NN."""
    return {"nn": {"input_precision": config["jets_sr"]["nn"]["hls_precision"]}}


def jets_sr_options(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"sr_c<C>": builder options}`` for every traced SR complexity."""
    hls = config["jets_sr"]["hls"]
    return {
        f"sr_c{c}": {"complexity": c, "precision": hls["precision"], "table_size": hls["lut_table_size"],
                     "lut_range": list(hls["lut_range"])}
        for c in sr_complexities(config)
    }  # fmt: skip


def logic_warp_networks(config: Mapping[str, Any], task: str) -> list[str]:
    """Names of the networks logic_warp exports for ``task``: ``<model>_<size>``, or for the Boolean
    task ``<model>_<function>`` (``<kind><n>``, e.g. ``warp2_random6``)."""
    from trigml.logic_warp import settings as lw_settings

    lw = config["logic_warp"]
    if task == "boolean":
        nets = [f[0] for f in lw_settings.boolean_task(lw["boolean"], lw["training"]).functions]
    else:
        nets = [s["name"] for s in lw[task]["sizes"]]
    return [f"{m['name']}_{n}" for m in lw["models"] for n in nets]


def logic_warp_options(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"<task>_<network>": builder options}`` of every network of the tasks in hardware.logic_warp.tasks."""
    lw = config["logic_warp"]
    tasks = [t for t in config["hardware"]["logic_warp"]["tasks"] if t in lw["tasks"]]
    return {
        f"{t}_{net}": {"network": net, "pipeline_every": lw["hardware"]["pipeline_every"]}
        for t in tasks
        for net in logic_warp_networks(config, t)
    }


def logic_export_dir(wildcards: Any) -> str:
    """Input function: logic_warp's export folder of the task that starts the design name."""
    return patterns.logic_warp.verilog_dir(task=str(wildcards.hw_design).split("_", 1)[0])


def anomaly_kd_l1_options(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"student": builder options}`` of the QKeras L1 student."""
    return {
        "student": {
            "input_precision": config["anomaly_kd_l1"]["hls"]["default_precision"],
            "seed": config["seed"],
        }
    }


def anomaly_kd_options(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"<dataset>_<technique>_class<C>_<student>": builder options}`` of the paper half's hls4ml
    students (anomaly_kd.hls: technique, classes, students; hardware.anomaly_kd.students narrows them)."""
    from trigml.anomaly_kd.inputs import KDInputs

    kd, chosen = config["anomaly_kd"], config["hardware"]["anomaly_kd"]["students"]
    unknown = sorted(set(chosen or []) - set(kd["hls"]["students"]))
    if unknown:
        raise ValueError(f"hardware.anomaly_kd.students {unknown} are not in anomaly_kd.hls.students")
    common = {"precision": kd["hls"]["precision"], "val_fraction": kd["val_fraction"], "seed": config["seed"]}

    def entry(**wc: Any) -> tuple[str, dict[str, Any]]:
        return ANOMALY_KD_DESIGN.format(**wc), {"student": wc["student"], **common}

    return dict(e for e in KDInputs(kd).hls_targets(entry) if chosen is None or e[1]["student"] in chosen)


def design_names(config: Mapping[str, Any]) -> dict[str, list[str]]:
    """Designs per study that the open RTL flow builds (studies switched on in both lists)."""
    out: dict[str, list[str]] = {}
    if _on(config, "jets_sr"):
        out["jets_sr"] = (["nn"] if config["hardware"]["jets_sr"]["nn"] else []) + list(
            jets_sr_options(config)
        )
    if _on(config, "logic_warp"):
        out["logic_warp"] = list(logic_warp_options(config))
    if _on(config, "anomaly_kd_l1"):
        out["anomaly_kd_l1"] = list(anomaly_kd_l1_options(config))
    if _on(config, "anomaly_kd"):
        out["anomaly_kd"] = list(anomaly_kd_options(config))
    return {k: v for k, v in out.items() if v}


def all_hardware(config: Mapping[str, Any]) -> list[str]:
    """Every ``hardware.json`` of the open RTL flow."""
    return [
        patterns.hardware.hardware_json(hw_study=study, hw_design=d)
        for study, names in design_names(config).items()
        for d in names
    ]


def compare_inputs(config: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs of the cross-method jet-tagging comparison: jets_sr's summary, logic_warp's jet metrics
    (if run) and the measured ``hardware.json`` of the NN, SR and jet logic designs."""
    inputs: dict[str, Any] = {"jets": patterns.jets_sr.summary_json()}
    names = design_names(config)
    if "logic_warp" in config["studies"] and "jets" in config["logic_warp"]["tasks"]:
        inputs["logic"] = patterns.logic_warp.metrics(task="jets")
    hw = [patterns.hardware.hardware_json(hw_study="jets_sr", hw_design=d) for d in names.get("jets_sr", [])]
    hw += [patterns.hardware.hardware_json(hw_study="logic_warp", hw_design=d) for d in names.get("logic_warp", [])
           if d.startswith("jets_")]  # fmt: skip
    if hw:
        inputs["hardware"] = hw
    return inputs
