"""One tiny end-to-end run of the tracking_fpga study (with the tracking rules it needs)."""

from __future__ import annotations

import json

import pytest
from trigml import patterns


@pytest.mark.slow
def test_tracking_fpga_workflow_end_to_end(repo, tmp_path, workflow_runner):
    cfg = repo / "tests/configs/tracking_fpga.yaml"
    res = workflow_runner(tmp_path, [cfg], ["all_tracking_fpga"])
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-8000:]
    history = json.loads((tmp_path / patterns.tracking_fpga.history(pt="2.0")).read_text())
    assert history["n_parameters"] == 528  # the FPGA model
    assert history["trained_on"]["graphs"] == "sector" and history["trained_on"]["n_train_sector_graphs"] > 0
    assert history["trained_on"]["phi"].startswith("local")
    designs = json.loads((tmp_path / patterns.tracking_fpga.designs_json()).read_text())
    assert designs["events"] == [1003] and set(designs["designs"]) == {"n16e24"}
    assert designs["sectors"]["n_phi"] == 2
    csim = json.loads((tmp_path / patterns.tracking_fpga.csim_summary_json()).read_text())["results"]
    assert len(csim) == 1 and csim[0]["style"] == "pipeline" and csim[0]["n_real_edges"] > 0
    assert csim[0]["max_abs_diff"] < 0.2
    assert csim[0]["trained_on"]["graphs"] == "sector"
    auc = csim[0]["auc_hls"]
    assert auc["lo"] <= auc["value"] <= auc["hi"] and auc["n_boot"] > 1
    scan = json.loads((tmp_path / patterns.tracking_fpga.precision_scan_json()).read_text())["results"][0]
    assert [(p["width"], p["integer"]) for p in scan["points"]] == [(10, 7)]
    assert 0.5 < scan["auc_float"]["value"] <= 1  # a trained network separates true from fake edges
    synth = json.loads((tmp_path / patterns.tracking_fpga.synth_summary_json()).read_text())["results"][0]
    assert synth["backend"] == "hls4ml" and synth["design"] == "n28e56_rf8_pipeline"  # the schema default point
    assert synth["synthesized"] is False and "vitis_hls not found" in synth["reason"]  # CI has no Vitis
    assert synth["luts"] is None and synth["latency_cycles"] is None  # nothing estimated in its place
    ocl = json.loads((tmp_path / patterns.tracking_fpga.opencl_json()).read_text())
    assert ocl["available"] is True, ocl["reason"]  # PoCL's CPU device comes with the venv (pyopencl[pocl])
    assert set(ocl["results"][0]["variants"]) == {"single_work_item", "gather"}
    for png in (patterns.tracking_fpga.designs_png(), patterns.tracking_fpga.csim_png(), patterns.tracking_fpga.precision_scan_png(), patterns.tracking_fpga.synth_png(),
                patterns.tracking_fpga.throughput_png()):  # fmt: skip
        assert (tmp_path / png).stat().st_size > 0
        assert (tmp_path / png).with_suffix(".json").exists()
    assert (
        tmp_path
        / patterns.tracking_fpga.hls_project(design="n16e24", style="pipeline")
        / "firmware"
        / "trigml_in.cpp"
    ).exists()
