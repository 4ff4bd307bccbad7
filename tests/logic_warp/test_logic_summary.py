"""Summaries: spreads over seeds, the validation convergence target, the ablation table."""

from __future__ import annotations

import json

import pytest
from trigml.logic_warp.summary import markdown_tables, spread, summarize_ablation, summarize_task


def test_spread_is_mean_sample_std_min_max():
    s = spread([0.5, 0.7, None, 0.6])
    assert s["n"] == 3 and s["mean"] == pytest.approx(0.6) and s["std"] == pytest.approx(0.1)
    assert (s["min"], s["max"]) == (0.5, 0.7)
    assert spread([0.4])["std"] == 0.0 and spread([None])["mean"] is None


def _run(seed, val_hist, test_acc, live=10):
    return {
        "seed": seed, "gates": 30, "parameters": {"logic": 120, "encoder": 8, "total": 128},
        "history": {"epoch": list(range(1, len(val_hist) + 1)), "loss": [1.0] * len(val_hist),
                    "val_relaxed_acc": val_hist, "val_discrete_acc": val_hist},
        "final": {"best_epoch": val_hist.index(max(val_hist)) + 1, "val_discrete_acc": max(val_hist),
                  "test_relaxed_acc": test_acc, "test_discrete_acc": test_acc},
        "netlist": {"nodes": 30, "constant": 2, "wire": 8, "logic": 20, "live_logic": live, "mean_support": 2.0},
    }  # fmt: skip


def _runs(tmp_path):
    models = {
        "difflogic": {"spec": {"method": "difflogic", "lut_rank": 2}, "lr": 0.05,
                      "networks": {"s": [_run(0, [0.3, 0.5, 0.6], 0.55), _run(1, [0.4, 0.6, 0.6], 0.57)]}},
        "warp4": {"spec": {"method": "warp", "lut_rank": 4}, "lr": 0.05,
                  "networks": {"s": [_run(0, [0.6, 0.7, 0.65], 0.66, 12), _run(1, [0.5, 0.62, 0.7], 0.7, 14)]}},
    }  # fmt: skip
    path = tmp_path / "runs.json"
    path.write_text(json.dumps({"task": "jets", "seeds": [0, 1], "models": models}))
    return path


def _hardware_json(path, design, *, luts, depth, bit_exact=True, synthesized=True):
    """A hardware.json record of trigml.hardware's open RTL flow for a logic_warp design."""
    rec = {
        "backend": "rtl", "part": "xcvu13p-flga2577-2-e", "clock_ns": 5.0,
        "luts": luts if synthesized else None, "ffs": 40 if synthesized else None, "carry": 3 if synthesized else None,
        "dsps": 0, "brams": 0, "logic_depth": depth if synthesized else None, "pipeline_stages": 1,
        "latency_cycles": 2, "latency_ns": 10.0, "ii": 1, "bit_exact": bit_exact, "mismatches": 0 if bit_exact else 3,
        "n_checked": 64, "accuracy_float": 0.75, "accuracy_fixed": 0.75, "tool_versions": {"yosys": "0.70"},
        "synthesized": synthesized, "reason": None if synthesized else "design x: Yosys failed: boom",
        "design": design, "study": "logic_warp", "metric": "accuracy",
        "details": {"yosys_family": "xcup", "pipeline_every": 0,
                    "cells_by_type": {"LUT2": luts - 4, "LUT6": 4, "CARRY4": 3, "FDRE": 40}},
    }  # fmt: skip
    path.write_text(json.dumps(rec))
    return str(path)


def test_convergence_target_and_test_accuracy_come_from_the_right_sets(tmp_path):
    runs = _runs(tmp_path)
    hw = [_hardware_json(tmp_path / "w.json", "jets_warp4_s", luts=24, depth=3),
          _hardware_json(tmp_path / "d.json", "jets_difflogic_s", luts=9, depth=2)]  # fmt: skip
    m = summarize_task("jets", str(runs), hardware=hw, out=str(tmp_path / "metrics.json"))
    conv = m["convergence"]["s"]
    # the target: the lowest mean best validation accuracy among the models (difflogic: 0.6)
    assert conv["target_val_discrete_acc"] == pytest.approx(0.6)
    assert conv["epochs_to_target"] == {"difflogic": [3, 2], "warp4": [1, 2]}
    e = m["networks"]["s"]["warp4"]
    assert e["test_discrete_acc"]["mean"] == pytest.approx(0.68) and e["best_epoch"] == [2, 3]
    assert e["parameters_per_node"] == 4 and e["live_logic_nodes_seed0"] == 12
    text = markdown_tables(str(tmp_path / "none"))
    assert text.startswith("| task / network |")


