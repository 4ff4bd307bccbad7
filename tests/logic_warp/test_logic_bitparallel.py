"""The bit-parallel (64 samples per word) CPU path equals the discrete forward pass."""

from __future__ import annotations

import numpy as np
import pytest
from trigml.logic_warp.bitparallel import pack_bits, predict_packed, unpack_bits
from trigml.logic_warp.netlist import FixedPoint, Layer, Netlist


def _random_net(k: int, thresholds: bool, seed: int = 0) -> Netlist:
    rng = np.random.default_rng(seed)
    n_in = 6 * 3 if thresholds else 20
    layers, prev = [], n_in
    for w in (48, 24, 12):
        layers.append(
            Layer(inputs=rng.integers(0, prev, (w, k)), tables=rng.integers(0, 2, (w, 1 << k)).astype(bool))
        )
        prev = w
    thr = np.sort(rng.normal(size=(6, 3)), axis=1) if thresholds else None
    return Netlist(
        n_inputs=6 if thresholds else 20, layers=layers, n_classes=4, thresholds=thr, fixed=FixedPoint(12, 6)
    )


def test_pack_unpack_round_trip():
    b = np.random.default_rng(0).integers(0, 2, (131, 7)).astype(bool)
    words = pack_bits(b)
    assert words.shape == (7, 3) and words.dtype == np.uint64
    assert np.array_equal(unpack_bits(words, 131), b)
    assert int(words[2, 0]) == int(sum(int(b[s, 2]) << s for s in range(64)))


@pytest.mark.parametrize("k", [2, 4, 6])
@pytest.mark.parametrize("n", [1, 64, 200])
def test_packed_path_equals_discrete_forward(k, n):
    rng = np.random.default_rng(k + n)
    for thresholds in (False, True):
        net = _random_net(k, thresholds, seed=k)
        x = rng.integers(-2000, 2000, (n, 6)) if thresholds else rng.integers(0, 2, (n, 20))
        counts, pred = predict_packed(net, x, chunk=128)
        assert np.array_equal(counts, net.class_counts(x))
        assert np.array_equal(pred, net.predict(x))
