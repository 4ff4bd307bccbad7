"""The scripts as command lines, on tiny inputs: prepare, train, ablation, export, summarize, plot."""

from __future__ import annotations

import json

import numpy as np
import pytest
from logic_warp import (
    export_logic_verilog,
    plot_logic_accuracy_gates,
    plot_logic_convergence,
    plot_logic_luts,
    plot_logic_steps,
    prepare_logic_data,
    summarize_logic,
    summarize_logic_ablation,
    train_logic_ablation,
    train_logic_net,
)
from trigml.logic_warp.netlist import Netlist

HW = json.dumps({"input_width": 12, "frac_bits": 8, "pipeline_every": 0})
TRAINING = json.dumps(
    {
        "sampling": "gumbel_soft",
        "init": "residual",
        "temperature": 1.0,
        "residual_probability": 0.951,
        "lr": 0.1,
    }
)
MODELS = json.dumps([
    {"name": "difflogic", "method": "difflogic", "lut_rank": 2, "sampling": None, "init": None},
    {"name": "warp4", "method": "warp", "lut_rank": 4, "sampling": None, "init": None},
])  # fmt: skip
JETS = {
    "sizes": [{"name": "s", "widths": [20, 10]}],
    "group_tau": 2.0,
    "encoding": {"bits": 2, "init": "quantile", "temperature": 0.1, "noise": True, "learnable": True},
    "epochs": 2,
    "batch_size": 32,
    "test_fraction": 0.25,
    "val_fraction": 0.25,
    "max_samples": None,
    "lr": None,
}


def _jets_runs(tmp_path, jets_parquet):
    split = tmp_path / "split.npz"
    prepare_logic_data.main(["--task", "jets", "--jets", str(jets_parquet), "--block", json.dumps(JETS),
                             "--training", TRAINING, "--seed", "1", "--out", str(split), "--log", str(tmp_path / "p.log")])  # fmt: skip
    out = {k: tmp_path / f"{k}" for k in ("runs.json", "timing.json", "networks.pt")}
    train_logic_net.main(["--task", "jets", "--split", str(split), "--block", json.dumps(JETS), "--models", MODELS,
                          "--training", TRAINING, "--seeds", "0", "1", "--hardware", HW,
                          "--out-json", str(out["runs.json"]), "--out-timing", str(out["timing.json"]),
                          "--out-networks", str(out["networks.pt"])])  # fmt: skip
    return split, out


def test_jets_chain(tmp_path, jets_parquet):
    split, out = _jets_runs(tmp_path, jets_parquet)
    r = json.loads(out["runs.json"].read_text())
    assert list(r["models"]) == ["difflogic", "warp4"] and r["seeds"] == [0, 1]
    runs = r["models"]["warp4"]["networks"]["s"]
    assert [p["seed"] for p in runs] == [0, 1] and runs[0]["gates"] == 30
    assert len(runs[0]["history"]["val_discrete_acc"]) == 2 and "wall_s" not in runs[0]["history"]
    assert r["models"]["warp4"]["spec"]["sampling"] == "gumbel_soft"  # null takes training's value
    assert len(json.loads(out["timing.json"].read_text())["models"]["warp4"]["s"][1]["wall_s"]) == 2
    vdir = tmp_path / "verilog"
    export_logic_verilog.main(
        ["--networks", str(out["networks.pt"]), "--pipeline-every", "0", "--out", str(vdir)]
    )
    assert sorted(p.name for p in vdir.glob("*.v")) == ["difflogic_s.v", "warp4_s.v"]
    net = Netlist.load(vdir / "warp4_s.npz")
    with np.load(vdir / "warp4_s_expected.npz") as z:
        assert np.array_equal(net.class_counts(z["x"]), z["torch_counts"]) and len(z["y"]) == 50
    metrics, hw = tmp_path / "metrics.json", tmp_path / "hardware.json"
    hw.write_text(json.dumps({
        "backend": "rtl", "part": "xcvu13p", "clock_ns": 5.0, "luts": 12, "ffs": 30, "carry": 0, "dsps": 0, "brams": 0,
        "logic_depth": 3, "pipeline_stages": 1, "latency_cycles": 2, "latency_ns": 10.0, "ii": 1, "bit_exact": True,
        "mismatches": 0, "n_checked": 50, "accuracy_float": 0.5, "accuracy_fixed": 0.5, "tool_versions": {},
        "synthesized": True, "reason": None, "design": "jets_warp4_s", "study": "logic_warp", "metric": "accuracy",
        "details": {"yosys_family": "xcup", "cells_by_type": {"LUT3": 12, "FDRE": 30}, "pipeline_every": 0},
    }))  # fmt: skip
    summarize_logic.main(["--task", "jets", "--runs", str(out["runs.json"]), "--hardware", str(hw),
                          "--out", str(metrics)])  # fmt: skip
    m = json.loads(metrics.read_text())
    e = m["networks"]["s"]
    assert set(e) == {"warp4", "difflogic"} and e["warp4"]["synth"]["xilinx"]["luts"] == 12
    acc = [p["final"]["test_discrete_acc"] for p in runs]
    assert e["warp4"]["test_discrete_acc"]["mean"] == pytest.approx(np.mean(acc))
    assert e["warp4"]["test_discrete_acc"]["std"] == pytest.approx(np.std(acc, ddof=1))
    conv = m["convergence"]["s"]
    assert set(conv["epochs_to_target"]) == {"warp4", "difflogic"} and conv["target_val_discrete_acc"] > 0
    assert m["headline"]["warp4_s_luts"] == 12 and m["all_bit_exact"]
    plot_logic_convergence.main(["--runs", str(out["runs.json"]), "--timing", str(out["timing.json"]),
                                 "--jets", "simulated", "--out", str(tmp_path / "conv.png")])  # fmt: skip
    plot_logic_accuracy_gates.main(["--metrics", str(metrics), "--out", str(tmp_path / "acc.png")])
    plot_logic_luts.main(
        ["--metrics", str(metrics), "--data", "simulated", "--out", str(tmp_path / "luts.png")]
    )
    twin = json.loads((tmp_path / "luts.json").read_text())
    assert [p["luts"] for p in twin["logicnets"]] == [232, 14576, 38925]
    assert [(p["model"], p["luts"]) for p in twin["ours"]] == [("warp4", 12)]
    assert (tmp_path / "conv.png").stat().st_size > 0 and (tmp_path / "acc.json").exists()


