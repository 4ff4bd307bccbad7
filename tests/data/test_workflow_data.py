"""The data study end to end: simulate_trackml and validate_simulation through Snakemake."""

from __future__ import annotations

import json

import pytest
from trigml import patterns
from trigml.data.trackml import load_event


@pytest.mark.slow
def test_data_workflow_end_to_end(repo, tmp_path, workflow_runner):
    cfg = [repo / "tests/configs/data.yaml"]
    res = workflow_runner(tmp_path, cfg, ["all_data"], cores=2)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-5000:]
    for event in ("000001000", "000001001"):
        for part in ("hits", "cells", "particles", "truth"):
            assert (tmp_path / patterns.data.trackml_event(event=event, part=part)).stat().st_size > 0
        hits, cells, particles, truth = load_event(tmp_path / patterns.data.trackml_dir() / f"event{event}")
        assert len(hits) == len(truth) and (truth.particle_id == 0).any()
        assert set(hits.volume_id) <= {7, 8, 9, 12, 13, 14, 16, 17, 18}
        counts = truth[truth.particle_id != 0].groupby("particle_id").size()
        assert (particles.set_index("particle_id").loc[counts.index, "nhits"] == counts).all()
    result = json.loads((tmp_path / patterns.data.validation_json()).read_text())
    assert result["mu"] == 5 and result["n_events"] == 1
    assert result["real"]["n_primaries"] == 8568
    assert set(result["checks"]) == {"n_primaries", "n_primaries_pt_gt_1", "ks_pt", "ks_eta", "nhits_median"}
    # parameters tuned on event 1000 are named as tuned and checked apart
    assert set(result["tuned"]) == {"beam_spot_mm", "minimum_bias", "interaction_per_x0"} and set(result["tuned_checks"]) == {"vertex_z_sigma"}
    ks = result["targets"]["ks_nhits"]
    assert ks["value"] == result["ks"]["nhits"] and ks["met"] is (ks["value"] <= 0.1)
    # at mu = 5 the counts cannot match a mu = 200 event: the check must say so
    assert result["checks"]["n_primaries"] is False and result["agreement"] is False
    assert (tmp_path / patterns.data.validation_png()).stat().st_size > 10_000
    log = (tmp_path / patterns.log("data", "simulate_trackml")).read_text()
    assert "Pythia8 initialised" in log and "event 000001001" in log
    again = workflow_runner(tmp_path, cfg, ["all_data"], "-n")
    assert again.returncode == 0 and "Nothing to be done" in again.stdout + again.stderr
