"""OpenCL matrix-form kernels (PoCL CPU device) against PyTorch; skipped with the reason where no device opens."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from trigml.tracking.model import InteractionNetwork
from trigml.tracking_fpga import opencl
from trigml.tracking_fpga.sectors import Graph, pad_sectors

OK, REASON = opencl.opencl_available()
pytestmark = pytest.mark.skipif(not OK, reason=f"no OpenCL device: {REASON}")


def small_padded(n_nodes=10, n_edges=14, seed=0):
    rng = np.random.default_rng(seed)
    graphs = []
    for s in range(3):
        n = int(rng.integers(5, 12))
        m = int(rng.integers(6, 16))
        g = Graph(
            x=rng.normal(size=(n, 3)).astype(np.float32),
            edge_index=rng.integers(0, n, size=(2, m)),
            edge_attr=rng.normal(size=(m, 4)).astype(np.float32),
            y=rng.integers(0, 2, m).astype(np.float32),
            edge_id=np.arange(m),
        )
        graphs.append((0, s, g))
    return pad_sectors(graphs, n_nodes, n_edges)[0]


def test_every_variant_matches_pytorch():
    torch.manual_seed(1)
    model = InteractionNetwork(hidden_size=8).eval()
    padded = small_padded()
    res = opencl.benchmark(model, padded, max_graphs=3, repeats=1)
    assert set(res["variants"]) == set(opencl.VARIANTS)
    for v, r in res["variants"].items():
        assert r["max_abs_diff"] < 1e-5, v
        assert r["seconds_per_graph"] > 0
    assert res["variants"]["single_work_item"]["speedup_vs_single_work_item"] == 1.0


def test_incidence_matrices_ignore_padding():
    ei = np.array([[0, 1, 3], [1, 2, 3]])
    rs, rr = opencl.incidence(ei, np.array([True, True, False]), 4)
    assert rs.sum() == 2 and rr.sum() == 2
    assert rs[0, 0] == 1 and rr[1, 0] == 1 and rs[1, 1] == 1 and rr[2, 1] == 1


def test_unknown_variant():
    model = InteractionNetwork(hidden_size=8).eval()
    with pytest.raises(ValueError, match="unknown OpenCL variant"):
        opencl.run_designs(model, [], variants=["systolic"])
