"""Verilog export: a hand-built 3-node network (bit inputs, like the Boolean task's) goes through the
shared open RTL flow (trigml.hardware: logicnet builder -> Verilator -> Yosys) to its truth table,
combinational and pipelined; a wrong reference fails naming the design; Yosys reports LUTs and depth."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from trigml.logic_warp.netlist import Layer, Netlist
from trigml.logic_warp.synth import logic_depth
from trigml.logic_warp.verilog import verilog_source
from trigml.logic_warp.walsh import difflogic_truth_table

AND, XOR, OR = (difflogic_truth_table(g) for g in (1, 6, 7))


def three_node_net() -> Netlist:
    """f(a, b, c) = (a AND b) OR (b XOR c): two nodes in layer 1, one in layer 2, one class."""
    l1 = Layer(inputs=np.array([[0, 1], [1, 2]]), tables=np.stack([AND, XOR]))
    l2 = Layer(inputs=np.array([[0, 1]]), tables=OR[None])
    return Netlist(n_inputs=3, layers=[l1, l2], n_classes=1)


def truth_table() -> tuple[np.ndarray, np.ndarray]:
    x = np.array(list(itertools.product([0, 1], repeat=3)))
    y = np.array([(a & b) | (b ^ c) for a, b, c in x])
    return x, y


def test_hand_built_netlist_forward_matches_truth_table():
    x, y = truth_table()
    assert np.array_equal(three_node_net().class_counts(x)[:, 0], y)


def test_verilog_text():
    src = verilog_source(three_node_net(), "three", pipeline_every=1)
    assert "module three (" in src and "input  wire clk," in src
    assert "localparam [3:0] T1_0 = 4'h8;" in src  # AND: only row 11 -> bit 3
    assert "assign l2[0] = T2_0[{l1_q[0], l1_q[1]}];" in src
    assert src.count("always @(posedge clk)") == 2
    with pytest.raises(ValueError, match="identifier"):
        verilog_source(three_node_net(), "3bad")


def _export(tmp_path, net, x, counts) -> str:
    """The files export_logic_verilog writes for one network (what the logicnet builder reads)."""
    net.save(tmp_path / "three.npz")
    np.savez_compressed(tmp_path / "three_expected.npz", x=x, y=counts.argmax(1), torch_counts=counts)
    return str(tmp_path)


def _project(tmp_path, pipeline_every, tag):
    from trigml.hardware import rtl
    from trigml.hardware.designs.logicnet import logicnet_design
    from trigml.hardware.settings import RtlSettings

    x, y = truth_table()
    export = _export(tmp_path, three_node_net(), x, y[:, None])
    design = logicnet_design(export, "three", study="logic_warp", name=f"boolean_three_{tag}",
                             pipeline_every=pipeline_every)  # fmt: skip
    settings = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=0.0,
                           n_checked=1000, max_cost=1e6, synth_timeout_s=300)  # fmt: skip
    prj = tmp_path / tag / "rtl"
    rtl.write_project(design, prj, settings)
    return prj, settings


def test_a_wrong_pytorch_reference_is_refused(tmp_path):
    from trigml.hardware.designs.logicnet import logicnet_design

    x, y = truth_table()
    wrong = y.copy()
    wrong[5] ^= 1
    export = _export(tmp_path, three_node_net(), x, wrong[:, None])
    with pytest.raises(AssertionError, match="design boolean_three: the netlist disagrees with PyTorch"):
        logicnet_design(export, "three", study="logic_warp", name="boolean_three", pipeline_every=0)


@pytest.mark.slow
def test_three_node_network_simulates_to_its_truth_table(tmp_path):
    from trigml.hardware import rtl

    x, y = truth_table()
    for pipeline_every, tag, cycles in ((0, "comb", 2), (1, "piped", 4)):  # + input and output registers
        prj, _ = _project(tmp_path, pipeline_every, tag)
        got, _ = rtl.run_verilator(prj, n_checked=1000)
        r = rtl.check_outputs(prj, got)
        assert r["bit_exact"] and r["n_checked"] == 8 and r["accuracy_fixed"] == 1.0
        assert np.array_equal(got[:, 0], y) and rtl.load_project(prj)[1].latency_cycles == cycles
    with np.load(prj / "reference.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["expected_codes"][5, 0] ^= 1  # a deliberately wrong software reference for input #5
    np.savez_compressed(prj / "reference.npz", **arrays)
    with pytest.raises(
        rtl.BitMismatch, match=r"design boolean_three_piped: 1 of 8 inputs .* first differing input #5"
    ):
        rtl.check_outputs(prj, got)


@pytest.mark.slow
def test_yosys_synthesis_of_three_node_network(tmp_path):
    from trigml.hardware import rtl

    prj, settings = _project(tmp_path, 1, "piped")
    r = rtl.synthesize(prj, settings)
    assert r["synthesized"] and r["luts"] >= 1 and r["dsps"] == 0, r.get("reason")
    # registers after layers 1 (2 bits) and 2 (1 bit), the 3 input bits and the registered count (the
    # class field of a one-class network is a constant, which Yosys removes)
    assert r["ffs"] == 3 + 3 + 1
    assert r["logic_depth"] >= 1


def test_logic_depth_on_a_hand_made_netlist():
    def cell(t, ins, outs):
        return {"type": t, "port_directions": {"I": "input", "O": "output"} | ({"D": "input", "Q": "output"} if t == "FDRE" else {}),
                "connections": {"I": ins, "O": outs} if t != "FDRE" else {"D": ins, "Q": outs}}  # fmt: skip

    nl = {"modules": {"top": {"cells": {
        "a": cell("LUT2", [2, 3], [10]), "b": cell("LUT3", [10, 4], [11]), "ff": cell("FDRE", [11], [12]),
        "c": cell("LUT2", [12, 5], [13]), "d": cell("LUT6", [13], [14]), "e": cell("LUT1", [14, 11], [15]),
    }}}}  # fmt: skip
    # a -> b -> e (3), ff breaks b -> c; c -> d -> e (3)
    assert logic_depth(nl, "top") == 3
    with pytest.raises(ValueError, match="not in the synthesized netlist"):
        logic_depth(nl, "other")
