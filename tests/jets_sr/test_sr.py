"""Expressions of the SR: complexity, evaluation (also through LUTs), margin loss, checks."""

import numpy as np
import pytest
from trigml.jets_sr import sr


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("x0", 1),
        ("x0*x1 + sin(x2)", 3 + 1 + 1 + 8),  # leaves + mul + add + sin
        ("-x0 + 2.0*x1", 3 + 1 + 1),  # the negation folds into a subtraction
        ("x0**2 - 3", 1 + 1 + 1 + 1),
        ("x0/x1", 3 + 29 + 1),  # x1**-1: a division of the constant 1 by x1, then a multiply
        ("0.5*sin(x0)*cos(x0)", 1 + 8 + 1 + 1),  # sin·cos of the same argument is one sc
        ("tanh(x0)", 1 + 51),
    ],
)
def test_expression_complexity(expr, expected):
    assert sr.expression_complexity(expr, sr.DEFAULT_OPERATOR_COMPLEXITY) == expected


def test_constant_multiplication_has_its_own_cost():
    cost = {**sr.DEFAULT_OPERATOR_COMPLEXITY, "mul": 4, "cmul": 1}
    assert sr.expression_complexity("0.6*x1", cost) == 1 + 1 + 1  # a scaling: cmul
    assert sr.expression_complexity("x0*x1", cost) == 1 + 1 + 4  # variable x variable: mul
    assert sr.expression_complexity("0.5*x0*x1", cost) == 3 + 4 + 1
    assert sr.expression_complexity("0.5*sin(x0)*cos(x0)", cost) == 1 + 8 + 1 + 1  # sc scaled
    assert sr.expression_complexity("x0*x1", {"mul": 4}) == sr.expression_complexity("x0*x1", {"mul": 4, "cmul": 1})
    assert sr.expression_complexity("2.0*x1", {"mul": 4}) == 1 + 1 + 4  # no cmul entry: every product is a mul


def test_complexity_uses_configured_costs_and_rejects_unknown():
    assert sr.expression_complexity("sin(x0)", {"sin": 2}) == 3
    with pytest.raises(ValueError, match="no complexity"):
        sr.expression_complexity("asinh(x0)")


def test_evaluate_and_margin_loss():
    X = np.array([[1.0, 2.0, 0.0], [0.5, -1.0, np.pi / 2]])
    np.testing.assert_allclose(sr.evaluate("x0*x1 + sin(x2)", X), [2.0, 0.5])
    np.testing.assert_allclose(sr.evaluate("3", X), [3.0, 3.0])
    with pytest.raises(ValueError, match="x5"):
        sr.evaluate("x5", X)
    # t f = 2 (no loss), -0.5 -> (1.5)^2, 0.5 -> (0.5)^2
    assert sr.l2_margin_loss(np.array([2.0, 0.5, 0.5]), np.array([1.0, -1.0, 1.0])) == pytest.approx(
        (0 + 2.25 + 0.25) / 3
    )


def test_pareto_front():
    pts = [
        {"complexity": 5, "loss": 0.5},
        {"complexity": 3, "loss": 0.7},
        {"complexity": 7, "loss": 0.6},
        {"complexity": 9, "loss": 0.2},
    ]
    assert [p["complexity"] for p in sr.pareto_front(pts)] == [3, 5, 9]


def test_evaluate_through_luts_matches_hls4ml_math_lut():
    from trigml.jets_sr.settings import LUTSettings

    lut = LUTSettings(table_size=256, lo=-8.0, hi=8.0)
    X = np.array([[0.0], [0.03], [0.04], [1.0], [9.0], [-20.0]])
    got = sr.evaluate("sin(x0)", X, lut=lut)
    # index = round((x + 8) * 256 / 16), clamped to [0, 255]; value = sin(-8 + index / 16)
    idx = np.clip(np.rint((X[:, 0] + 8) * 16), 0, 255)
    np.testing.assert_allclose(got, np.sin(-8 + idx / 16))
    assert got[1] == 0.0 and got[2] == pytest.approx(np.sin(0.0625))  # 0.03 → entry of 0, 0.04 → of 1/16
    assert got[4] == pytest.approx(np.sin(-8 + 255 / 16))  # beyond the range: the last entry
    assert np.max(np.abs(sr.evaluate("cos(x0)", X[:4], lut=lut) - np.cos(X[:4, 0]))) < 0.04


def test_nested_trig_detection():
    assert sr.has_nested_trig("sin(x0 + cos(x1))")
    assert sr.has_nested_trig("sin(sin(x0)*cos(x0))")
    assert not sr.has_nested_trig("sin(x0)*cos(x0) + sin(x1*x2)")
    assert not sr.has_nested_trig("x0 + 1")


def test_trig_phase_reduction_is_exact_and_arguments_are_measured():
    X = np.random.default_rng(0).uniform(-1, 1, size=(50, 2))
    e = "0.3*sin(2.0*x0 - 39.478413744225) + cos(x1 + 7.0)"
    r = sr.reduce_trig_phase(e)
    np.testing.assert_allclose(sr.evaluate(r, X), sr.evaluate(e, X), atol=1e-9)
    assert sr.trig_argument_max(r, X) <= 2.0 + np.pi
    assert sr.trig_argument_max(e, X) > 39.478 - 2.0
    assert sr.trig_argument_max("x0 + 1", X) == 0.0


def test_hls_range_problems():
    X = np.linspace(-3, 3, 61)[:, None]
    assert sr.fixed_point_limit("ap_fixed<16,6>") == 32.0
    assert sr.fixed_point_limit("ap_fixed<24, 14, AP_RND>") == 8192.0
    with pytest.raises(ValueError, match="integer bits"):
        sr.fixed_point_limit("float")
    assert sr.hls_range_problems("0.5*sin(2*x0) + x0**2", X) == []
    # a Gaussian window whose exponent overflows ap_fixed<16,6> (|-150 x²| reaches 1350)
    probs = sr.hls_range_problems("exp(-150*x0**2 + 9*x0)", X)
    assert any("outside ±32" in p for p in probs)
    assert sr.hls_range_problems("exp(-150*x0**2 + 9*x0)", X, precision="ap_fixed<24,14>") == []
    assert any("LUT range" in p for p in sr.hls_range_problems("sin(4*x0)", X))  # |4 x0| reaches 12 > 8
    assert sr.hls_range_problems("sin(4*x0)", X, trig_clamped=True) == []  # the table clamps, as modelled
    assert any("outside ±32" in p for p in sr.hls_range_problems("sin(40*x0)", X, trig_clamped=True))
    assert any("upper end" in p for p in sr.hls_range_problems("exp(3*x0)", X))
    assert any("constant" in p for p in sr.hls_range_problems("x0 + 40", X))
