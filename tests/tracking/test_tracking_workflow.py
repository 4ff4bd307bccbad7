"""One tiny end-to-end run of the tracking study through the real Snakefile."""

from __future__ import annotations

import json

import pytest
from trigml import patterns


@pytest.mark.slow
def test_tracking_workflow_end_to_end(repo, tmp_path, workflow_runner):
    res = workflow_runner(tmp_path, [repo / "tests/configs/tracking.yaml"], ["all_tracking"])
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-8000:]
    for pt in ("2.0",):
        summary = json.loads((tmp_path / patterns.tracking.graph_summary(pt=pt)).read_text())
        assert summary["n_events"] == 4 and summary["mean_edges"] > 0
        edges = json.loads((tmp_path / patterns.tracking.edge_metrics(pt=pt)).read_text())
        assert edges["test_events"] == ["event000001003"] and edges["val_events"] == ["event000001002"]
        history = json.loads((tmp_path / patterns.tracking.in_history(pt=pt)).read_text())
        assert history["n_parameters"] == 528 and len(history["epochs"]) == 2
        assert history["train_events"] == ["event000001000", "event000001001"]
        tracks = json.loads((tmp_path / patterns.tracking.track_metrics(pt=pt)).read_text())
        assert {"connected_components", "dbscan_eta_phi"} <= set(tracks)
        for png in (
            patterns.tracking.training_png(pt=pt),
            patterns.tracking.roc_png(pt=pt),
            patterns.tracking.efficiency_png(pt=pt, var="eta"),
        ):
            assert (tmp_path / png).stat().st_size > 0
    assert (tmp_path / patterns.tracking.graph_summary_png()).exists()
    # a second run has nothing to do
    again = workflow_runner(tmp_path, [repo / "tests/configs/tracking.yaml"], ["all_tracking"], "-n")
    assert again.returncode == 0 and "Nothing to be done" in again.stdout + again.stderr
