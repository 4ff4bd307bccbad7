"""trigml.tracking.inputs: the lists and input functions of the tracking rules."""

from types import SimpleNamespace

import pytest
from trigml import patterns
from trigml.tracking import inputs

CONFIG = {
    "data": {"trackml": {"events": [1000, 1001, 1002, 1003, 1004]}},
    "tracking": {
        "pt_thresholds": [2.0, 1.5],
        "split": {"n_val": 1, "n_test": 2},
        "graph": {"cuts": [{"pt": 2.0, "phi_slope_max": 0.006, "z0_max": 275.0}]},
        "train": {"hidden_size": 40, "epochs": 3, "lr": 0.01},
    },
}


def test_split_and_graphs():
    assert inputs.pt_labels(CONFIG) == ["2.0", "1.5"]
    assert inputs.events(CONFIG, "train") == ["000001000", "000001001"]
    assert inputs.events(CONFIG, "val") == ["000001002"]
    assert inputs.events(CONFIG, "test") == ["000001003", "000001004"]
    wc = SimpleNamespace(pt="2.0")
    assert inputs.graphs(CONFIG, "test")(wc) == [
        patterns.tracking.graph_file(pt="2.0", event=e) for e in ("000001003", "000001004")
    ]
    assert inputs.filtered_hits(CONFIG)[0] == patterns.tracking.filtered_hits(event="000001000")
    assert "{pt}" in inputs.graph_files(CONFIG)[0]


def test_files_and_params():
    assert len(inputs.event_csvs(CONFIG)) == 15  # hits, particles, truth of 5 events
    assert inputs.prefixes(CONFIG, "val") == [patterns.data.trackml_dir() + "/event000001002"]
    assert inputs.truth_files(CONFIG, "test")[1].endswith("event000001004-truth.csv")
    assert inputs.get_truth_files(CONFIG, "test")(None) == inputs.truth_files(CONFIG, "test")
    assert inputs.get_prefixes(CONFIG, "test")(None) == inputs.prefixes(CONFIG, "test")
    # a config with too few events fails only when the lists are asked for, naming the keys
    small = {**CONFIG, "data": {"trackml": {"events": [1000, 1001]}}}
    get = inputs.get_truth_files(small, "test")
    with pytest.raises(ValueError, match="tracking.split.n_val"):
        get(None)
    wc = SimpleNamespace(pt="2.0")
    assert inputs.cut(CONFIG, "z0_max")(wc) == 275.0 and inputs.pt_min(wc) == 2.0
    with pytest.raises(ValueError, match="no row with pt 1.5"):
        inputs.cut(CONFIG, "z0_max")(SimpleNamespace(pt="1.5"))
    assert inputs.train_settings(CONFIG) == {"epochs": 3, "lr": 0.01}
