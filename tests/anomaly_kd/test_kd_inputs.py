"""trigml.anomaly_kd.inputs: the rules' input and params functions from a validated config."""

from types import SimpleNamespace

import pytest
from trigml import patterns
from trigml.anomaly_kd.inputs import KDInputs
from trigml.config import _Validator, load_schema


@pytest.fixture
def kd():
    block = {"classes": [0, 1], "techniques": ["baseline", "outlier_exposure"],
             "hls": {"students": ["G"], "technique": "outlier_exposure"}}  # fmt: skip
    _Validator(load_schema("anomaly_kd.schema.yaml")).validate(block)  # fills the schema's defaults
    return KDInputs(block)


def test_idx_files_only_for_real_datasets(kd):
    assert kd.idx_files(SimpleNamespace(dataset="mnist5k")) == {}
    files = kd.idx_files(SimpleNamespace(dataset="mnist"))
    assert set(files) == {"train_images", "train_labels", "test_images", "test_labels"}
    assert files["test_labels"] == patterns.anomaly_kd.idx_file(
        dataset="mnist", idxfile="t10k-labels-idx1-ubyte.gz"
    )


def test_colearn_input_adds_the_outlier_set_for_outlier_exposure(kd):
    oe = kd.colearn_input(SimpleNamespace(dataset="mnist5k", technique="outlier_exposure"))
    assert oe["outliers"] == patterns.anomaly_kd.images(dataset="mnist5k_rot90")
    assert set(kd.colearn_input(SimpleNamespace(dataset="mnist", technique="noise_exposure"))) == {"data"}
    assert kd.colearn_input(SimpleNamespace(dataset="mnist", technique="outlier_exposure"))[
        "outliers"
    ].endswith("fashion_mnist.npz")


def test_scores_and_hls_targets(kd):
    scores = kd.scores()
    assert (
        len(scores) == 4
        and patterns.anomaly_kd.scores(dataset="mnist5k", technique="outlier_exposure", cls=1) in scores
    )
    assert kd.hls_targets(patterns.anomaly_kd.csim_json) == [
        patterns.anomaly_kd.csim_json(dataset="mnist5k", technique="outlier_exposure", cls=0, student="G")
    ]


def test_params(kd):
    assert kd.train_params()["outlier_fraction"] == 0.4 and kd.train_params()["standardise_targets"] is True
    assert kd.hls_params()["precision"] == "ap_fixed<18,4>"
    assert kd.base_url(SimpleNamespace(dataset="mnist")).startswith("https://")
    assert kd.sha256(SimpleNamespace(dataset="mnist")) == dict.fromkeys(
        ("train_images", "train_labels", "test_images", "test_labels")
    )
