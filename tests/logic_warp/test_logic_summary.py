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


def test_convergence_target_and_test_accuracy_come_from_the_right_sets(tmp_path):
    runs = _runs(tmp_path)
    (tmp_path / "synth.json").write_text(
        json.dumps({"designs": {"warp4_s": {"xilinx": {"luts": 24, "logic_depth": 3}}}})
    )
    (tmp_path / "sim.json").write_text(json.dumps({"designs": [{"design": "warp4_s", "bit_exact": True}]}))
    m = summarize_task("jets", str(runs), synth_json=str(tmp_path / "synth.json"), sim_json=str(tmp_path / "sim.json"),
                       out=str(tmp_path / "metrics.json"))  # fmt: skip
    conv = m["convergence"]["s"]
    # the target: the lowest mean best validation accuracy among the models (difflogic: 0.6)
    assert conv["target_val_discrete_acc"] == pytest.approx(0.6)
    assert conv["epochs_to_target"] == {"difflogic": [3, 2], "warp4": [1, 2]}
    e = m["networks"]["s"]["warp4"]
    assert e["test_discrete_acc"]["mean"] == pytest.approx(0.68) and e["best_epoch"] == [2, 3]
    assert e["parameters_per_node"] == 4 and e["live_logic_nodes_seed0"] == 12
    assert m["headline"]["warp4_s_luts"] == 24 and m["all_bit_exact"]
    text = markdown_tables(str(tmp_path / "none"))
    assert text.startswith("| task / network |")


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
