"""Synthesis rule where Vivado/Vitis HLS is absent: a clear skip, no made-up numbers, a labelled estimate."""

from __future__ import annotations

import json

import pytest
from tfpga_helpers import save_in_checkpoint
from tracking_fpga import synth_in_hls
from trigml.tracking.model import InteractionNetwork
from trigml.tracking_fpga.synth import estimate, synthesize_point


@pytest.fixture
def no_hls_tools(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


def test_tool_absent_writes_skip_and_estimate(no_hls_tools, tmp_path):
    model = InteractionNetwork(hidden_size=8)
    res = synthesize_point(
        model, n_nodes=28, n_edges=56, reuse_factor=8, style="pipeline", precision="ap_fixed<14,7>",
        backend="Vitis", part="xcvu9p-flga2104-2L-e", clock_period=5, project_dir=tmp_path / "prj",
    )  # fmt: skip
    assert res["synthesized"] is False
    assert "vitis_hls not found" in res["reason"]
    for key in ("latency_cycles_worst", "lut", "ff", "dsp", "bram_18k"):
        assert key not in res  # never a made-up synthesis number
    est = res["estimate"]
    assert est["is_estimate"] is True
    # hidden 8: R1 10*8+8*8+8*4 = 176, R2 10*8+8*8+8 = 152 MACs per edge, O 7*8+8*8+8*3 = 144 per node
    assert est["multiplications_per_graph"] == 56 * (176 + 152) + 28 * 144
    assert est["multipliers_instantiated"] == -(-(56 * 328 + 28 * 144) // 8)
    assert not (tmp_path / "prj").exists()


def test_estimate_scales_with_reuse_and_style():
    model = InteractionNetwork(hidden_size=8)
    a = estimate(
        model, n_nodes=448, n_edges=896, reuse_factor=1, style="pipeline", precision="ap_fixed<14,7>"
    )
    b = estimate(
        model, n_nodes=448, n_edges=896, reuse_factor=8, style="dataflow", precision="ap_fixed<14,7>"
    )
    assert a["multipliers_instantiated"] == 8 * b["multipliers_instantiated"]
    assert a["aggregation_comparators"] == 448 * 896 and b["aggregation_comparators"] == 0
    assert a["weight_bits"] == 528 * 14


def test_synth_script_tool_absent(no_hls_tools, tmp_path):
    ckpt = tmp_path / "model.pt"
    save_in_checkpoint(InteractionNetwork(hidden_size=8), ckpt)
    out = tmp_path / "synth" / "n28e56_rf8_pipeline.json"
    synth_in_hls.main(
        ["--model", str(ckpt), "--out", str(out), "--project", str(tmp_path / "p"), "--n-nodes", "28",
         "--n-edges", "56", "--reuse-factor", "8", "--log", str(tmp_path / "log.txt")]
    )  # fmt: skip
    res = json.loads(out.read_text())
    assert res["synthesized"] is False and res["n_edges"] == 56 and res["reuse_factor"] == 8
    with pytest.raises(FileNotFoundError, match="missing.pt"):
        synth_in_hls.main(["--model", str(tmp_path / "missing.pt"), "--out", str(out), "--project", "p",
                           "--n-nodes", "2", "--n-edges", "2", "--reuse-factor", "1"])  # fmt: skip