def test_ablation_chain(tmp_path, jets_parquet):
    split, out = _jets_runs(tmp_path, jets_parquet)
    ab = tmp_path / "ablation_runs.json"
    model = json.dumps({"name": "warp4", "method": "warp", "lut_rank": 4, "sampling": None, "init": None})
    train_logic_ablation.main(["--task", "jets", "--split", str(split), "--block", json.dumps(JETS), "--model", model,
                               "--training", TRAINING, "--network", "s", "--switches", "residual_init", "smoothing",
                               "--seeds", "0", "1", "--hardware", HW, "--out-json", str(ab)])  # fmt: skip
    v = json.loads(ab.read_text())["variants"]
    assert v["residual_init"]["spec"]["init"] == "random" and v["smoothing"]["spec"]["sampling"] == "soft"
    assert v["smoothing"]["encoding"]["noise"] is False and len(v["smoothing"]["runs"]) == 2
    summarize_logic_ablation.main(["--ablation", str(ab), "--runs", str(out["runs.json"]),
                                   "--out-json", str(tmp_path / "a.json"), "--out-md", str(tmp_path / "a.md")])  # fmt: skip
    rows = json.loads((tmp_path / "a.json").read_text())["rows"]
    assert [r["variant"] for r in rows] == ["all tricks", "without residual_init", "without smoothing"]
    assert rows[0]["delta_test_acc"] == 0 and all(r["test_discrete_acc"]["n"] == 2 for r in rows)
    assert "| without smoothing |" in (tmp_path / "a.md").read_text()


def test_boolean_chain(tmp_path):
    block = {
        "functions": [{"kind": "parity", "n": 4}],
        "widths": [8, 4],
        "group_tau": 1.0,
        "max_steps": 50,
        "lr": None,
    }
    out = {k: tmp_path / k for k in ("b.json", "t.json", "b.pt")}
    train_logic_net.main(["--task", "boolean", "--block", json.dumps(block), "--models", MODELS, "--training", TRAINING,
                          "--seeds", "0", "--hardware", HW, "--out-json", str(out["b.json"]),
                          "--out-timing", str(out["t.json"]), "--out-networks", str(out["b.pt"])])  # fmt: skip
    r = json.loads(out["b.json"].read_text())["models"]["warp4"]["networks"]["parity4"][0]
    assert r["gates"] == 12 and (r["steps_to_exact"] is None or r["discrete_acc"] == 1.0)
    # no hardware.json: the task is not in hardware.logic_warp.tasks
    summarize_logic.main(["--task", "boolean", "--runs", str(out["b.json"]), "--hardware",
                          "--out", str(tmp_path / "metrics.json")])  # fmt: skip
    assert json.loads((tmp_path / "metrics.json").read_text())["all_bit_exact"] is None
    plot_logic_steps.main(
        ["--metrics", str(tmp_path / "metrics.json"), "--max-steps", "50", "--out", str(tmp_path / "st.png")]
    )
    twin = json.loads((tmp_path / "st.json").read_text())
    assert twin["functions"]["parity4"]["warp4"] == [r["steps_to_exact"]]


def test_prepare_refuses_missing_jets(tmp_path):
    with pytest.raises(FileNotFoundError):
        prepare_logic_data.main(["--task", "jets", "--jets", str(tmp_path / "none.parquet"), "--block", json.dumps(JETS),
                                 "--training", TRAINING, "--seed", "0", "--out", str(tmp_path / "s.npz")])  # fmt: skip
    assert not (tmp_path / "s.npz").exists()


def test_train_needs_a_split_for_classification(tmp_path):
    with pytest.raises(SystemExit):
        train_logic_net.main(["--task", "jets", "--block", "{}", "--models", MODELS, "--training", TRAINING,
                              "--seeds", "0", "--hardware", HW, "--out-json", "a", "--out-timing", "b",
                              "--out-networks", "c"])  # fmt: skip
