"""trigml.workflow: the helpers common.smk wires to the rules (inputs, targets, resources)."""

from types import SimpleNamespace

import pytest
from trigml import patterns
from trigml.config import load_config
from trigml.workflow import (
    STUDY_TARGETS,
    compare_inputs,
    data_kinds,
    final_output,
    repo_path,
    repo_root,
    report_inputs,
    scaled,
    trackml_event_files,
    trackml_event_ids,
)


def test_scaled_grows_with_each_attempt():
    mem = scaled(4000)
    assert [mem(None, attempt) for attempt in (1, 2, 3)] == [4000, 8000, 12000]


@pytest.mark.parametrize("bad", [0, -5, 2.5, "4000", True])
def test_scaled_refuses_a_base_that_is_not_a_positive_integer(bad):
    with pytest.raises(ValueError, match="positive integer"):
        scaled(bad)


def test_repo_root_is_two_levels_above_the_rule_files(tmp_path):
    assert repo_root(tmp_path / "workflow" / "rules") == str(tmp_path)


def test_repo_path_keeps_absolute_paths_and_anchors_relative_ones(tmp_path):
    assert repo_path(tmp_path, "/abs/x.csv") == "/abs/x.csv"
    assert repo_path(tmp_path, "data/x.csv") == str(tmp_path / "data" / "x.csv")


@pytest.fixture
def config(repo):
    return load_config(repo / "config" / "config.yaml")


def test_trackml_events_are_nine_digit_ids_with_four_files_each(config):
    config["data"]["trackml"]["events"] = [1000, 21]
    assert trackml_event_ids(config) == ["000001000", "000000021"]
    files = trackml_event_files(config)
    assert len(files) == 8
    assert files[0] == patterns.data.trackml_event(event="000001000", part="hits")
    assert files[-1] == patterns.data.trackml_event(event="000000021", part="truth")


def test_data_kinds_follow_each_source(config):
    config["data"]["trackml"]["source"] = "download"
    config["jets_sr"]["data"]["source"] = "simulate"
    kinds = data_kinds(config)
    assert kinds["tracking"] == kinds["tracking_fpga"] == "real"
    assert kinds["jets_sr"] == kinds["logic_warp"] == "simulated"
    assert set(kinds) == set(STUDY_TARGETS)


def test_compare_inputs_add_logic_only_when_its_jet_task_runs(config):
    config["studies"] = ["jets_sr"]
    assert set(compare_inputs(config)) == {"jets"}
    config["studies"] = ["jets_sr", "logic_warp"]
    config["logic_warp"]["tasks"] = ["jets"]
    assert compare_inputs(config)["logic"] == patterns.logic_warp.metrics(task="jets")


def _rules():
    return SimpleNamespace(
        **{name: SimpleNamespace(input=[f"{name}.out"]) for name in STUDY_TARGETS.values()}
    )


def test_final_output_expands_only_the_studies_switched_on(config):
    config["studies"] = ["data", "jets_sr"]
    assert final_output(config, _rules()) == ["all_data.out", "all_jets_sr.out", patterns.summary_md()]
    assert report_inputs(config, _rules()) == ["all_data.out", "all_jets_sr.out", patterns.compare_jets_png()]


def test_every_study_key_has_an_aggregator(repo, config):
    import yaml

    top = yaml.safe_load((repo / "workflow/schemas/config.schema.yaml").read_text())
    studies = set(top["properties"]["studies"]["items"]["enum"])
    assert studies == set(STUDY_TARGETS)
