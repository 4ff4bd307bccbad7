"""The discrete netlist: fixed-point interface, forward pass equal to PyTorch's, persistence."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from trigml.logic_warp.netlist import FixedPoint, Layer, Netlist, from_model, node_stats, support
from trigml.logic_warp.train import build_model, discrete_scores


def test_threshold_codes_are_exact_for_every_code():
    fx = FixedPoint(width=8, frac_bits=4)
    codes = np.arange(fx.lo, fx.hi + 1)
    values = fx.dequantize(codes)
    rng = np.random.default_rng(0)
    t = np.concatenate([rng.uniform(-9, 9, 200), values[::7], [-100.0, 100.0]]).astype(np.float32)
    big_t = fx.threshold_codes(t.astype(np.float64))
    assert np.array_equal(values[:, None] > t[None, :], codes[:, None] > big_t[None, :])


def test_quantize_rounds_and_saturates():
    fx = FixedPoint(width=6, frac_bits=2)
    assert fx.quantize([0.1, 0.13, 0.375, 100.0, -100.0]).tolist() == [0, 1, 2, 31, -32]
    with pytest.raises(ValueError, match="NaN"):
        fx.quantize([np.nan])
    with pytest.raises(ValueError, match="width"):
        FixedPoint(width=40)


@pytest.mark.parametrize(("method", "k"), [("warp", 2), ("warp", 6), ("difflogic", 2)])
def test_netlist_forward_equals_pytorch_discrete_forward(method, k, make_spec, make_encoding):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 5)).astype(np.float32)
    model = build_model(
        make_spec(method, k), n_inputs=5, n_classes=3, widths=[30, 15], group_tau=2.0, seed=0, x_fit=x,
        encoding=make_encoding(3),
    )  # fmt: skip
    torch.manual_seed(0)
    for layer in model.layers:
        torch.nn.init.normal_(layer.weight)
    fx = FixedPoint(width=12, frac_bits=6)
    net = from_model(model, fx)
    codes = fx.quantize(x)
    torch_counts = discrete_scores(model, torch.as_tensor(fx.dequantize(codes))).numpy()
    assert np.array_equal(net.class_counts(codes), torch_counts)
    assert np.array_equal(net.predict(codes), torch_counts.argmax(1))


def test_save_load_round_trip(tmp_path):
    rng = np.random.default_rng(2)
    layers = [
        Layer(inputs=rng.integers(0, 6, (8, 2)), tables=rng.integers(0, 2, (8, 4)).astype(bool)),
        Layer(inputs=rng.integers(0, 8, (4, 2)), tables=rng.integers(0, 2, (4, 4)).astype(bool)),
    ]
    net = Netlist(
        n_inputs=2, layers=layers, n_classes=2, thresholds=np.array([[0.0, 1, 2], [-1, 0, 1]]), meta={"a": 1}
    )
    net.save(tmp_path / "n.npz")
    back = Netlist.load(tmp_path / "n.npz")
    codes = rng.integers(-3000, 3000, (50, 2))
    assert np.array_equal(back.class_counts(codes), net.class_counts(codes))
    assert back.meta == {"a": 1} and back.fixed == net.fixed
    with pytest.raises(FileNotFoundError):
        Netlist.load(tmp_path / "missing.npz")


def test_invalid_netlists():
    ok = Layer(inputs=np.zeros((4, 2), np.int64), tables=np.zeros((4, 4), bool))
    with pytest.raises(ValueError, match="outside"):
        Netlist(
            n_inputs=2, layers=[Layer(inputs=np.full((4, 2), 5), tables=np.zeros((4, 4), bool))], n_classes=2
        )
    with pytest.raises(ValueError, match="multiple"):
        Netlist(n_inputs=2, layers=[ok], n_classes=3)
    with pytest.raises(ValueError, match="2\\^k"):
        Layer(inputs=np.zeros((4, 2), np.int64), tables=np.zeros((4, 3), bool))
    with pytest.raises(ValueError, match="0 or 1"):
        Netlist(n_inputs=2, layers=[ok], n_classes=2).predict(np.array([[0, 2]]))


def test_support_and_node_stats_of_a_hand_made_netlist():
    tables = np.array([[0, 0, 0, 1], [0, 0, 1, 1], [1, 1, 1, 1], [0, 1, 1, 0]], bool)
    # AND depends on both inputs, "a" (row index MSB) only on input 0, a constant on none, XOR on both
    assert support(tables).tolist() == [[True, True], [True, False], [False, False], [True, True]]
    net = Netlist(
        n_inputs=4,
        layers=[
            Layer(inputs=np.array([[0, 1], [1, 2], [0, 2], [2, 3]]), tables=tables),
            # node 0 reads l0 nodes 0 and 1 (XOR); node 1 depends only on l0 node 2 (a wire of a constant)
            Layer(inputs=np.array([[0, 1], [2, 3]]), tables=np.array([[0, 1, 1, 0], [0, 0, 1, 1]], bool)),
        ],
        n_classes=2,
    )
    st = node_stats(net)
    assert (st["nodes"], st["constant"], st["wire"], st["logic"]) == (6, 1, 2, 3)
    # live logic: l1 node 0 (XOR) and l0 node 0 (AND, read by it); l0 node 1 is a wire; l0 node 3
    # (XOR) is read only through an input l1 node 1 does not depend on
    assert st["live_logic"] == 2 and st["mean_support"] == 2.0
