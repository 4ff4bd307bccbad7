"""trigml.export: ONNX / QONNX exports agree with the framework they came from; load_model needs no workflow."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import trigml
from trigml import export


def test_torch_export_matches_and_loads_without_the_workflow(tmp_path):
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(6, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))
    x = torch.randn(17, 6)
    out = tmp_path / "mlp.onnx"
    ref = export.export_torch(net, (x,), ["x"], {"x": {0: "n"}}, out)
    model = trigml.load_model(out)
    x2 = np.random.default_rng(1).normal(size=(5, 6)).astype(np.float32)  # another batch size
    assert export.max_abs_diff(model(x), ref) < 1e-5
    assert export.max_abs_diff(model(x2), net(torch.as_tensor(x2)).detach().numpy()) < 1e-5


def test_max_abs_diff_refuses_shape_mismatch():
    with pytest.raises(ValueError, match="shape"):
        export.max_abs_diff(np.zeros((2, 3)), np.zeros((3, 2)))


def test_interaction_network_export(tmp_path):
    from trigml.tracking.model import InteractionNetwork

    torch.manual_seed(0)
    model = InteractionNetwork(node_dim=3, edge_dim=4, hidden_size=8).eval()
    x, ea = torch.randn(30, 3), torch.randn(50, 4)
    ei = torch.randint(0, 30, (2, 50))
    out = tmp_path / "in.onnx"
    ref = export.export_torch(model, (x, ei, ea), ["x", "edge_index", "edge_attr"],
                              {"x": {0: "nodes"}, "edge_index": {1: "edges"}, "edge_attr": {0: "edges"}}, out)  # fmt: skip
    onnx_model = export.OnnxModel(out)
    assert export.max_abs_diff(onnx_model(x.numpy(), ei.numpy(), ea.numpy()), ref) < 1e-5
    x2, ea2, ei2 = torch.randn(11, 3), torch.randn(20, 4), torch.randint(0, 11, (2, 20))  # another graph size
    with torch.no_grad():
        assert (
            export.max_abs_diff(onnx_model(x2.numpy(), ei2.numpy(), ea2.numpy()), model(x2, ei2, ea2).numpy())
            < 1e-5
        )


@pytest.mark.parametrize("thresholds", [False, True])
def test_logic_netlist_export_is_bit_exact(tmp_path, thresholds):
    from trigml.logic_warp.netlist import FixedPoint, Layer, Netlist

    rng = np.random.default_rng(3)
    n_features, n_bits = 3, 4
    fixed = FixedPoint(8, 4)
    thr = np.sort(rng.uniform(-2, 2, size=(n_features, n_bits)), axis=1) if thresholds else None
    n_in = n_features * n_bits if thresholds else 6
    widths, k = [10, 8], 2
    layers, prev = [], n_in
    for w in widths:
        layers.append(Layer(inputs=rng.integers(0, prev, size=(w, k)), tables=rng.random((w, 1 << k)) < 0.5))
        prev = w
    net = Netlist(
        n_inputs=n_features if thresholds else n_in, layers=layers, n_classes=2, thresholds=thr, fixed=fixed
    )
    d = {"n_inputs": net.n_inputs, "n_classes": 2, "inputs": [la.inputs for la in layers],
         "tables": [la.tables for la in layers], "thresholds": thr, "fixed": (fixed.width, fixed.frac_bits)}  # fmt: skip
    x = rng.integers(-128, 128, size=(64, n_features)) if thresholds else rng.integers(0, 2, size=(64, n_in))
    out = tmp_path / "logic.onnx"
    export.export_netlist(d, out)
    got = export.OnnxModel(out)(x.astype(np.int64))
    assert np.array_equal(got, net.class_counts(x))


@pytest.mark.slow
def test_keras_and_qkeras_exports(tmp_path):
    import tf_keras as keras
    from qkeras import QActivation, QDense, quantized_bits, quantized_relu

    keras.utils.set_random_seed(0)
    q = quantized_bits(6, 0, alpha=1)
    inp = keras.Input((16,))
    h = QActivation(quantized_relu(6))(QDense(8, kernel_quantizer=q, bias_quantizer=q)(inp))
    qmodel = keras.Model(
        inp, keras.layers.Activation("softmax")(QDense(5, kernel_quantizer=q, bias_quantizer=q)(h))
    )
    x = np.random.default_rng(0).normal(size=(40, 16)).astype(np.float32)
    ref = qmodel.predict(x, verbose=0)
    export.export_keras(qmodel, tmp_path / "q.onnx")
    assert export.max_abs_diff(export.OnnxModel(tmp_path / "q.onnx")(x), ref) < 1e-5
    export.export_qonnx(qmodel, tmp_path / "q.qonnx.onnx")
    assert export.max_abs_diff(export.run_qonnx(tmp_path / "q.qonnx.onnx", x[:8]), ref[:8]) < 1e-5
    conv = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(2, 3)])
    with pytest.raises(ValueError, match="no QONNX mapping"):
        export.export_qonnx(conv, tmp_path / "c.qonnx.onnx")


def test_load_model_names_unknown_files(tmp_path):
    f = tmp_path / "m.txt"
    f.write_text("x")
    with pytest.raises(ValueError, match="unknown model format"):
        export.load_model(f)
    with pytest.raises(FileNotFoundError):
        export.load_model(tmp_path / "absent.onnx")
