"""Precision strings and the guards of the C-simulation comparison (no compile needed)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from trigml.tracking.model import InteractionNetwork
from trigml.tracking_fpga.precision import parse_precision, precision_string
from trigml.tracking_fpga.reference import torch_scores
from trigml.tracking_fpga.sectors import Graph, pad_sectors


def test_precision_strings_round_trip():
    assert precision_string(14, 7) == "ap_fixed<14,7>"
    assert parse_precision("ap_fixed<14,7>") == (14, 7)
    assert parse_precision(" ap_fixed<24, 3, AP_RND, AP_SAT> ") == (24, 3)
    with pytest.raises(ValueError, match="integer bits"):
        precision_string(8, 9)
    with pytest.raises(ValueError, match="not an ap_fixed"):
        parse_precision("float")


def test_torch_scores_batch_equals_per_graph():
    torch.manual_seed(0)
    model = InteractionNetwork(hidden_size=8).eval()
    rng = np.random.default_rng(0)
    graphs = []
    for s in range(3):
        n, m = 6 + s, 9 + s
        graphs.append((0, s, Graph(x=rng.normal(size=(n, 3)).astype(np.float32), edge_index=rng.integers(0, n, (2, m)),
                                   edge_attr=rng.normal(size=(m, 4)).astype(np.float32),
                                   y=np.zeros(m, np.float32), edge_id=np.arange(m))))  # fmt: skip
    padded, _ = pad_sectors(graphs, 8, 12)
    batch = torch_scores(model, padded)
    for b in range(3):
        m = padded.mask[b]
        with torch.no_grad():
            one = model(torch.as_tensor(padded.x[b]), torch.as_tensor(padded.edge_index[b][:, m]),
                        torch.as_tensor(padded.edge_attr[b][m])).numpy()  # fmt: skip
        np.testing.assert_allclose(batch[b][m], one, atol=1e-6)
        assert np.isnan(batch[b][~m]).all()


def test_compare_refuses_graphs_without_edges():
    from trigml.tracking_fpga.csim import compare_design

    g = Graph(x=np.zeros((3, 3), np.float32), edge_index=np.zeros((2, 0), np.int64),
              edge_attr=np.zeros((0, 4), np.float32), y=np.zeros(0, np.float32), edge_id=np.zeros(0, np.int64))  # fmt: skip
    padded, _ = pad_sectors([(0, 0, g)], 4, 4)
    with pytest.raises(ValueError, match="no real edges"):
        compare_design(InteractionNetwork(hidden_size=8), padded, hls_model=None, n_boot=2, seed=0)
