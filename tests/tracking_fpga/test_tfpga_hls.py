"""The interaction network through hls4ml's extension API: conversion, g++ C simulation, registration."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from trigml.hardware.hls4ml import converters
from trigml.hardware.hls4ml import interaction_network as hls
from trigml.tracking_fpga.csim import csim_scores
from trigml.tracking_fpga.sectors import Padded
from trigml.tracking_fpga.twin import INTwin


def settings(precision: str, reuse_factor: int = 1, backend: str = "Vitis") -> converters.HLSSettings:
    return converters.HLSSettings(backend=backend, part="xcvu9p-flga2104-2L-e", clock_period=5, precision=precision,
                                  reuse_factor=reuse_factor)  # fmt: skip


def predict(hm, x, ea, ei):
    one = Padded(x=x[None], edge_attr=ea[None], edge_index=ei[None], y=np.zeros((1, ei.shape[1])),
                 mask=np.ones((1, ei.shape[1]), bool), edge_id=np.zeros((1, ei.shape[1]), np.int64),
                 event=np.zeros(1, np.int64), sector=np.zeros(1, np.int64))  # fmt: skip
    return csim_scores(hm, one)[0][0]


def numpy_in(
    model: torch.nn.Module, x: np.ndarray, edge_index: np.ndarray, edge_attr: np.ndarray
) -> np.ndarray:
    """The interaction network written out in NumPy (float64) from the model's weights."""

    def mlp(seq, v):
        lin = [m for m in seq if isinstance(m, torch.nn.Linear)]
        for k, layer in enumerate(lin):
            v = v @ layer.weight.detach().double().numpy().T + layer.bias.detach().double().numpy()
            if k < len(lin) - 1:
                v = np.maximum(v, 0.0)
        return v

    src, tgt = edge_index
    e1 = mlp(model.R1.layers, np.concatenate([x[tgt], x[src], edge_attr], axis=1))
    aggr = np.zeros((len(x), e1.shape[1]))
    np.add.at(aggr, tgt, e1)
    x1 = mlp(model.O.layers, np.concatenate([x, aggr], axis=1))
    logits = mlp(model.R2.layers, np.concatenate([x1[tgt], x1[src], e1], axis=1))[:, 0]
    return 1.0 / (1.0 + np.exp(-logits))


# 4 nodes, 4 real edges (0->1, 1->2, 2->3, 0->2) and 2 padding edges (index = n_nodes = 4)
X = np.array([[0.1, 0.2, -0.3], [0.3, 0.25, -0.1], [0.5, 0.3, 0.2], [0.7, 0.32, 0.4]], np.float64)
EI_REAL = np.array([[0, 1, 2, 0], [1, 2, 3, 2]], np.int64)
EA_REAL = np.array(
    [[0.2, 0.05, 0.2, 0.3], [0.2, 0.05, 0.3, 0.1], [0.2, 0.02, 0.2, 0.2], [0.4, 0.1, 0.5, 0.4]]
)
N_EDGES = 6


def padded_inputs():
    ei = np.full((2, N_EDGES), 4, np.int64)
    ei[:, :4] = EI_REAL
    ea = np.zeros((N_EDGES, 4))
    ea[:4] = EA_REAL
    return X, ea, ei


def test_twin_matches_numpy_and_pyg(in_model):
    x, ea, ei = padded_inputs()
    twin = INTwin.from_model(in_model, n_nodes=4, n_edges=N_EDGES)
    with torch.no_grad():
        s_twin = twin(torch.tensor(x).float(), torch.tensor(ea).float(), torch.tensor(ei).float()).numpy()[
            :, 0
        ]
        s_pyg = in_model(
            torch.tensor(x).float(), torch.tensor(EI_REAL), torch.tensor(EA_REAL).float()
        ).numpy()
    ref = numpy_in(in_model, X, EI_REAL, EA_REAL)
    np.testing.assert_allclose(s_pyg, ref, atol=1e-6)
    np.testing.assert_allclose(s_twin[:4], ref, atol=1e-6)
    np.testing.assert_allclose(s_twin[4:], 0.5)  # padding edges: sigmoid(0), ignored downstream


