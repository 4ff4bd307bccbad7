"""NN baseline: architecture, metrics; the hls4ml conversion runs in the workflow test."""

import numpy as np
import pytest
from trigml.jets_sr import nn


def test_mlp_shapes_and_quantized_layers():
    m = nn.build_mlp(n_inputs=16, hidden=(64, 32, 32), n_classes=5)
    assert m.input_shape == (None, 16) and m.output_shape == (None, 5)
    assert m.count_params() == 16 * 64 + 64 + 64 * 32 + 32 + 32 * 32 + 32 + 32 * 5 + 5
    q = nn.build_mlp(hidden=(8,), quantized=True, bits=6)
    kinds = [type(layer).__name__ for layer in q.layers]
    assert "QDense" in kinds and "QActivation" in kinds
    out = q.predict(np.zeros((3, 16), dtype=np.float32), verbose=0)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)
    with pytest.raises(ValueError, match="hidden"):
        nn.build_mlp(hidden=())


def test_classification_metrics_by_hand():
    y = np.array([0, 1, 2, 3, 4, 0])
    scores = np.eye(5)[[0, 1, 2, 3, 4, 1]]
    m = nn.classification_metrics(scores, y)
    assert m["accuracy"] == pytest.approx(5 / 6)
    assert m["auc"]["t"] == 1.0
    assert m["auc"]["g"] == pytest.approx(0.75)  # positives (1, 0) vs negatives (0, 1, 0, 0, 0): 6/8 pairs
    with pytest.raises(ValueError, match="scores"):
        nn.classification_metrics(scores[:3], y)


def test_compare_hls():
    k = np.array([[0.9, 0.1], [0.2, 0.8]])
    h = np.array([[0.8, 0.2], [0.6, 0.4]])
    c = nn.compare_hls(k, h, np.array([0, 1]))
    assert c["max_abs_diff"] == pytest.approx(0.4)
    assert c["argmax_agreement"] == 0.5 and c["accuracy_keras"] == 1.0 and c["accuracy_hls"] == 0.5
