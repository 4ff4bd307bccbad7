"""One tiny end-to-end run of the logic_warp study through Snakemake (Boolean functions, jets):
training, Verilog export, Verilator simulation (bit-exact), Yosys synthesis, metrics, figures."""

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
    for task, designs in (("boolean", ["parity3"]), ("jets", ["s"])):
        m = json.loads((res / task / "metrics.json").read_text())
        assert m["all_bit_exact"] is True
        for d in designs:
            for method in ("warp", "difflogic"):
                e = m["networks"][d][method]
                assert e["simulation"]["bit_exact"] and e["simulation"]["latency_cycles"] >= 1
                assert e["synth"]["xilinx"]["luts"] >= 1 and e["synth"]["xilinx"]["ffs"] >= 1
        sim = json.loads((res / task / "simulation.json").read_text())
        assert all(d["mismatches"] == 0 for d in sim["designs"])
        assert (res / task / "simulation.log").stat().st_size > 0
        assert (res / task / "figures" / "convergence.png").exists()
    assert json.loads((res / "jets" / "simulation.json").read_text())["designs"][0]["samples"] == 38
    for fig in (
        "figures/accuracy_vs_gates.png",
        "figures/luts_vs_accuracy.png",
        "boolean/figures/steps_to_exact.png",
    ):
        assert (res / fig).exists(), fig
