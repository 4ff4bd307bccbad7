"""What the rule files need from Python, kept out of the ``.smk`` files and tested.

``common.smk`` only wires these to the Snakemake globals (``config``, ``rules``,
``workflow.basedir``); every list a rule expands and every input function lives here.

Threads and the default memory / runtime of every rule come from the profiles
(``default-resources``, ``set-threads``); a rule that needs more than the default writes
``resources: mem_mb=scaled(4000)``, which gives 4000 MB on the first attempt, 8000 on the
second, and so on (with ``retries:`` in the rule or the profile).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from trigml import patterns

# The aggregator rule of each study: its inputs are the study's final output.
STUDY_TARGETS = {
    "data": "all_data",
    "tracking": "all_tracking",
    "tracking_fpga": "all_tracking_fpga",
    "jets_sr": "all_jets_sr",
    "anomaly_kd": "all_anomaly_kd",
    "anomaly_kd_l1": "all_anomaly_kd_l1",
    "logic_warp": "all_logic_warp",
}

# The four challenge CSVs of one TrackML event.
TRACKML_PARTS = ("hits", "cells", "particles", "truth")


def scaled(base: int) -> Callable[..., int]:
    """A Snakemake resource callable: ``base`` times the attempt number (1, 2, ...)."""
    if not isinstance(base, int) or isinstance(base, bool) or base <= 0:
        raise ValueError(f"scaled(): base must be a positive integer, got {base!r}")

    def resource(wildcards: Any, attempt: int) -> int:
        return base * attempt

    resource.__name__ = f"scaled_{base}"
    return resource


def repo_root(rules_dir: object) -> str:
    """The repository root from the folder of the rule files (``workflow.current_basedir`` in
    ``common.smk``): right also when the workflow is a module of another one, where
    ``workflow.basedir`` is the importing workflow's folder."""
    return str(Path(str(rules_dir)).parents[1])


def repo_path(root: str | Path, path: str | Path) -> str:
    """A config path relative to the repository root ``root`` (or absolute) as an absolute path."""
    p = Path(path)
    return str(p if p.is_absolute() else Path(root) / p)


def trackml_event_ids(config: Mapping[str, Any]) -> list[str]:
    """The 9-digit ids of the TrackML events every study uses."""
    return [f"{int(e):09d}" for e in config["data"]["trackml"]["events"]]


def trackml_event_files(config: Mapping[str, Any]) -> list[str]:
    """All challenge CSVs of the configured events (what every TrackML-based study reads)."""
    return [
        patterns.data.trackml_event(event=e, part=part)
        for e in trackml_event_ids(config)
        for part in TRACKML_PARTS
    ]


def data_kinds(config: Mapping[str, Any]) -> dict[str, str]:
    """Per study, whether its numbers come from real, simulated or stand-in data (for the report)."""
    trackml = "real" if config["data"]["trackml"]["source"] != "simulate" else "simulated"
    jets = "real" if config["jets_sr"]["data"]["source"] != "simulate" else "simulated"
    kd = "stand-in (sklearn digits)" if "digits" in config["anomaly_kd"]["datasets"] else "real"
    l1 = "real" if config["anomaly_kd_l1"]["source"] != "simulate" else "simulated"
    return {
        "data": trackml,
        "tracking": trackml,
        "tracking_fpga": trackml,
        "jets_sr": jets,
        "logic_warp": jets,
        "anomaly_kd": kd,
        "anomaly_kd_l1": l1,
    }


def compare_inputs(config: Mapping[str, Any]) -> dict[str, str]:
    """Inputs of the cross-method jet-tagging comparison: jets_sr always, logic_warp's jet task if run."""
    inputs = {"jets": patterns.jets_sr.summary_json()}
    if "logic_warp" in config["studies"] and "jets" in config["logic_warp"]["tasks"]:
        inputs["logic"] = patterns.logic_warp.metrics(task="jets")
    return inputs


def study_targets(rules: Any, study: str) -> list[str]:
    """The final output of one study: the inputs of its aggregator rule."""
    return list(getattr(rules, STUDY_TARGETS[study]).input)


def report_inputs(config: Mapping[str, Any], rules: Any) -> list[str]:
    """Everything the summary reads: the studies' final targets and the cross-method figure."""
    targets = [t for study in config["studies"] for t in study_targets(rules, study)]
    if "jets_sr" in config["studies"]:
        targets.append(patterns.compare_jets_png())
    return targets


def final_output(config: Mapping[str, Any], rules: Any) -> list[str]:
    """Final targets of the studies switched on in ``config['studies']``, plus the summary."""
    targets = [t for study in config["studies"] for t in study_targets(rules, study)]
    targets += list(rules.all_hardware.input) if hasattr(rules, "all_hardware") else []  # open RTL flow
    return [*targets, patterns.summary_md()]
