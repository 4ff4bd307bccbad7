"""The L1 models (tf-keras / QKeras): teacher autoencoder, QKeras student, student-size autoencoder.

TensorFlow is imported lazily after :func:`trigml.hardware.hls4ml.quiet_tensorflow` so that QKeras gets tf-keras.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trigml.hardware.hls4ml import quiet_tensorflow

from .features import N_INPUTS


def _keras() -> Any:
    quiet_tensorflow()
    import tf_keras

    return tf_keras


def teacher_autoencoder(
    *, n_inputs: int = N_INPUTS, hidden: Sequence[int] = (128, 64), latent: int = 16, seed: int = 0
) -> Any:
    """Dense autoencoder: n_inputs -> hidden... -> latent -> reversed(hidden)... -> n_inputs.

    LeakyReLU(0.3) between layers, linear output; the anomaly score is the per-event MSE.

    Shapes:
        input (B, n_inputs) -> output (B, n_inputs)
    """
    k = _keras()
    init = k.initializers.GlorotUniform(seed=seed)
    x_in = k.Input(shape=(n_inputs,), name="inputs")
    h = x_in
    for i, w in enumerate([*hidden, latent, *reversed(hidden)]):
        h = k.layers.Dense(w, kernel_initializer=init, name=f"dense_{i}")(h)
        h = k.layers.LeakyReLU(0.3, name=f"lrelu_{i}")(h)
    out = k.layers.Dense(n_inputs, kernel_initializer=init, name="reconstruction")(h)
    return k.Model(x_in, out, name="teacher_ae")


def _quantizers(bits: int, integer: int) -> tuple[Any, Any, Any]:
    quiet_tensorflow()
    from qkeras import quantized_bits, quantized_relu

    weight = quantized_bits(bits, 0, alpha=1)
    bias = quantized_bits(bits, 0, alpha=1)
    act = quantized_relu(bits, integer)
    return weight, bias, act


def student_regressor(
    *,
    n_inputs: int = N_INPUTS,
    hidden: Sequence[int] = (16, 8),
    bits: int = 8,
    integer: int = 2,
    seed: int = 0,
) -> Any:
    """QKeras MLP regressing the teacher's score target log(MSE + 1).

    QDense + quantized ReLU per hidden layer (``bits`` total, ``integer`` integer bits for the
    activations; weights in [-1, 1) with ``bits`` bits), a quantised linear output.

    Shapes:
        input (B, n_inputs) -> output (B, 1)
    """
    k = _keras()
    from qkeras import QActivation, QDense

    init = k.initializers.GlorotUniform(seed=seed)
    wq, bq, aq = _quantizers(bits, integer)
    x_in = k.Input(shape=(n_inputs,), name="inputs")
    h = x_in
    for i, w in enumerate(hidden):
        h = QDense(w, kernel_quantizer=wq, bias_quantizer=bq, kernel_initializer=init, name=f"qdense_{i}")(h)
        h = QActivation(aq, name=f"qrelu_{i}")(h)
    out = QDense(1, kernel_quantizer=wq, bias_quantizer=bq, kernel_initializer=init, name="score")(h)
    return k.Model(x_in, out, name="student")


def small_autoencoder(
    *, n_inputs: int = N_INPUTS, latent: int = 8, bits: int = 8, integer: int = 2, seed: int = 0
) -> Any:
    """Student-size QKeras autoencoder n_inputs -> latent -> n_inputs, trained without distillation.

    Shapes:
        input (B, n_inputs) -> output (B, n_inputs)
    """
    k = _keras()
    from qkeras import QActivation, QDense

    init = k.initializers.GlorotUniform(seed=seed)
    wq, bq, aq = _quantizers(bits, integer)
    x_in = k.Input(shape=(n_inputs,), name="inputs")
    h = QDense(latent, kernel_quantizer=wq, bias_quantizer=bq, kernel_initializer=init, name="qdense_enc")(
        x_in
    )
    h = QActivation(aq, name="qrelu_enc")(h)
    out = QDense(
        n_inputs, kernel_quantizer=wq, bias_quantizer=bq, kernel_initializer=init, name="reconstruction"
    )(h)
    return k.Model(x_in, out, name="small_ae")


def autoencoder_latent_for_budget(n_params: int, n_inputs: int = N_INPUTS) -> int:
    """Largest latent width whose n_inputs -> latent -> n_inputs autoencoder has <= ``n_params`` parameters."""
    # params = n_inputs*h + h + h*n_inputs + n_inputs
    return max(1, (n_params - n_inputs) // (2 * n_inputs + 1))


def n_params(model: Any) -> int:
    return int(model.count_params())


def load_model(path: str) -> Any:
    """Load a saved teacher or (Q)Keras model, QKeras layers included."""
    quiet_tensorflow()
    from qkeras.utils import load_qmodel

    return load_qmodel(str(path), compile=False)
