"""Input helpers of workflow/rules/logic_warp.smk."""

from __future__ import annotations

import copy

import pytest
from trigml import patterns
from trigml.config import load_config
from trigml.logic_warp import inputs


@pytest.fixture(scope="module")
def config(repo):
    return load_config(repo / "config" / "config.yaml")


def test_final_targets_of_the_default_config(config):
    t = inputs.final_targets(config)
    for task in ("boolean", "jets"):
        assert patterns.logic_warp.metrics(task=task) in t
    assert patterns.logic_warp.metrics(task="digits") not in t  # digits: add it to logic_warp.tasks
    assert patterns.logic_warp.ablation_md() in t and patterns.logic_warp.luts_accuracy_png() in t
    assert inputs.classification_tasks(config) == ["jets"]
    assert inputs.model_names(config) == ["difflogic", "warp2", "warp4", "warp6"]


def test_targets_follow_the_tasks_and_the_ablation(config):
    c = copy.deepcopy(config)
    c["logic_warp"]["tasks"] = ["boolean"]
    c["logic_warp"]["ablation"]["task"] = None
    t = inputs.final_targets(c)
    assert patterns.logic_warp.steps_png() in t
    assert not any("ablation" in p or "jets" in p or "accuracy_vs_gates" in p for p in t)
    assert inputs.ablation_block(c) == {} and not inputs.ablation_on(c)


def test_ablation_model_and_block(config):
    assert inputs.ablation_model(config)["name"] == config["logic_warp"]["ablation"]["model"]
    assert inputs.ablation_block(config) == config["logic_warp"]["jets"]
    c = copy.deepcopy(config)
    c["logic_warp"]["ablation"]["model"] = "nope"
    with pytest.raises(ValueError, match="nope"):
        inputs.ablation_model(c)


def test_jets_data_kind(config):
    c = copy.deepcopy(config)
    assert inputs.jets_data_kind(c) == "simulated"
    c["jets_sr"]["data"]["source"] = "download"
    assert inputs.jets_data_kind(c) == "real"


def test_summary_reads_every_design_of_its_task_from_the_open_rtl_flow(config):
    """summarize_logic takes the task's hardware.json records (convert_rtl_logic_warp -> simulate_rtl
    -> synth_rtl), Boolean networks included: <task>_<model>_<network>."""
    from trigml.hardware.inputs import logic_warp_networks

    class W:
        task = "boolean"

    assert logic_warp_networks(config, "boolean") == [
        "difflogic_random6", "warp2_random6", "warp4_random6", "warp6_random6"
    ]  # fmt: skip
    records = inputs.hardware_records(config)
    assert records(W()) == [
        patterns.hardware.hardware_json(hw_study="logic_warp", hw_design=f"boolean_{n}")
        for n in logic_warp_networks(config, "boolean")
    ]
    W.task = "jets"
    assert (
        records(W())[1] == "results/logic_warp/hardware/jets_warp2_s/hardware.json" and len(records(W())) == 4
    )
    c = copy.deepcopy(config)
    c["hardware"]["logic_warp"]["tasks"] = ["jets"]
    assert inputs.hardware_records(c)(W()) == records(W())
    W.task = "boolean"
    assert inputs.hardware_records(c)(W()) == []  # not in the flow: metrics.json without synth
    c["hardware"]["studies"] = ["jets_sr"]
    W.task = "jets"
    assert inputs.hardware_records(c)(W()) == []
