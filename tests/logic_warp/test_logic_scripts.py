"""The scripts as command lines, on tiny inputs: prepare, train, export, summarize, plot."""

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
    train_logic_net,
)
from trigml.logic_warp.netlist import Netlist

HW = json.dumps({"input_width": 12, "frac_bits": 8})
WARP = json.dumps({"sampling": "gumbel_soft", "lr": 0.1})
DIFF = json.dumps({"sampling": "soft", "lr": 0.1})


def test_jets_chain(tmp_path, jets_parquet):
    task = {
        "sizes": {"s": [20, 10]},
        "encoding": {"bits": 2},
        "epochs": 2,
        "batch_size": 32,
        "test_fraction": 0.25,
    }
    split = tmp_path / "split.npz"
    prepare_logic_data.main(["--task", "jets", "--jets", str(jets_parquet), "--params", json.dumps(task), "--seed", "1",
                             "--out", str(split), "--log", str(tmp_path / "p.log")])  # fmt: skip
    runs, models = [], {}
    for method, spec in (("warp", WARP), ("difflogic", DIFF)):
        out_json, out_pt = tmp_path / f"{method}.json", tmp_path / f"{method}.pt"
        train_logic_net.main(["--task", "jets", "--method", method, "--seed", "0", "--split", str(split),
                              "--params", json.dumps(task), "--spec", spec, "--hardware", HW,
                              "--out-json", str(out_json), "--out-models", str(out_pt)])  # fmt: skip
        runs.append(str(out_json))
        models[method] = out_pt
        r = json.loads(out_json.read_text())
        assert r["runs"]["s"]["gates"] == 30 and len(r["runs"]["s"]["history"]["epoch"]) == 2
    vdir = tmp_path / "verilog"
    export_logic_verilog.main(["--models", *[f"{m}={p}" for m, p in models.items()], "--out", str(vdir)])
    assert sorted(p.name for p in vdir.glob("*.v")) == ["difflogic_s.v", "warp_s.v"]
    net = Netlist.load(vdir / "warp_s.npz")
    with np.load(vdir / "warp_s_expected.npz") as z:
        assert np.array_equal(net.class_counts(z["x"]), z["torch_counts"]) and len(z["y"]) == 50
    synth = tmp_path / "synth.json"
    sim = tmp_path / "sim.json"
    synth.write_text(
        json.dumps({"designs": {"warp_s": {"xilinx": {"luts": 12, "ffs": 0, "logic_depth": 3}}}})
    )
    sim.write_text(json.dumps({"designs": [{"design": "warp_s", "bit_exact": True, "hw_accuracy": 0.5}]}))
    metrics = tmp_path / "metrics.json"
    summarize_logic.main(
        [
            "--task",
            "jets",
            "--runs",
            *runs,
            "--synth",
            str(synth),
            "--simulation",
            str(sim),
            "--out",
            str(metrics),
        ]
    )
    m = json.loads(metrics.read_text())
    e = m["networks"]["s"]
    assert set(e) == {"warp", "difflogic"} and e["warp"]["synth"]["xilinx"]["luts"] == 12
    assert e["warp"]["difflogic_final_discrete_acc"] == e["difflogic"]["discrete_acc"]["mean"]
    assert m["headline"]["warp_s_luts"] == 12 and m["all_bit_exact"]
    plot_logic_convergence.main(["--task", "jets", "--runs", *runs, "--out", str(tmp_path / "conv.png")])
    plot_logic_accuracy_gates.main(["--metrics", str(metrics), "--out", str(tmp_path / "acc.png")])
    plot_logic_luts.main(["--metrics", str(metrics), "--out", str(tmp_path / "luts.png")])
    twin = json.loads((tmp_path / "luts.json").read_text())
    assert [p["luts"] for p in twin["logicnets"]] == [232, 14576, 38925]
    assert twin["ours"] == [{"method": "warp", "network": "s", "luts": 12, "acc_percent": 50.0}]
    assert (tmp_path / "conv.png").stat().st_size > 0 and (tmp_path / "acc.json").exists()


def test_boolean_chain(tmp_path):
    task = {"functions": [{"kind": "parity", "n": 2}], "widths": [4, 2], "max_steps": 50}
    out_json = tmp_path / "b.json"
    train_logic_net.main(["--task", "boolean", "--method", "warp", "--seed", "0", "--params", json.dumps(task),
                          "--spec", WARP, "--hardware", HW, "--out-json", str(out_json),
                          "--out-models", str(tmp_path / "b.pt")])  # fmt: skip
    r = json.loads(out_json.read_text())["runs"]["parity2"]
    assert r["gates"] == 6 and (r["steps_to_exact"] is None or r["discrete_acc"] == 1.0)
    (tmp_path / "s.json").write_text(json.dumps({"designs": {}}))
    (tmp_path / "m.json").write_text(json.dumps({"designs": []}))
    summarize_logic.main(["--task", "boolean", "--runs", str(out_json), "--synth", str(tmp_path / "s.json"),
                          "--simulation", str(tmp_path / "m.json"), "--out", str(tmp_path / "metrics.json")])  # fmt: skip
    plot_logic_steps.main(
        ["--metrics", str(tmp_path / "metrics.json"), "--max-steps", "50", "--out", str(tmp_path / "st.png")]
    )
    twin = json.loads((tmp_path / "st.json").read_text())
    assert twin["functions"]["parity2"]["warp"] == [r["steps_to_exact"]]


def test_prepare_refuses_missing_jets(tmp_path):
    with pytest.raises(FileNotFoundError):
        prepare_logic_data.main(["--task", "jets", "--jets", str(tmp_path / "none.parquet"), "--params",
                                 json.dumps({"test_fraction": 0.25}), "--seed", "0", "--out", str(tmp_path / "s.npz")])  # fmt: skip
    assert not (tmp_path / "s.npz").exists()
