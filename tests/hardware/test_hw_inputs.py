"""Which designs each study sends to the open RTL flow, from the config."""

import copy
from pathlib import Path

import pytest
from trigml.config import load_config
from trigml.hardware import inputs

pytestmark = pytest.mark.unit


@pytest.fixture
def config():
    return load_config(Path(__file__).resolve().parents[2] / "config" / "config.yaml")


def test_default_designs(config):
    names = inputs.design_names(config)
    sr = [f"sr_c{c}" for c in config["jets_sr"]["sr"]["complexities"]]
    assert names["jets_sr"] == ["nn", *sr]
    models = [m["name"] for m in config["logic_warp"]["models"]]  # every task, Boolean included
    assert names["logic_warp"] == [f"boolean_{m}_random6" for m in models] + [f"jets_{m}_s" for m in models]
    assert names["anomaly_kd_l1"] == ["student"]
    paths = inputs.all_hardware(config)
    assert "results/jets_sr/hardware/nn/hardware.json" in paths
    assert len(paths) == sum(len(v) for v in names.values())


def test_switches(config):
    c = copy.deepcopy(config)
    c["hardware"]["studies"] = ["jets_sr"]
    c["hardware"]["jets_sr"] = {"nn": False, "sr_complexities": [c["jets_sr"]["sr"]["complexities"][0]]}
    assert inputs.design_names(c) == {"jets_sr": [f"sr_c{c['jets_sr']['sr']['complexities'][0]}"]}
    c["hardware"]["jets_sr"]["sr_complexities"] = [999]
    with pytest.raises(ValueError, match="999"):
        inputs.design_names(c)
    c["studies"] = ["logic_warp"]
    assert inputs.design_names(c) == {}


def test_compare_inputs_take_the_jet_designs(config):
    got = inputs.compare_inputs(config)
    assert got["jets"].endswith("jets_sr/summary.json")
    assert all("/hardware/" in p for p in got["hardware"])
    assert not any("anomaly" in p for p in got["hardware"])


def test_logic_export_dir_from_design_name():
    class W:
        hw_design = "jets_warp2_s"

    assert inputs.logic_export_dir(W()) == "results/logic_warp/jets/verilog"


def test_synth_runtime_outlives_the_yosys_limit(config):
    c = copy.deepcopy(config)
    c["hardware"]["limits"]["synth_timeout_s"] = 3601
    assert inputs.synth_runtime(c)(None, 1) == 61 + 10 and inputs.synth_runtime(c)(None, 2) == 142
