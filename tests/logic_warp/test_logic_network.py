"""The WARP / difflogic network harness: residual init, connections, discrete truth tables."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from trigml.logic_warp.network import LogicNetwork, relaxed
from trigml.logic_warp.walsh import row_index


def _net(method="warp", k=2, **kw):
    return LogicNetwork(n_inputs=12, widths=[24, 24, 12], n_classes=2, method=method, lut_rank=k, **kw)


@pytest.mark.parametrize(("method", "k"), [("warp", 2), ("warp", 4), ("warp", 6), ("difflogic", 2)])
def test_residual_init_is_identity_at_step_zero(method, k):
    """Before any training every node passes its first input through: the discrete output of each
    layer equals its input at the first connection; the relaxed output is that bit with p = 0.951."""
    torch.manual_seed(0)
    net = _net(method, k)
    x = torch.randint(0, 2, (64, 12)).float()
    h = x
    for layer, conn in zip(net.layers, net.connections()):
        layer.eval()
        out = layer(h)
        assert torch.equal(out, h[:, conn[:, 0]])
        layer.train()
        layer.parametrization.forward_sampling = "soft"
        soft = layer(h).detach()
        expect = torch.where(h[:, conn[:, 0]] > 0.5, 0.951, 0.049)
        assert torch.allclose(soft, expect, atol=2e-3)
        h = out
    tables = net.truth_tables()
    for t in tables:  # every node's table is "output = input 0": rows with the MSB set
        rows = np.arange(t.shape[1])
        assert np.array_equal(t, np.broadcast_to(rows >= t.shape[1] // 2, t.shape))


@pytest.mark.parametrize(("method", "k"), [("warp", 2), ("warp", 4), ("difflogic", 2)])
def test_truth_tables_reproduce_the_discrete_forward(method, k):
    net = _net(method, k, seed=3)
    torch.manual_seed(1)
    for layer in net.layers:
        torch.nn.init.normal_(layer.weight)
    net.eval()
    x = torch.randint(0, 2, (100, 12)).float()
    h = x.numpy().astype(bool)
    for conn, table in zip(net.connections(), net.truth_tables()):
        h = table[np.arange(table.shape[0]), row_index(h[:, conn])]
    assert np.array_equal(h, net.logic(x).numpy().astype(bool))


def test_connections_are_seeded_and_leave_global_rng_alone():
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    a = _net(seed=5)
    after = torch.rand(1)
    assert torch.equal(before, after)  # building the net did not consume the global generator
    b = _net(seed=5)
    c = _net(seed=6)
    assert all(np.array_equal(p, q) for p, q in zip(a.connections(), b.connections()))
    assert not all(np.array_equal(p, q) for p, q in zip(a.connections(), c.connections()))


def test_relaxed_context_restores_state():
    net = _net(sampling="gumbel_soft")
    net.eval()
    with relaxed(net) as m:
        assert m.training and all(layer.parametrization.forward_sampling == "soft" for layer in m.layers)
    assert not net.training
    assert all(layer.parametrization.forward_sampling == "gumbel_soft" for layer in net.layers)


def test_bad_configurations():
    with pytest.raises(ValueError, match="multiple of n_classes"):
        LogicNetwork(n_inputs=4, widths=[8, 5], n_classes=2)
    with pytest.raises(ValueError, match="cannot read all"):
        LogicNetwork(n_inputs=4, widths=[8, 2], n_classes=2)
    with pytest.raises(ValueError, match="lut_rank must be 2"):
        LogicNetwork(n_inputs=4, widths=[8], n_classes=2, method="difflogic", lut_rank=4)
    with pytest.raises(ValueError, match="method"):
        LogicNetwork(n_inputs=4, widths=[8], n_classes=2, method="lut")
    with pytest.raises(ValueError, match=r"expected input \(B, 4\)"):
        LogicNetwork(n_inputs=4, widths=[8], n_classes=2)(torch.zeros(3, 5))


def test_connections_are_saved_and_restored_with_the_state_dict():
    a, b = _net(seed=1), _net(seed=2)
    sd = a.state_dict()
    assert "layers.0.connections.indices" in sd
    b.load_state_dict(sd)
    assert all(np.array_equal(p, q) for p, q in zip(a.connections(), b.connections()))
    x = torch.randint(0, 2, (16, 12)).float()
    a.eval(), b.eval()
    assert torch.equal(a(x), b(x))
