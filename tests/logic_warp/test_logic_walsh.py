"""Walsh <-> truth-table conversion, and difflogic's 16 gates in the Walsh form."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
from torchlogix.functional import ID_TO_WALSH_COEFFICIENTS
from torchlogix.layers import LogicDense
from trigml.logic_warp.walsh import (
    difflogic_truth_table,
    difflogic_walsh,
    hadamard,
    row_index,
    truth_table_to_walsh,
    walsh_to_truth_table,
    walsh_value,
)


@pytest.mark.parametrize("k", [2, 4, 6])
def test_round_trip_random_tables(k):
    rng = np.random.default_rng(k)
    tables = rng.integers(0, 2, size=(200, 1 << k)).astype(bool)
    c = truth_table_to_walsh(tables)
    assert np.array_equal(walsh_to_truth_table(c), tables)
    # z is exactly +-1 on every row: the coefficients are the normalised Walsh spectrum
    assert np.allclose(np.abs(walsh_value(c)), 1.0)


@pytest.mark.parametrize("k", [2, 4, 6])
def test_round_trip_random_coefficients(k):
    """table -> coefficients -> table holds for any real coefficients (sign of the transform)."""
    rng = np.random.default_rng(10 + k)
    c = rng.normal(size=(300, 1 << k))
    t = walsh_to_truth_table(c)
    assert np.array_equal(walsh_to_truth_table(truth_table_to_walsh(t)), t)
    # and agrees with torchlogix's own LUT extraction of a WARP layer with these weights
    layer = LogicDense(in_dim=k, out_dim=300, lut_rank=k, parametrization="warp")
    with torch.no_grad():
        layer.weight.copy_(torch.as_tensor(c, dtype=torch.float32))
    assert np.array_equal(layer.get_luts().numpy(), walsh_to_truth_table(c.astype(np.float32)))


def test_all_two_input_functions_exhaustive():
    for bits in itertools.product([0, 1], repeat=4):
        t = np.array(bits, dtype=bool)
        assert np.array_equal(walsh_to_truth_table(truth_table_to_walsh(t)), t)


def test_hadamard_orthogonal_and_rows():
    for k in (1, 2, 4, 6):
        h = hadamard(k)
        assert np.array_equal(h @ h, (1 << k) * np.eye(1 << k, dtype=np.int64))
    assert np.array_equal(row_index(np.array([[1, 0], [0, 1], [1, 1]])), [2, 1, 3])


def test_difflogic_gates_exact_in_walsh_form():
    """Every one of difflogic's 16 gates has Walsh coefficients in {0, +-1/2, +-1} and maps back to
    its own truth table; the coefficients equal torchlogix's published table."""
    names = {1: (0, 0, 0, 1), 6: (0, 1, 1, 0), 7: (0, 1, 1, 1), 14: (1, 1, 1, 0), 3: (0, 0, 1, 1)}
    for g in range(16):
        c = difflogic_walsh(g)
        assert set(np.round(np.abs(c), 12)) <= {0.0, 0.5, 1.0}
        assert np.array_equal(walsh_to_truth_table(c), difflogic_truth_table(g))
        assert np.allclose(c, ID_TO_WALSH_COEFFICIENTS[g])
        if g in names:  # AND, XOR, OR, NAND, A
            assert tuple(difflogic_truth_table(g).astype(int)) == names[g]


def test_difflogic_gate_as_warp_node_computes_the_gate():
    """A torchlogix WARP node holding gate g's coefficients outputs g on all four inputs."""
    x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float32)
    for g in range(16):
        layer = LogicDense(in_dim=2, out_dim=1, lut_rank=2, parametrization="warp")
        layer.connections.indices = torch.tensor([[0], [1]])
        with torch.no_grad():
            layer.weight.copy_(torch.as_tensor(difflogic_walsh(g), dtype=torch.float32)[None])
        layer.eval()
        assert np.array_equal(layer(x)[:, 0].numpy().astype(bool), difflogic_truth_table(g)), g


def test_bad_shapes():
    with pytest.raises(ValueError, match="power of two"):
        walsh_to_truth_table(np.zeros(3))
    with pytest.raises(ValueError, match="0 or 1"):
        truth_table_to_walsh(np.array([0, 2, 1, 0]))
    with pytest.raises(ValueError, match="0..15"):
        difflogic_truth_table(16)