def test_luts_and_bit_exactness_come_from_the_hardware_records(tmp_path):
    """The same metrics.json keys as before (synth.xilinx, simulation, all_bit_exact, headline), filled
    from each design's hardware.json."""
    runs = _runs(tmp_path)
    hw = [_hardware_json(tmp_path / "w.json", "jets_warp4_s", luts=24, depth=3),
          _hardware_json(tmp_path / "d.json", "jets_difflogic_s", luts=9, depth=2)]  # fmt: skip
    m = summarize_task("jets", str(runs), hardware=hw, out=str(tmp_path / "metrics.json"))
    xil = m["networks"]["s"]["warp4"]["synth"]["xilinx"]
    assert (xil["luts"], xil["ffs"], xil["logic_depth"], xil["carry"]) == (24, 40, 3, 3)
    assert xil["luts_by_size"] == {"LUT2": 20, "LUT6": 4} and xil["cells"] == 67
    assert m["networks"]["s"]["warp4"]["synth"]["part"] == "xcvu13p-flga2577-2-e"
    sim = m["networks"]["s"]["difflogic"]["simulation"]
    assert (sim["bit_exact"], sim["mismatches"], sim["n_checked"], sim["hw_accuracy"]) == (True, 0, 64, 0.75)
    assert sim["design"] == "difflogic_s" and sim["hardware_design"] == "jets_difflogic_s"
    assert m["all_bit_exact"] is True
    assert (m["headline"]["warp4_s_luts"], m["headline"]["warp4_s_depth"]) == (24, 3)
    assert m["headline"]["difflogic_s_luts"] == 9
    assert json.loads((tmp_path / "metrics.json").read_text())["headline"]["difflogic_s_depth"] == 2


def test_unsynthesised_or_missing_hardware_records(tmp_path):
    runs = _runs(tmp_path)
    hw = [_hardware_json(tmp_path / "w.json", "jets_warp4_s", luts=24, depth=3, synthesized=False)]
    m = summarize_task("jets", str(runs), hardware=hw, out=str(tmp_path / "metrics.json"))
    e = m["networks"]["s"]["warp4"]
    assert "synth" not in e and e["synth_reason"] == "design x: Yosys failed: boom"
    assert e["simulation"]["bit_exact"] and "warp4_s_luts" not in m["headline"]
    assert "simulation" not in m["networks"]["s"]["difflogic"]
    # no design of the task in the open RTL flow: nothing claimed
    m = summarize_task("jets", str(runs), hardware=[], out=str(tmp_path / "metrics.json"))
    assert m["all_bit_exact"] is None and "synth" not in m["networks"]["s"]["warp4"]
    with pytest.raises(ValueError, match="not a logic_warp boolean design"):
        summarize_task("boolean", str(runs), hardware=[hw[0]], out=str(tmp_path / "m2.json"))


def test_ablation_rows_and_gains(tmp_path):
    runs = _runs(tmp_path)
    ab = {"task": "jets", "model": "warp4", "network": "s", "seeds": [0, 1], "variants": {
        "smoothing": {"runs": [_run(0, [0.5], 0.60, 20), _run(1, [0.5], 0.62, 22)]}}}  # fmt: skip
    (tmp_path / "ab.json").write_text(json.dumps(ab))
    r = summarize_ablation(str(tmp_path / "ab.json"), str(runs), out_json=str(tmp_path / "a.json"),
                           out_md=str(tmp_path / "a.md"))  # fmt: skip
    assert [row["variant"] for row in r["rows"]] == ["all tricks", "without smoothing"]
    assert r["gain_from"]["smoothing"] == pytest.approx(0.68 - 0.61)
    assert r["rows"][1]["live_logic_nodes"]["mean"] == 21
    assert "| without smoothing | 0.610 ± 0.014 |" in (tmp_path / "a.md").read_text()
