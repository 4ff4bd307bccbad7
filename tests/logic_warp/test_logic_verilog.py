"""Verilog export: a hand-built 3-node network simulates to its truth table (Verilator/Icarus),
combinational and pipelined; a wrong expectation fails; Yosys reports LUTs and depth."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from trigml.logic_warp.netlist import FixedPoint, Layer, Netlist
from trigml.logic_warp.simulate import Case, SimulationMismatch, simulate
from trigml.logic_warp.synth import logic_depth, synthesize
from trigml.logic_warp.verilog import format_inputs, verilog_source
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


def test_format_inputs_fixed_point():
    net = Netlist(
        n_inputs=2,
        layers=[Layer(inputs=np.array([[0, 1], [2, 3]]), tables=np.stack([AND, OR]))],
        n_classes=2,
        thresholds=np.array([[0.0, 1.0], [-1.0, 0.5]]),
        fixed=FixedPoint(width=8, frac_bits=4),
    )
    assert format_inputs(net, np.array([[1, -1]])) == ["ff01"]
    with pytest.raises(ValueError, match="range"):
        format_inputs(net, np.array([[1000, 0]]))


@pytest.mark.slow
def test_three_node_network_simulates_to_its_truth_table(tmp_path):
    x, y = truth_table()
    net = three_node_net()
    res = simulate(
        [Case("comb", net, x, y[:, None], 0), Case("piped", net, x, y[:, None], 1)], tmp_path / "sim"
    )
    assert [r["bit_exact"] for r in res] == [True, True]
    assert [r["latency_cycles"] for r in res] == [0, 2]
    assert all(r["samples"] == 8 for r in res)
    wrong = y.copy()
    wrong[5] ^= 1
    with pytest.raises(SimulationMismatch, match="sample 5"):
        simulate([Case("comb", net, x, wrong[:, None], 0)], tmp_path / "sim_wrong")


@pytest.mark.slow
def test_yosys_synthesis_of_three_node_network(tmp_path):
    from trigml.logic_warp.verilog import write_verilog

    write_verilog(three_node_net(), tmp_path / "three.v", name="three", pipeline_every=1)
    r = synthesize(tmp_path / "three.v", "three", tmp_path / "syn")
    assert (
        r["xilinx"]["luts"] >= 1 and r["xilinx"]["ffs"] == 3
    )  # registers after layers 1 (2 bits) and 2 (1 bit)
    assert r["xilinx"]["logic_depth"] >= 1 and "generic" not in r  # no generic synth (its LUT count was 0)


@pytest.mark.slow
def test_one_yosys_session_synthesizes_every_design_on_its_own(tmp_path):
    from trigml.logic_warp.synth import synthesize_all
    from trigml.logic_warp.verilog import write_verilog

    net = three_node_net()
    for name in ("one", "two"):
        write_verilog(net, tmp_path / f"{name}.v", name=name, pipeline_every=1)
    res = synthesize_all(tmp_path, {"one": net, "two": net}, tmp_path / "syn", family="xc7", pipeline_every=1)
    assert set(res["designs"]) == {"one", "two"} and res["version"].startswith("Yosys")
    one, two = res["designs"]["one"]["xilinx"], res["designs"]["two"]["xilinx"]
    assert one == two and one["ffs"] == 3 and one["luts"] >= 1  # the wrapper adds no logic of its own


def test_wrapper_instantiates_every_design_on_its_own_ports():
    from trigml.logic_warp.synth import wrapper_source
    from trigml.logic_warp.verilog import design_of

    src = wrapper_source([design_of(three_node_net(), "a", 0), design_of(three_node_net(), "b", 1)])
    assert "input wire clk" in src and "a u0 (.x(x0), .counts(counts0), .cls(cls0));" in src
    assert "b u1 (.clk(clk), .x(x1)" in src and src.count("endmodule") == 1


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
