"""hls4ml symbolic expressions with LUT math: C simulation vs NumPy; the labelled estimate."""

import numpy as np
import pytest
import sympy
from trigml.jets_sr import symbolic_hls as sh
from trigml.jets_sr.sr import evaluate


def test_lut_substitution_and_definitions():
    e, used = sh.to_lut_expression("x0*x1 + sin(x2) + 0.3*cos(x0)")
    assert used == ["sin", "cos"]
    assert "sin_lut(x2)" in str(e) and "cos_lut(x0)" in str(e) and not e.has(sympy.sin)
    luts = sh.lut_functions(used, table_size=256, lut_range=(-8, 8))
    assert luts["sin_lut"] == {"math_func": "sin", "table_size": 256, "range_start": -8.0, "range_end": 8.0}
    with pytest.raises(ValueError, match="range"):
        sh.lut_functions(["sin"], lut_range=(1, -1))
    with pytest.raises(ValueError, match="sqrt"):
        sh.to_lut_expression("sqrt(x0)")


def test_csim_matches_numpy_with_lut_function(tmp_path):
    exprs = ["x0*x1 + sin(x2) - 0.5*x3", "0.25*x0 - x1"]
    X = np.random.default_rng(1).uniform(-2, 2, size=(300, 4))
    model = sh.convert(
        exprs, 4, tmp_path / "prj", precision="ap_fixed<16,6>", table_size=256, lut_range=(-8, 8)
    )
    out = sh.csim(model, X)
    ref = np.stack([evaluate(e, X) for e in exprs], axis=1)
    assert out.shape == (300, 2)
    err = np.abs(out - ref).max(axis=0)
    # sin from a 256-entry table over [-8, 8] (step 1/16) plus ap_fixed<16,6> rounding
    assert err[0] < 0.08
    assert err[1] < 0.02  # no LUT: fixed-point rounding only
    assert np.abs(out - ref)[:, 0].mean() < 0.03


def test_operation_estimate_is_labelled():
    est = sh.operation_estimate(["x0*x1 + sin(x2)", "x0 - x1"], clock_period=5.0)
    assert est["estimate"] is True and "not a synthesis result" in est["method"]
    assert est["operations"] == {"add": 1, "mul": 1, "sin": 1, "sub": 1}
    # critical path: mul (1) ‖ sin (8) -> add (1) = 9 cycles
    assert est["latency_cycles"] == 9
    assert est["latency_ns"] == 45.0
