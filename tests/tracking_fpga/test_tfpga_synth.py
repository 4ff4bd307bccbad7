"""Synthesis rule where Vivado/Vitis HLS is absent: a hardware.json record saying so, no made-up numbers."""

from __future__ import annotations

import json

import pytest
from tfpga_helpers import save_in_checkpoint
from tracking_fpga import synth_in_hls
from trigml.hardware import schema
from trigml.tracking.model import InteractionNetwork


@pytest.fixture
def no_hls_tools(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


def test_synth_script_tool_absent(no_hls_tools, tmp_path):
    ckpt = tmp_path / "model.pt"
    save_in_checkpoint(InteractionNetwork(hidden_size=8), ckpt)
    out = tmp_path / "synth" / "n28e56_rf8_pipeline.json"
    point = '{"design": [28, 56], "reuse_factor": 8, "style": "pipeline", "precision": "ap_fixed<14,7>"}'
    args = ["--model", str(ckpt), "--out", str(out), "--point", point, "--project", str(tmp_path / "p"),
            "--backend", "Vitis", "--part", "xcvu9p-flga2104-2L-e", "--clock-period", "5",
            "--sigmoid-table-size", "1024", "--log", str(tmp_path / "log.txt")]  # fmt: skip
    synth_in_hls.main(args)
    res = schema.read(out)  # validates against the one hardware.json schema
    assert res["backend"] == "hls4ml" and res["synthesized"] is False
    assert "vitis_hls not found" in res["reason"]
    assert res["design"] == "n28e56_rf8_pipeline" and res["details"]["reuse_factor"] == 8
    for key in ("luts", "ffs", "dsps", "brams", "latency_cycles", "latency_ns", "ii"):
        assert res[key] is None  # never a made-up synthesis number
    assert res["clock_ns"] == 5.0 and res["part"] == "xcvu9p-flga2104-2L-e"
    assert not (tmp_path / "p").exists()
    assert json.loads(out.read_text())["tool_versions"]["vitis_hls"] == "absent"
    with pytest.raises(FileNotFoundError, match="missing.pt"):
        synth_in_hls.main([*args[:1], str(tmp_path / "missing.pt"), *args[2:]])
