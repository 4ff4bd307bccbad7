"""Input helpers and cross-key checks of the jets_sr rules."""

import copy

import pytest
from trigml import patterns
from trigml.config import load_config
from trigml.jets_sr import inputs


@pytest.fixture(scope="module")
def config(repo):
    return load_config(repo / "config" / "config.yaml")


def test_source_kind_and_summary_inputs(config):
    assert inputs.source(config) == "simulate" and inputs.data_kind(config) == "simulated"
    assert inputs.summary_extra(config) == {"sim_stats": patterns.jets_sr.sim_stats()}
    real = copy.deepcopy(config)
    real["jets_sr"]["data"]["source"] = "download"
    assert inputs.data_kind(real) == "real" and inputs.summary_extra(real) == {}


def test_local_file(config, tmp_path):
    c = copy.deepcopy(config)
    c["jets_sr"]["data"]["source"] = "local"
    with pytest.raises(ValueError, match="local_path"):
        inputs.local_file(c, tmp_path)
    c["jets_sr"]["data"]["local_path"] = "data/jets.pq"
    assert inputs.local_file(c, tmp_path) == str(tmp_path / "data" / "jets.pq")
    c["jets_sr"]["data"]["local_path"] = "/abs/jets.pq"
    assert inputs.local_file(c, tmp_path) == "/abs/jets.pq"


def test_check_config(config):
    inputs.check_config(config)
    bad = copy.deepcopy(config)
    bad["jets_sr"]["sr"]["hls_complexities"] = [7]
    with pytest.raises(ValueError, match="hls_complexities"):
        inputs.check_config(bad)
    bad = copy.deepcopy(config)
    bad["jets_sr"]["hls"]["lut_range"] = [8.0, -8.0]
    with pytest.raises(ValueError, match="lut_range"):
        inputs.check_config(bad)
    bad = copy.deepcopy(config)
    bad["jets_sr"]["nn"]["extra"] = 1
    with pytest.raises(ValueError, match="jets_sr.nn: unknown key"):
        inputs.check_config(bad)
