"""One tiny end-to-end run of the logic_warp study through Snakemake (Boolean functions, jets):
training, Verilog export, the shared open RTL chain per network (convert_rtl_logic_warp -> simulate_rtl:
Verilator bit-exact -> synth_rtl: Yosys), metrics from its hardware.json records, figures."""

from __future__ import annotations

import json

import pytest
import yaml


@pytest.mark.slow
def test_logic_warp_workflow(tmp_path, repo, workflow_runner, jets_factory):
    jets = jets_factory(tmp_path / "jets_in.parquet", n_per_class=30)
    extra = tmp_path / "jets_local.yaml"
    extra.write_text(yaml.safe_dump({"jets_sr": {"data": {"source": "local", "local_path": str(jets)}}}))
    run = workflow_runner(
        tmp_path / "run", [repo / "tests" / "configs" / "logic_warp.yaml", extra], ["all_logic_warp"]
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-6000:]
    res = tmp_path / "run" / "results" / "logic_warp"
    for task, designs in (("boolean", ["parity4"]), ("jets", ["s"])):
        m = json.loads((res / task / "metrics.json").read_text())
        assert m["all_bit_exact"] is True and m["seeds"] == [0, 1]
        for d in designs:
            for model in ("warp4", "difflogic"):
                e = m["networks"][d][model]
                assert e["simulation"]["bit_exact"] and e["simulation"]["latency_cycles"] >= 1
                assert e["synth"]["xilinx"]["luts"] >= 1 and e["synth"]["xilinx"]["ffs"] >= 1
                assert e["netlist"]["live_logic"]["n"] == 2
                hw = json.loads((res / "hardware" / f"{task}_{model}_{d}" / "hardware.json").read_text())
                assert hw["mismatches"] == 0 and hw["luts"] == e["synth"]["xilinx"]["luts"]
                assert hw["n_checked"] == e["simulation"]["n_checked"] == (16 if task == "boolean" else 38)
        assert (res / task / "figures" / "convergence.png").exists()
        assert not (res / task / "synth.json").exists() and not (res / task / "simulation.json").exists()
    jets = json.loads((res / "jets" / "metrics.json").read_text())
    assert jets["networks"]["s"]["warp4"]["test_discrete_acc"]["n"] == 2
    assert set(jets["convergence"]["s"]["epochs_to_target"]) == {"warp4", "difflogic"}
    rows = json.loads((res / "ablation" / "ablation.json").read_text())["rows"]
    assert [r["variant"] for r in rows] == ["all tricks", "without smoothing"]
    for fig in (
        "figures/accuracy_vs_gates.png",
        "figures/luts_vs_accuracy.png",
        "boolean/figures/steps_to_exact.png",
    ):
        assert (res / fig).exists(), fig
