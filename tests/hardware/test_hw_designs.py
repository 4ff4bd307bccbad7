"""Design builders without the tools: fixed-point types, the traced logic equals the NumPy
arithmetic it replays, LUT grids as hls4ml's, clear errors for what has no RTL."""

import numpy as np
import pytest

pytestmark = pytest.mark.unit


def test_parse_ap_fixed():
    from trigml.hardware.designs.fixed import FixedType, parse_ap_fixed

    assert parse_ap_fixed("ap_fixed<16,6>") == FixedType(1, 5, 10)
    assert parse_ap_fixed("ap_ufixed<8, 2>") == FixedType(0, 2, 6)
    assert str(parse_ap_fixed("ap_fixed<16,6>")) == "ap_fixed<16,6>"
    with pytest.raises(ValueError, match="float32"):
        parse_ap_fixed("float32")


def test_dense_trace_equals_numpy_forward():
    """The traced logic (da4ml's emulation) computes exactly the NumPy fixed-point forward pass."""
    from trigml.hardware.designs.dense import Layer, forward, trace
    from trigml.hardware.designs.fixed import FixedType, parse_ap_fixed
    from trigml.hardware.rtl import _on_grid

    rng = np.random.default_rng(1)
    layers = [
        Layer(W=np.round(rng.normal(0, 0.5, (4, 5)) * 16) / 16, b=np.full(5, 0.25), act="relu",
              out=FixedType(0, 2, 4), overflow="SAT", rounding="RND"),
        Layer(W=np.round(rng.normal(0, 0.5, (5, 2)) * 16) / 16, b=np.zeros(2)),
    ]  # fmt: skip
    t_in = parse_ap_fixed("ap_fixed<8,3>")
    comb = trace(layers, t_in)
    X = _on_grid(rng.normal(0, 2, (500, 4)), comb.inp_qint)
    assert (
        np.all(X * 32 == np.floor(X * 32)) and X.max() <= 4 - 1 / 32
    )  # on the ap_fixed<8,3> grid, saturated
    assert np.array_equal(comb.predict(X), forward(X, layers, t_in))


def test_qkeras_replay_matches_qkeras():
    """A tiny QKeras model: the replayed fixed-point network agrees with QKeras on the argmax."""
    from trigml.hardware.hls4ml import quiet_tensorflow

    quiet_tensorflow()
    import tf_keras as keras
    from qkeras import QActivation, QDense, quantized_bits, quantized_relu
    from trigml.hardware.designs.dense import dense_design, layers_from_qkeras

    keras.utils.set_random_seed(0)
    inp = keras.Input((5,))
    q = quantized_bits(6, 0, alpha=1)
    h = QActivation(quantized_relu(6), name="r1")(
        QDense(7, kernel_quantizer=q, bias_quantizer=q, name="d1")(inp)
    )
    out = keras.layers.Activation("softmax")(QDense(3, kernel_quantizer=q, bias_quantizer=q, name="d2")(h))
    model = keras.Model(inp, out)
    X = np.random.default_rng(0).normal(0, 1, (400, 5)).astype(np.float32)
    ref = model.predict(X, verbose=0)
    layers = layers_from_qkeras(model)
    assert [lyr.act for lyr in layers] == ["relu", "linear"]
    d = dense_design(
        name="q", study="t", layers=layers, input_precision="ap_fixed<16,6>", X=X, float_scores=ref
    )
    from trigml.hardware.rtl import _on_grid

    fixed = d.predict(_on_grid(d.inputs, d.comb.inp_qint))
    assert np.mean(fixed.argmax(1) == ref.argmax(1)) > 0.97


def test_symbolic_trace_follows_hls4ml_lut(tiny_sr):
    from trigml.hardware.rtl import _on_grid

    X = _on_grid(tiny_sr.inputs, tiny_sr.comb.inp_qint)
    got = tiny_sr.predict(X)
    # hls4ml: LUT index floor((x + 8) * 16) clipped to [0, 255], table value sin(grid) cast to
    # ap_fixed<12,5> (floor to 2^-7), the result cast to ap_fixed<12,5> (floor, wrap to [-16, 16))
    arg = np.clip(np.floor(X[:, 2] * 16) / 16, -8, 8 - 1 / 16)
    v = X[:, 0] * X[:, 1] + np.floor(np.sin(arg) * 128) / 128 - 0.5
    expect = (np.floor(v * 128) / 128 + 16) % 32 - 16
    assert np.array_equal(got[:, 0], expect)
    ok = np.abs(v) < 15
    assert np.abs(got[ok] - tiny_sr.float_scores[ok]).max() < 0.1  # close to the float expressions


def test_symbolic_errors():
    from trigml.hardware.designs.symbolic import lut_index_type, symbolic_design

    assert lut_index_type(1024, (-4, 4)).f == 7
    with pytest.raises(ValueError, match="power of two"):
        lut_index_type(100, (-8, 8))
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="no RTL implementation"):
        symbolic_design(name="d", study="t", expressions=["x0/x1"], n_inputs=2, precision="ap_fixed<16,6>",
                        table_size=256, lut_range=(-8, 8), X=X)  # fmt: skip
    with pytest.raises(ValueError, match="x5"):
        symbolic_design(name="d", study="t", expressions=["x5"], n_inputs=2, precision="ap_fixed<16,6>",
                        table_size=256, lut_range=(-8, 8), X=X)  # fmt: skip


def test_pack_unpack_roundtrip():
    from trigml.hardware.rtl import pack_words, unpack_words

    codes = np.array([[-3, 5, 0], [127, -128, 1]])
    assert unpack_words(pack_words(codes, 8), 3, 8, signed=True).tolist() == codes.tolist()
    assert unpack_words(pack_words(codes & 0xFF, 8), 3, 8, signed=False)[0, 0] == 253


def test_design_rejects_bad_input():
    from trigml.hardware.design import Design

    with pytest.raises(ValueError, match="identifier"):
        Design(name="bad-name", study="t", inputs=np.zeros((2, 2)), comb=object())
    with pytest.raises(ValueError, match="exactly one"):
        Design(name="d", study="t", inputs=np.zeros((2, 2)))
