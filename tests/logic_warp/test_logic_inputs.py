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
