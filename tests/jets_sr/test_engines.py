"""The SR engines: pyoperon's margin/latency search, PySR's option mapping with a stand-in regressor."""

import importlib.util

import numpy as np
import pandas as pd
import pytest
import sympy
from trigml.jets_sr import engines, sr
from trigml.jets_sr.settings import LUTSettings, SRSettings

LUT = LUTSettings(table_size=256, lo=-8.0, hi=8.0)


def settings(**kw):
    base = dict(engine="pyoperon", features=["mass_mmdt"], n_train=100, complexities=[5, 10, 20],
                operators=["add", "sub", "mul", "sin", "sc"], complexity_source="table", operator_complexity=dict(sr.DEFAULT_OPERATOR_COMPLEXITY),
                generations=30, population_size=200, restarts=1, max_time=None, require_hls_range=True, hls_complexities=[10])  # fmt: skip
    return SRSettings(**{**base, **kw})


class StandInRegressor:
    """Records the options PySR would get; returns a fixed hall of fame."""

    created: list = []

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        StandInRegressor.created.append(self)

    def fit(self, X, y, variable_names):
        self.variable_names = variable_names
        self.equations_ = pd.DataFrame({
            "sympy_format": [sympy.sympify("0.5"), sympy.sympify("x0"), sympy.sympify("sin(2*x0) + x0"),
                             sympy.sympify("sin(sin(x0))"), sympy.sympify("x0*x0*x0*x0*x0*x0*x0*x0")],
            "loss": [0.9, 0.5, 0.2, 0.1, 0.05], "complexity": [1, 1, 5, 3, 15],
        })  # fmt: skip
        return self


def test_pysr_options_map_every_setting():
    s = settings(engine="pysr", generations=17, population_size=33, max_time=60)
    opts = engines.pysr_options(s, LUT, max_complexity=5, seed=4, output_directory="/tmp/x")
    assert opts["maxsize"] == 7  # PySR refuses maxsize < 7: the smaller limit is applied by filtering
    assert engines.pysr_options(s, LUT, max_complexity=40, seed=4, output_directory="/tmp/x")["maxsize"] == 40
    assert opts["elementwise_loss"] == "L2MarginLoss()"
    assert opts["binary_operators"] == ["+", "-", "*"]
    assert opts["niterations"] == 17 and opts["population_size"] == 33 and opts["timeout_in_seconds"] == 60
    assert opts["random_state"] == 4 and opts["deterministic"] and opts["parallelism"] == "serial"
    assert opts["complexity_of_operators"] == {
        "+": 1,
        "-": 1,
        "*": 1,
        "sin_lut": 8,
        "sc_lut": 8,
        "cos_lut": 8,
    }
    assert opts["complexity_of_constants"] == 1 and opts["complexity_of_variables"] == 1
    trig = {"sin_lut", "cos_lut", "sc_lut"}
    assert set(opts["nested_constraints"]) == trig
    assert all(v == {t: 0 for t in trig} for v in opts["nested_constraints"].values())
    # the LUT functions are hls4ml's math_lut, inlined in Julia
    sin_def = next(u for u in opts["unary_operators"] if u.startswith("sin_lut(x)"))
    assert "clamp(round((x - (-8.0)) * 256 / (16.0)), 0, 255)" in sin_def and "0.0625" in sin_def
    assert opts["extra_sympy_mappings"]["sin_lut"] is sympy.sin
    assert opts["output_directory"] == "/tmp/x"


def test_pysr_engine_drives_the_regressor_and_filters_its_hall_of_fame():
    StandInRegressor.created.clear()
    engine = engines.PySREngine(settings=settings(engine="pysr"), lut=LUT, regressor=StandInRegressor)
    X = np.linspace(-1, 1, 50)[:, None]
    y = np.where(X[:, 0] > 0, 1.0, -1.0)
    cands = engine.fit(X, y, max_complexity=5, seed=2)
    (reg,) = StandInRegressor.created
    assert reg.kwargs["maxsize"] == 7 and reg.kwargs["random_state"] == 2 and reg.variable_names == ["x0"]
    exprs = [c.expression for c in cands]
    assert "x0" in exprs and any(float(e) == 0.5 for e in exprs if e != "x0")
    assert not any("sin(sin" in e for e in exprs)  # nested trig dropped
    assert all(c.complexity <= 5 for c in cands)  # x0**8 (complexity 8) dropped, sin(2x0) + x0 (14) too
    assert cands == sorted(cands, key=lambda c: (c.complexity, c.train_loss))


def test_pysr_error_without_julia(monkeypatch):
    monkeypatch.delenv("PYTHON_JULIACALL_EXE", raising=False)
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    with pytest.raises(sr.SREngineUnavailable) as err:
        engines.get_engine(settings(engine="pysr"), LUT)
    msg = str(err.value)
    assert "Julia" in msg and "pip install pysr" in msg and "pyoperon" in msg
    real = importlib.util.find_spec
    monkeypatch.setattr(
        engines.importlib.util, "find_spec", lambda name: object() if name == "pysr" else real(name)
    )
    with pytest.raises(sr.SREngineUnavailable, match="no Julia executable"):
        engines.PySREngine(settings=settings(engine="pysr"), lut=LUT).fit(np.zeros((3, 1)), np.zeros(3),
                                                                          max_complexity=5, seed=0)  # fmt: skip


def test_unknown_engine_and_missing_costs():
    with pytest.raises(ValueError, match="unknown SR engine"):
        engines.get_engine(settings(engine="eureqa"), LUT)
    with pytest.raises(ValueError, match="no cost for operator"):
        settings(operator_complexity={"add": 1, "sub": 1, "mul": 1})
    with pytest.raises(ValueError, match="hls_complexities"):
        settings(hls_complexities=[7])


def test_pyoperon_searches_margin_and_latency_within_the_limit():
    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(400, 2))
    y = np.where(np.sin(2 * X[:, 0]) + 0.3 * X[:, 1] > 0, 1.0, -1.0)
    engine = engines.get_engine(settings(generations=40, population_size=300), LUT)
    cands = engine.fit(X, y, max_complexity=20, seed=1)
    assert cands == sorted(cands, key=lambda c: (c.complexity, c.train_loss))
    assert all(c.complexity <= 20 and not sr.has_nested_trig(c.expression) for c in cands)
    best = min(cands, key=lambda c: c.train_loss)
    pred = sr.evaluate(best.expression, X, lut=LUT)
    assert np.mean(np.sign(pred) == y) > 0.9  # sin(2 x0) is within reach at complexity ≤ 20
    assert best.train_loss == pytest.approx(sr.l2_margin_loss(pred, y))
