# Shared set-up: config validation (first thing), the library on sys.path, input helpers.
import os
import sys
from pathlib import Path

REPO = Path(workflow.basedir)
sys.path.insert(0, str(REPO / "workflow" / "src"))

from trigml.config import validate_config  # noqa: E402
from trigml import patterns  # noqa: E402

validate_config(config)

# Aggregator rules that make up each study's final output (see get_final_output).
STUDY_TARGETS = {
    "data": ["all_data"],
    "tracking": ["all_tracking"],
    "tracking_fpga": ["all_tracking_fpga"],
    "jets_sr": ["all_jets_sr"],
    "anomaly_kd": ["all_anomaly_kd"],
    "anomaly_kd_l1": ["all_anomaly_kd_l1"],
    "logic_warp": ["all_logic_warp"],
}


wildcard_constraints:
    event=r"\d{9}",


def repo_path(path):
    """A config path relative to the repository root (or absolute) as an absolute path."""
    p = Path(path)
    return str(p if p.is_absolute() else REPO / p)


def script_path(name):
    """Scripts live in <repo>/scripts; `script:` paths are relative to this .smk file."""
    return f"../../scripts/{name}"


def trackml_event_ids():
    """The 9-digit ids of the TrackML events every study uses."""
    return [f"{e:09d}" for e in config["data"]["trackml"]["events"]]


TRACKML = config["data"]["trackml"]
TRACKML_PARTS = ["hits", "cells", "particles", "truth"]


def get_trackml_events():
    """All challenge CSVs of the configured events (what every TrackML-based study reads)."""
    return expand(
        patterns.data.trackml_event(), event=trackml_event_ids(), part=TRACKML_PARTS
    )


def get_data_kinds():
    """Per study, whether its numbers come from real, simulated or stand-in data (for the report)."""
    trackml = "real" if TRACKML["source"] != "simulate" else "simulated"
    jets = config["jets_sr"]["data"]["source"]
    jets = "real" if jets != "simulate" else "simulated"
    kd = config["anomaly_kd"]["datasets"]
    kd = "stand-in (sklearn digits)" if "digits" in kd else "real"
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


def get_compare_inputs(wildcards):
    """Inputs of the cross-method jet-tagging comparison: jets_sr always, logic_warp's jet task if run."""
    inputs = {"jets": patterns.jets_sr.summary_json()}
    logic = config["logic_warp"]
    if "logic_warp" in config["studies"] and "jets" in logic["tasks"]:
        inputs["logic"] = patterns.logic_warp.metrics(task="jets")
    return inputs


def get_report_inputs():
    """Everything the summary reads: the studies' final targets and the cross-method figure."""
    targets = [get_study_targets(s) for s in config["studies"]]
    if "jets_sr" in config["studies"]:
        targets.append(patterns.compare_jets_png())
    return targets


def get_study_targets(study):
    return [getattr(rules, name).input for name in STUDY_TARGETS[study]]


def get_final_output():
    """Final targets of the studies switched on in config['studies'], plus the summary."""
    targets = []
    for study in config["studies"]:
        targets += get_study_targets(study)
    targets.append(patterns.summary_md())
    return targets