def test_compile_matches_numpy_in(in_model, tmp_path):
    """convert -> compile (g++) -> predict on a 4-node graph, both design styles, against NumPy."""
    x, ea, ei = padded_inputs()
    ref = numpy_in(in_model, X, EI_REAL, EA_REAL)
    twin = INTwin.from_model(in_model, n_nodes=4, n_edges=N_EDGES)
    out = {}
    for style in hls.DESIGN_STYLES:
        hm = converters.convert_interaction_network(
            twin, tmp_path / style, settings("ap_fixed<32,12>", reuse_factor=2), style=style, sigmoid_table_size=4096
        )
        classes = [layer.class_name for layer in hm.get_layers()]
        assert classes == [
            "Input", "Input", "Input", "TrigmlINEdgeBlock", "TrigmlINAggregate", "TrigmlINNodeBlock",
            "TrigmlINEdgeBlock", "Activation",
        ]  # fmt: skip
        hm.compile()
        out[style] = predict(hm, x, ea, ei)
        cpp = (tmp_path / style / "firmware" / "trigml_in.cpp").read_text()
        assert f"#pragma HLS {style.upper()}" in cpp
        assert "nnet::trigml_in_aggregate" in cpp
    # the sigmoid's lookup table (4096 entries over [-8, 8), 10 fractional output bits) bounds the error
    np.testing.assert_allclose(out["pipeline"][:4], ref, atol=3e-3)
    assert np.abs(out["pipeline"][:4] - ref).max() > 0  # fixed point really is in the loop
    np.testing.assert_array_equal(out["pipeline"], out["dataflow"])  # both styles: identical bits


def test_vivado_backend_writes_the_project(in_model, tmp_path):
    """The same layers convert for the Vivado backend (templates registered for both)."""
    twin = INTwin.from_model(in_model, n_nodes=4, n_edges=N_EDGES)
    hm = converters.convert_interaction_network(
        twin, tmp_path / "vivado", settings("ap_fixed<14,7>", reuse_factor=4, backend="Vivado"), style="pipeline",
        sigmoid_table_size=1024, layer_precision={"r1": {"hidden": "ap_fixed<10,4>"}},
    )  # fmt: skip
    hm.write()  # no g++ here: the Vitis test above compiles
    fw = tmp_path / "vivado" / "firmware"
    cpp = (fw / "trigml_in.cpp").read_text()
    assert cpp.count("nnet::trigml_in_edge_block") == 2 and "nnet::sigmoid" in cpp
    assert (fw / "nnet_utils" / hls.HEADER).read_text() == hls.header_path().read_text()
    params = (fw / "parameters.h").read_text()
    assert "static const unsigned reuse_factor = 4;" in params
    defines = (fw / "defines.h").read_text()
    assert "ap_uint<3>" in defines  # the edge index type
    assert "typedef ap_fixed<10,4> r1_hidden_t;" in defines  # per-layer precision
    assert "typedef r1_hidden_t hidden_t;" in params


def test_register_is_idempotent_and_ships_header():
    hls.register()
    hls.register()
    import hls4ml

    assert all(hls4ml.model.layers.layer_map[n] is c for n, c in hls.LAYERS.items())  # module-level classes
    assert hls.TrigmlINEdgeBlock.__module__ == "trigml.hardware.hls4ml.interaction_network"

    assert hls.header_path().is_file()
    for b in hls.BACKENDS:
        sources = hls4ml.backends.get_backend(b).get_custom_source()
        assert any(p.name == hls.HEADER for p in map(__import__("pathlib").Path, sources.values()))
    assert "EdgeBlock" in hls4ml.converters.get_supported_pytorch_layers()


def test_config_errors(in_model):
    twin = INTwin.from_model(in_model, n_nodes=4, n_edges=6)
    kw = {"precision": "ap_fixed<14,7>", "reuse_factor": 1, "style": "pipeline", "sigmoid_table_size": 1024}
    with pytest.raises(ValueError, match="design style"):
        hls.hls_config(twin, **{**kw, "style": "systolic"})
    with pytest.raises(ValueError, match="reuse_factor"):
        hls.hls_config(twin, **{**kw, "reuse_factor": 0})
    cfg = hls.hls_config(twin, **kw)
    assert cfg["LayerName"]["edge_index"]["Precision"]["result"] == "ap_uint<3>"  # indices 0..4
    with pytest.raises(ValueError, match="n_nodes >= 1"):
        INTwin.from_model(in_model, n_nodes=0, n_edges=6)
    with pytest.raises(TypeError, match="not an InteractionNetwork"):
        INTwin.from_model(torch.nn.Linear(2, 2), n_nodes=4, n_edges=6)
