"""The NN baseline of Tsoi et al.: a 16→64→32→32→5 MLP (ReLU, softmax), float and QKeras-quantized,
and its hls4ml conversion (C simulation compared with Keras).

Models are tf-keras models (QKeras needs them): :func:`trigml.hls.quiet_tensorflow` selects legacy
Keras before TensorFlow is imported.
"""

from __future__ import annotations

import logging
import os
import random
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

from trigml.hls import quiet_tensorflow

from .features import CLASSES

log = logging.getLogger(__name__)


def _tf():  # type: ignore[no-untyped-def]
    quiet_tensorflow()
    import tensorflow as tf
    import tf_keras

    return tf, tf_keras


def set_seeds(seed: int) -> None:
    """Seed Python, NumPy and TensorFlow (and make TF ops deterministic)."""
    tf, _ = _tf()
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)
    os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")


def build_mlp(
    *, n_inputs: int = 16, hidden: tuple[int, ...] = (64, 32, 32), n_classes: int = 5,
    quantized: bool = False, bits: int = 8, integer_bits: int = 0,
):  # type: ignore[no-untyped-def]  # fmt: skip
    """The baseline MLP; with ``quantized`` the dense layers and ReLUs are QKeras layers with
    ``bits``-bit weights/biases (``integer_bits`` integer bits) and ``bits``-bit ReLU outputs.

    Shapes: input (batch, n_inputs) -> softmax probabilities (batch, n_classes).
    """
    _, keras = _tf()
    if not hidden or min(hidden) < 1:
        raise ValueError(f"hidden widths must be positive, got {hidden}")
    inputs = keras.Input(shape=(n_inputs,), name="features")
    x = inputs
    if quantized:
        from qkeras import QActivation, QDense, quantized_bits, quantized_relu

        q = quantized_bits(bits, integer_bits, alpha=1)
        for i, width in enumerate(hidden):
            x = QDense(width, kernel_quantizer=q, bias_quantizer=q, name=f"fc{i + 1}")(x)
            x = QActivation(quantized_relu(bits), name=f"relu{i + 1}")(x)
        x = QDense(n_classes, kernel_quantizer=q, bias_quantizer=q, name="output")(x)
    else:
        for i, width in enumerate(hidden):
            x = keras.layers.Dense(width, name=f"fc{i + 1}")(x)
            x = keras.layers.Activation("relu", name=f"relu{i + 1}")(x)
        x = keras.layers.Dense(n_classes, name="output")(x)
    outputs = keras.layers.Activation("softmax", name="softmax")(x)
    return keras.Model(inputs, outputs, name="jet_mlp_q" if quantized else "jet_mlp")


def train_mlp(
    model, X_train: np.ndarray, y_train: np.ndarray, X_val: np.ndarray, y_val: np.ndarray,
    *, epochs: int = 30, batch_size: int = 256, learning_rate: float = 1e-3, seed: int = 0,
) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]  # fmt: skip
    """Adam + categorical cross-entropy on one-hot labels; returns the Keras history."""
    _, keras = _tf()
    set_seeds(seed)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="categorical_crossentropy", metrics=["accuracy"]
    )
    n = len(CLASSES)
    hist = model.fit(
        X_train, np.eye(n)[y_train], validation_data=(X_val, np.eye(n)[y_val]),
        epochs=epochs, batch_size=batch_size, shuffle=True, verbose=0,
    )  # fmt: skip
    return {k: [float(v) for v in vals] for k, vals in hist.history.items()}


def classification_metrics(scores: np.ndarray, y: np.ndarray, *, roc_points: int = 200) -> dict[str, Any]:
    """Accuracy (argmax), per-class one-vs-rest AUC and ROC curves (thinned to ``roc_points``)."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 2 or scores.shape[0] != len(y):
        raise ValueError(f"scores must be (N, n_classes) with N = {len(y)}, got {scores.shape}")
    acc = float(np.mean(np.argmax(scores, axis=1) == y))
    auc, roc = {}, {}
    for i, c in enumerate(CLASSES[: scores.shape[1]]):
        truth = (y == i).astype(int)
        if truth.min() == truth.max():
            auc[c] = None
            continue
        auc[c] = float(roc_auc_score(truth, scores[:, i]))
        fpr, tpr, _ = roc_curve(truth, scores[:, i])
        keep = np.unique(np.linspace(0, len(fpr) - 1, min(roc_points, len(fpr))).astype(int))
        roc[c] = {"fpr": fpr[keep].tolist(), "tpr": tpr[keep].tolist()}
    return {"accuracy": acc, "auc": auc, "roc": roc, "n_test": int(len(y))}


def save_model(model, path: str | os.PathLike[str]) -> None:  # type: ignore[no-untyped-def]
    """Save a (Q)Keras model as .h5 atomically."""
    from trigml.files import atomic_path

    with atomic_path(path) as tmp:
        h5 = tmp.with_suffix(".h5")
        model.save(h5)
        os.replace(h5, tmp)


def load_model(path: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
    """Load a float or QKeras model saved by :func:`save_model`."""
    quiet_tensorflow()
    from qkeras.utils import load_qmodel

    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: model not found")
    return load_qmodel(str(path), compile=False)


def convert_to_hls(model, output_dir: str | os.PathLike[str], *, precision: str = "ap_fixed<16,6>", reuse_factor: int = 1,
                   part: str = "xcvu9p-flga2577-2-e", clock_period: float = 5.0, backend: str = "Vitis"):  # type: ignore[no-untyped-def]  # fmt: skip
    """hls4ml model of the (Q)Keras MLP (io_parallel, latency strategy), compiled for C simulation."""
    from trigml.hls import use_tf_keras_for_hls4ml

    use_tf_keras_for_hls4ml()
    import hls4ml

    cfg = hls4ml.utils.config_from_keras_model(
        model, granularity="name", default_precision=precision, backend=backend
    )
    cfg["Model"]["ReuseFactor"] = reuse_factor
    cfg["Model"]["Strategy"] = "Latency"
    # the softmax's LUTs need room: keep its tables at the default precision
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, hls_config=cfg, output_dir=str(output_dir), part=part, clock_period=clock_period,
        backend=backend, io_type="io_parallel",
    )  # fmt: skip
    hls_model.compile()
    return hls_model


def compare_hls(keras_scores: np.ndarray, hls_scores: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """How closely the C simulation follows Keras: |Δ| of the scores, argmax agreement, both accuracies."""
    keras_scores = np.asarray(keras_scores, dtype=np.float64)
    hls_scores = np.asarray(hls_scores, dtype=np.float64).reshape(keras_scores.shape)
    diff = np.abs(keras_scores - hls_scores)
    return {
        "n": int(len(y)),
        "max_abs_diff": float(diff.max()),
        "mean_abs_diff": float(diff.mean()),
        "argmax_agreement": float(np.mean(np.argmax(keras_scores, 1) == np.argmax(hls_scores, 1))),
        "accuracy_keras": float(np.mean(np.argmax(keras_scores, 1) == y)),
        "accuracy_hls": float(np.mean(np.argmax(hls_scores, 1) == y)),
    }
