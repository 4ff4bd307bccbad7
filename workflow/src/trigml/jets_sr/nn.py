"""The NN baseline of Tsoi et al.: a 16→64→32→32→5 MLP (ReLU, softmax), float and QKeras-quantized,
and its hls4ml conversion (C simulation compared with Keras).

Models are tf-keras models (QKeras needs them): :func:`trigml.hardware.hls4ml.quiet_tensorflow` selects legacy
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

from trigml.hardware.hls4ml import quiet_tensorflow

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

    def progress(epoch: int, logs: dict[str, float]) -> None:
        log.info("epoch %d/%d: loss %.4f, accuracy %.4f, validation accuracy %.4f", epoch + 1, epochs,
                 logs["loss"], logs["accuracy"], logs["val_accuracy"])  # fmt: skip

    hist = model.fit(
        X_train, np.eye(n)[y_train], validation_data=(X_val, np.eye(n)[y_val]), epochs=epochs,
        batch_size=batch_size, shuffle=True, verbose=0, callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=progress)],
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
    """hls4ml model of the (Q)Keras MLP (io_parallel, latency strategy), compiled for C simulation,
    through the shared hls4ml back-end (:mod:`trigml.hardware.hls4ml`)."""
    from trigml.hardware.hls4ml import converters, csim

    settings = converters.HLSSettings(
        backend=backend, part=part, clock_period=clock_period, precision=precision, reuse_factor=reuse_factor
    )
    hls_model = converters.convert_keras(model, output_dir, settings)
    csim.compile_model(hls_model)
    return hls_model


def compare_hls(keras_scores: np.ndarray, hls_scores: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """How closely the C simulation follows Keras: |Δ| of the scores, argmax agreement, both accuracies
    (the shared :func:`trigml.hardware.hls4ml.compare.compare`)."""
    from trigml.hardware.hls4ml.compare import compare

    c = compare(keras_scores, hls_scores, labels=y, metric="accuracy")
    return {
        "n": c["n_checked"], "max_abs_diff": c["max_abs_diff"], "mean_abs_diff": c["mean_abs_diff"],
        "argmax_agreement": c["argmax_agreement"], "accuracy_keras": c["float"], "accuracy_hls": c["fixed"],
    }  # fmt: skip
