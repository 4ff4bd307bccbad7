"""Synthesis points where Vivado/Vitis HLS is absent: the project is written (convert_in_hls), the
shared synth_hls records "synthesized": false with the reason, no made-up numbers."""

from __future__ import annotations

import json

import pytest
from hardware import synth_hls
from tfpga_helpers import save_in_checkpoint
from tracking_fpga import convert_in_hls
from trigml.hardware import schema
from trigml.tracking.model import InteractionNetwork
from trigml.tracking_fpga.plots import plot_synth


@pytest.fixture
def no_hls_tools(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


def test_point_project_then_shared_synth_record(no_hls_tools, tmp_path):
    ckpt = tmp_path / "model.pt"
    save_in_checkpoint(InteractionNetwork(hidden_size=8), ckpt)
    prj = tmp_path / "n28e56_rf8_pipeline" / "hls4ml"
    point = '{"design": [28, 56], "reuse_factor": 8, "style": "pipeline", "precision": "ap_fixed<14,7>"}'
    args = ["--model", str(ckpt), "--project", str(prj), "--point", point, "--backend", "Vitis",
            "--part", "xcvu9p-flga2104-2L-e", "--clock-period", "5", "--sigmoid-table-size", "1024"]  # fmt: skip
    convert_in_hls.main(args)
    cpp = (prj / "firmware" / "trigml_in.cpp").read_text()
    assert cpp.count("nnet::trigml_in_edge_block") == 2
    assert "ap_fixed<14,7>" in (prj / "firmware" / "defines.h").read_text()
    assert "static const unsigned reuse_factor = 8;" in (prj / "firmware" / "parameters.h").read_text()
    out = tmp_path / "n28e56_rf8_pipeline" / "hls4ml.json"
    synth_hls.main(["--project", str(prj), "--hardware", str(out), "--design", "n28e56_rf8_pipeline",
                    "--study", "tracking_fpga"])  # fmt: skip
    res = schema.read(out)  # validates against the one hardware.json schema
    assert res["backend"] == "hls4ml" and res["synthesized"] is False
    assert "vitis_hls not found" in res["reason"] and res["tool_versions"]["vitis_hls"] == "absent"
    for key in ("luts", "ffs", "dsps", "brams", "latency_cycles", "latency_ns", "ii"):
        assert res[key] is None  # never a made-up synthesis number
    assert res["clock_ns"] == 5.0 and res["part"] == "xcvu9p-flga2104-2L-e"
    (tmp_path / "collected.json").write_text(json.dumps({"results": [res]}))
    plot_synth(tmp_path / "collected.json", tmp_path / "synth.png")
    twin = json.loads((tmp_path / "synth.json").read_text())  # the figure's JSON twin
    assert twin["points"] == [{k: res[k] for k in ("design", "synthesized", "reason", "luts", "latency_ns", "ii")}]
    with pytest.raises(FileNotFoundError, match="missing.pt"):
        convert_in_hls.main(["--model", str(tmp_path / "missing.pt"), *args[2:]])
    with pytest.raises(FileNotFoundError, match="hls4ml_config.yml"):
        synth_hls.main(["--project", str(tmp_path), "--hardware", str(out), "--design", "x", "--study", "tracking_fpga"])
