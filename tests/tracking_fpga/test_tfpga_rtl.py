"""The interaction network traced to RTL (trigml.hardware.designs.interaction_network): the NumPy
fixed-point model is da4ml's emulation bit for bit and follows the float IN; the three MLP blocks
traced alone compose to the same network; the hierarchical RTL on a 4-node graph goes through
Verilator (bit-exact) and Yosys (cells counted through the hierarchy), and a wrong reference fails
naming the design."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from tfpga_helpers import hand_set_in
from trigml.hardware.designs.interaction_network import (
    BLOCKS,
    INPrecision,
    Topology,
    _q,
    forward,
    in_design,
    quantized_mlp,
    trace,
    trace_block,
)

pytestmark = pytest.mark.unit

TOPO = Topology(4, 6, np.array([0, 1, 2, 0]), np.array([1, 2, 3, 2]))  # 4 real edges, 2 padding slots
FINE = INPrecision(
    weight_bits=16, weight_frac=12, input_int=3, input_frac=12, activation_int=5, activation_frac=12
)
COARSE = INPrecision(
    weight_bits=4, weight_frac=2, input_int=2, input_frac=3, activation_int=3, activation_frac=2
)
RTL = INPrecision(
    weight_bits=6, weight_frac=4, input_int=2, input_frac=4, activation_int=3, activation_frac=4
)


def inputs(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, (n, 4 * 3 + 6 * 4))


def float_in(model, rows: np.ndarray) -> np.ndarray:
    ei = torch.as_tensor(np.stack([TOPO.src, TOPO.tgt]))
    with torch.no_grad():
        return np.stack([model(torch.tensor(r[:12].reshape(4, 3)).float(), ei,
                               torch.tensor(r[12:].reshape(6, 4)[:4]).float()).numpy() for r in rows])  # fmt: skip


def mlps_of(model, p):
    return {k: quantized_mlp(getattr(model, k).layers, p) for k in BLOCKS}


def test_numpy_model_is_the_traced_logic_and_follows_the_float_in():
    model = hand_set_in(hidden=4)
    X = _q(inputs(50), FINE.input, rounding="RND")
    mlps = mlps_of(model, FINE)
    comb = trace(mlps, TOPO, FINE)
    ref = np.stack([forward(x, mlps, TOPO, FINE) for x in X])
    np.testing.assert_array_equal(np.asarray(comb.predict(X)).reshape(50, -1), ref)  # bit for bit
    assert ref.shape == (50, 4)  # one logit per real edge, padding slots unconnected
    np.testing.assert_allclose(1 / (1 + np.exp(-ref)), float_in(model, X), atol=2e-3)  # 12 fractional bits
    coarse = trace(mlps_of(model, COARSE), TOPO, COARSE)
    assert coarse.cost < comb.cost  # fewer bits, fewer adders
    Xc = _q(inputs(50), COARSE.input, rounding="RND")
    assert np.abs(1 / (1 + np.exp(-np.asarray(coarse.predict(Xc)))) - float_in(model, Xc)).max() > 1e-3


def test_blocks_traced_alone_compose_to_the_network():
    """The hierarchical RTL's decomposition: R1, O, R2 each traced alone (da4ml's emulation), the
    messages summed per target node and saturated to the message type, give forward() bit for bit."""
    mlps = mlps_of(hand_set_in(hidden=3), COARSE)
    comb = {k: trace_block(mlps[k], k, COARSE) for k in BLOCKS}
    for x in _q(inputs(20, seed=3) * 3, COARSE.input, rounding="RND"):  # x3: messages saturate
        nodes, edges = x[:12].reshape(4, 3), x[12:].reshape(6, 4)[:4]
        e1 = np.stack([comb["R1"].predict(np.concatenate([nodes[t], nodes[s], edges[k]])[None])[0]
                       for k, (s, t) in enumerate(zip(TOPO.src, TOPO.tgt))])  # fmt: skip
        a = _q(TOPO.incidence @ e1, COARSE.message)
        x1 = np.stack([comb["O"].predict(np.concatenate([nodes[j], a[j]])[None])[0] for j in range(4)])
        out = [comb["R2"].predict(np.concatenate([x1[t], x1[s], e1[k]])[None])[0, 0]
               for k, (s, t) in enumerate(zip(TOPO.src, TOPO.tgt))]  # fmt: skip
        np.testing.assert_array_equal(out, forward(x, mlps, TOPO, COARSE))


def test_topology_errors():
    with pytest.raises(ValueError, match="node indices"):
        Topology(4, 6, np.array([0, 4]), np.array([1, 2]))
    with pytest.raises(ValueError, match="edge slots"):
        Topology(4, 1, np.array([0, 1]), np.array([1, 2]))


@pytest.fixture(scope="module")
def in_run(tmp_path_factory):
    """The hierarchical IN on the 4-node graph through write -> Verilator -> Yosys once (the Verilator
    outputs kept for the wrong-reference test, which needs no second build)."""
    from trigml.hardware import rtl, schema
    from trigml.hardware.settings import RtlSettings

    s = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=5.0,
                    n_checked=1000, max_cost=20000, synth_timeout_s=240)  # fmt: skip
    d = in_design(name="in_n4e6", model=hand_set_in(hidden=2), topo=TOPO, X=inputs(1000) * 2, p=RTL,
                  latency_cutoff=s.latency_cutoff)  # fmt: skip
    prj = tmp_path_factory.mktemp("in") / "rtl"
    rtl.write_project(d, prj, s)
    got, version = rtl.run_verilator(prj, n_checked=s.n_checked)
    sim = {**rtl.check_outputs(prj, got), "tool_versions": {"verilator": version}}
    syn = rtl.synthesize(prj, s)
    return d, prj, got, schema.validate(rtl.hardware_record(prj, sim, syn, s))


def test_hierarchical_in_bit_exact_and_synthesised(in_run):
    d, prj, got, r = in_run
    assert got.shape == (1000, 4) and r["n_checked"] == 1000 and r["bit_exact"] and r["mismatches"] == 0
    # Verilator compiled each MLP wrapper once (hierarchical Verilation), the top shares them
    meta = json.loads((prj / "design.json").read_text())
    assert meta["verilator_blocks"] == ["in_n4e6_R1_wrapper", "in_n4e6_O_wrapper", "in_n4e6_R2_wrapper"]
    assert len(np.unique(got, axis=0)) > 30  # the inputs exercise the logic (not one constant output)
    assert r["synthesized"], r["reason"]
    assert r["luts"] > 0 and r["ffs"] > 0 and r["dsps"] == 0  # constant weights: adder trees, no DSP
    blocks = r["details"]["blocks"]
    assert {k: b["instances"] for k, b in blocks.items()} == {"R1": 4, "O": 4, "R2": 4}
    # R1 -> registered aggregation -> O -> R2, each block with registered inputs and outputs
    assert r["latency_cycles"] == sum(b["latency_cycles"] for b in blocks.values()) + 1
    assert r["latency_ns"] == 5.0 * r["latency_cycles"] and r["ii"] == 1 and r["logic_depth"] > 0
    assert r["details"]["cell_count"] == "hierarchical"
    assert not any(
        k.startswith("in_n4e6") for k in r["details"]["cells_by_type"]
    )  # instances counted as cells
    # every block instance is counted: more LUTs than one copy of each block's da4ml estimate
    assert r["luts"] > sum(b["estimated_cost"] for b in blocks.values())


def test_wrong_reference_names_the_design(in_run):
    from trigml.hardware import rtl

    _, prj, got, _ = in_run
    ref = dict(np.load(prj / "reference.npz"))
    ref["expected_codes"][7, 2] += 1  # a deliberately wrong reference
    np.savez_compressed(prj / "reference.npz", **ref)
    with pytest.raises(
        rtl.BitMismatch, match=r"design in_n4e6: 1 of 1000 inputs .* first differing input #7"
    ):
        rtl.check_outputs(prj, got)
