"""Dense networks (MLPs) as traced da4ml logic.

An MLP is a list of :class:`Layer` (weights and bias already on their fixed-point grid, and the
quantizer of the layer's output). :func:`forward` runs it on NumPy arrays *or* on da4ml's
``FixedVariableArray`` — the same code gives the float emulation and the traced logic; constant
matrix products become adder trees (no DSPs), zero (pruned) weights cost nothing.

* :func:`layers_from_qkeras` replays a QKeras model exactly: ``quantized_bits`` weights and biases
  (the quantizers' own output), ``quantized_relu(bits, integer)`` as ReLU + rounding + saturation to
  ``[0, 2^integer - 2^(integer - bits)]`` (da4ml rounds ties up, QKeras's ``tf.round`` to even: the
  agreement with QKeras is reported). The input is quantized to the hls4ml input precision.
* :func:`layers_from_torch` quantizes a PyTorch MLP at its hls4ml precision (``ap_fixed<W,I>``,
  truncation and wrap-around as ``ap_fixed``'s defaults): weights, biases and every layer output.

The final layer's output is not activated (softmax / sigmoid are monotonic: argmax and AUC keep).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..design import Design
from .fixed import FixedType, parse_ap_fixed

__all__ = ["Layer", "dense_design", "forward", "layers_from_qkeras", "layers_from_torch", "trace"]


@dataclass(frozen=True)
class Layer:
    """``y = act(x @ W + b)`` then quantized to ``out`` (``None``: exact) with ``overflow``/``rounding``.
    ``act`` ∈ {"linear", "relu", "leaky_relu"} (``slope`` for the leaky one)."""

    W: np.ndarray
    b: np.ndarray
    act: str = "linear"
    out: FixedType | None = None
    overflow: str = "WRAP"
    rounding: str = "TRN"
    slope: float = 0.0


def _quantize(x: Any, t: FixedType, overflow: str, rounding: str) -> Any:
    from da4ml.trace.ops import quantize

    return quantize(x, t.k, t.i, t.f, overflow_mode=overflow, round_mode=rounding)


def forward(x: Any, layers: list[Layer], input_type: FixedType) -> Any:
    """The fixed-point MLP on ``x`` (NumPy ``(N, n_in)`` or a traced ``FixedVariableArray``)."""
    h = _quantize(x, input_type, "WRAP", "TRN")  # inputs wrap in da4ml; test inputs are saturated first
    for layer in layers:
        h = h @ layer.W + layer.b
        if layer.act == "relu":
            h = np.maximum(h, 0) if isinstance(h, np.ndarray) else _relu(h)
        elif layer.act == "leaky_relu":
            h = np.maximum(h, 0) + layer.slope * np.minimum(h, 0)
        elif layer.act != "linear":
            raise ValueError(f"unsupported activation {layer.act!r}")
        if layer.out is not None:
            h = _quantize(h, layer.out, layer.overflow, layer.rounding)
    return h


def _relu(h: Any) -> Any:
    from da4ml.trace.ops import relu

    return relu(h)


def trace(layers: list[Layer], input_type: FixedType) -> Any:
    """The da4ml ``CombLogic`` of the MLP."""
    from da4ml.trace import FixedVariableArrayInput, HWConfig, comb_trace

    n_in = layers[0].W.shape[0]
    inp = FixedVariableArrayInput((n_in,), hwconf=HWConfig(1, -1, -1))
    return comb_trace(inp, forward(inp, layers, input_type))


def layers_from_qkeras(model: Any) -> list[Layer]:
    """The QKeras model's dense layers with their quantized weights and activation quantizers
    (``QDense`` followed by an optional ``QActivation(quantized_relu(...))``); softmax dropped."""
    layers: list[Layer] = []
    for lyr in model.layers:
        cls = type(lyr).__name__
        if cls in ("QDense", "Dense"):
            W, b = lyr.get_weights()[:2]
            kq = getattr(lyr, "kernel_quantizer_internal", None)
            bq = getattr(lyr, "bias_quantizer_internal", None)
            W = np.asarray(kq(W)) if kq is not None else W
            b = np.asarray(bq(b)) if bq is not None else b
            layers.append(Layer(W=np.asarray(W, np.float64), b=np.asarray(b, np.float64)))
        elif cls == "QActivation":
            q = lyr.quantizer
            if type(q).__name__ != "quantized_relu" or getattr(q, "negative_slope", 0.0):
                raise ValueError(f"layer {lyr.name}: only quantized_relu activations are replayed, got {q}")
            bits, integer = int(q.bits), int(q.integer)
            t = FixedType(k=0, i=integer, f=bits - integer)
            layers[-1] = Layer(
                W=layers[-1].W, b=layers[-1].b, act="relu", out=t, overflow="SAT", rounding="RND"
            )
        elif cls in ("InputLayer", "Activation") or cls.startswith("Dropout"):
            act = getattr(lyr, "activation", None)
            name = getattr(act, "__name__", "")
            if cls == "Activation" and name not in ("softmax", "sigmoid", "linear"):
                raise ValueError(
                    f"layer {lyr.name}: float activation {name!r} cannot be replayed in fixed point"
                )
        else:
            raise ValueError(f"layer {lyr.name} ({cls}) is not supported by the dense design builder")
    if not layers:
        raise ValueError(f"model {model.name} has no dense layers")
    return layers


def layers_from_torch(module: Any, precision: str) -> list[Layer]:
    """A PyTorch ``Sequential``-like MLP (``Linear`` / ``ReLU`` / ``LeakyReLU`` / ``Flatten``)
    quantized at ``precision`` (weights, biases and every layer output, ap_fixed TRN/WRAP)."""
    from torch import nn

    t = parse_ap_fixed(precision)
    layers: list[Layer] = []
    for m in module.modules():
        if isinstance(m, nn.Linear):
            W = _quantize(m.weight.detach().cpu().numpy().T.astype(np.float64), t, "WRAP", "TRN")
            b = _quantize(m.bias.detach().cpu().numpy().astype(np.float64), t, "WRAP", "TRN")
            layers.append(Layer(W=W, b=b, out=t))
        elif isinstance(m, nn.ReLU | nn.LeakyReLU):
            slope = float(getattr(m, "negative_slope", 0.0))
            act = "leaky_relu" if slope else "relu"
            layers[-1] = Layer(W=layers[-1].W, b=layers[-1].b, act=act, out=t, slope=slope)
        elif not isinstance(m, nn.Sequential | nn.Flatten | nn.Identity | nn.Dropout) and m is not module:
            raise ValueError(f"module {type(m).__name__} is not supported by the dense design builder")
    if not layers:
        raise ValueError("the module has no Linear layers")
    return layers


def dense_design(
    *, name: str, study: str, layers: list[Layer], input_precision: str, X: np.ndarray,
    labels: np.ndarray | None = None, float_scores: np.ndarray | None = None, metric: str = "accuracy",
    precision: str = "", meta: dict[str, Any] | None = None,
) -> Design:  # fmt: skip
    """A :class:`Design` of a traced MLP with its test inputs ``X`` (saturated to the input type)."""
    t_in = parse_ap_fixed(input_precision)
    comb = trace(layers, t_in)
    n_w = sum(int(np.count_nonzero(layer.W)) for layer in layers)
    info = {"layers": [int(layers[0].W.shape[0])] + [int(layer.W.shape[1]) for layer in layers],
            "nonzero_weights": n_w, "input_precision": input_precision, **(meta or {})}  # fmt: skip
    return Design(name=name, study=study, inputs=X, comb=comb, labels=labels, float_scores=float_scores,
                  metric=metric, precision=precision or f"input {input_precision}", meta=info)  # fmt: skip
