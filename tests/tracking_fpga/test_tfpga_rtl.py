"""The interaction network traced to RTL (trigml.hardware.designs.interaction_network): the NumPy
fixed-point model is da4ml's emulation bit for bit, it follows the float IN, and (slow) Verilator
agrees bit for bit on every test input while a wrong reference fails naming the design."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from tfpga_helpers import hand_set_in
from trigml.hardware.designs.interaction_network import (
    INPrecision,
    Topology,
    forward,
    in_design,
    quantized_mlp,
)

TOPO = Topology(4, 6, np.array([0, 1, 2, 0]), np.array([1, 2, 3, 2]))  # 4 real edges, 2 padding slots


def inputs(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, (n, 4 * 3 + 6 * 4))


def float_in(model, rows: np.ndarray) -> np.ndarray:
    ei = torch.as_tensor(np.stack([TOPO.src, TOPO.tgt]))
    with torch.no_grad():
        return np.stack([model(torch.tensor(r[:12].reshape(4, 3)).float(), ei,
                               torch.tensor(r[12:].reshape(6, 4)[:4]).float()).numpy() for r in rows])  # fmt: skip


def test_numpy_model_is_the_traced_logic_and_follows_the_float_in():
    model = hand_set_in(hidden=4)
    p = INPrecision(weight_bits=16, weight_frac=12, input_int=3, input_frac=12, activation_int=5, activation_frac=12)
    d = in_design(name="in_n4e6", model=model, topo=TOPO, X=inputs(50), p=p)
    mlps = {k: quantized_mlp(getattr(model, k).layers, p) for k in ("R1", "O", "R2")}
    ref = np.stack([forward(x, mlps, TOPO, p) for x in d.inputs])
    np.testing.assert_array_equal(d.predict(d.inputs), ref)  # bit for bit
    assert ref.shape == (50, 4)  # one logit per real edge, padding slots unconnected
    sig = 1 / (1 + np.exp(-ref))
    np.testing.assert_allclose(sig, float_in(model, d.inputs), atol=2e-3)  # 12 fractional bits
    coarse = INPrecision(weight_bits=6, weight_frac=3, input_int=3, input_frac=3, activation_int=4, activation_frac=2)
    d2 = in_design(name="in_n4e6", model=model, topo=TOPO, X=inputs(50), p=coarse)
    assert d2.comb.cost < d.comb.cost  # fewer bits, fewer adders
    assert np.abs(1 / (1 + np.exp(-d2.predict(d2.inputs))) - float_in(model, d2.inputs)).max() > 1e-3


def test_topology_errors():
    with pytest.raises(ValueError, match="node indices"):
        Topology(4, 6, np.array([0, 4]), np.array([1, 2]))
    with pytest.raises(ValueError, match="edge slots"):
        Topology(4, 1, np.array([0, 1]), np.array([1, 2]))


@pytest.mark.slow
def test_verilator_bit_exact_and_wrong_reference_fails(tmp_path):
    from trigml.hardware import rtl
    from trigml.hardware.settings import RtlSettings

    s = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=5.0,
                    n_checked=1000, max_cost=20000, synth_timeout_s=240)  # fmt: skip
    p = INPrecision(weight_bits=4, weight_frac=2, input_int=2, input_frac=3, activation_int=3, activation_frac=2)
    d = in_design(name="in_n4e6", model=hand_set_in(hidden=2), topo=TOPO, X=inputs(1000), p=p)
    rtl.write_project(d, tmp_path / "rtl", s)
    sim = rtl.simulate(tmp_path / "rtl", n_checked=1000)
    assert sim["bit_exact"] is True and sim["mismatches"] == 0 and sim["n_checked"] == 1000
    ref = dict(np.load(tmp_path / "rtl" / "reference.npz"))
    ref["expected_codes"][7, 2] += 1  # a deliberately wrong reference
    np.savez_compressed(tmp_path / "rtl" / "reference.npz", **ref)
    with pytest.raises(rtl.BitMismatch, match="in_n4e6"):
        rtl.simulate(tmp_path / "rtl", n_checked=1000)
