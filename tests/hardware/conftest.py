"""Tiny designs of every kind for the open RTL flow's tests."""

import numpy as np
import pytest


@pytest.fixture
def rtl_settings():
    from trigml.hardware.settings import RtlSettings

    return RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=3.0,
                       n_checked=1000, max_cost=20000, synth_timeout_s=300)  # fmt: skip


@pytest.fixture
def tiny_dense():
    from hw_tiny import make_tiny_dense

    return make_tiny_dense()


@pytest.fixture
def tiny_sr():
    """Two expressions in 3 inputs with LUT sin and cos (hls4ml's 256-entry tables over [-8, 8])."""
    from trigml.hardware.designs.symbolic import symbolic_design

    rng = np.random.default_rng(4)
    X = rng.normal(0, 2.0, (200, 3))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    return symbolic_design(name="tiny_sr", study="test", expressions=["x0*x1 + sin(x2) - 0.5", "cos(x1) + 0.25*x2"],
                           n_inputs=3, precision="ap_fixed<12,5>", table_size=256, lut_range=(-8, 8), X=X,
                           labels=y)  # fmt: skip


@pytest.fixture
def tiny_logic(tmp_path):
    """A logic network exported like logic_warp does: 2 fixed-point features, 2 thresholds each,
    one layer of six 2-input nodes, 2 classes (3 nodes each)."""
    from trigml.logic_warp.netlist import FixedPoint, Layer, Netlist

    rng = np.random.default_rng(5)
    layer = Layer(inputs=rng.integers(0, 4, (6, 2)), tables=rng.random((6, 4)) < 0.5)
    net = Netlist(n_inputs=2, layers=[layer], n_classes=2, thresholds=np.array([[-0.5, 0.5], [-1.0, 0.25]]),
                  fixed=FixedPoint(8, 4))  # fmt: skip
    x = net.fixed.quantize(rng.normal(0, 1.0, (150, 2)))
    counts = net.class_counts(x)
    net.save(tmp_path / "warp_s.npz")
    np.savez_compressed(tmp_path / "warp_s_expected.npz", x=x, y=rng.integers(0, 2, 150), torch_counts=counts)
    return tmp_path
