"""The symbolic-regression engines: pyoperon (offline default) and PySR (the authors' engine).

Both search what Tsoi et al. (2023) optimise, one run per class (one-vs-rest, target t = ±1):

| paper                                   | PySR                                    | pyoperon (:mod:`.operon`)                      |
|-----------------------------------------|-----------------------------------------|------------------------------------------------|
| L2 margin loss                          | ``elementwise_loss="L2MarginLoss()"``   | NSGA-II objective ``margin`` (Python evaluator) |
| complexity = latency per operator       | ``complexity_of_operators`` (+ leaves 1)| NSGA-II objective ``latency``                  |
| no sin/cos/sc inside sin/cos/sc         | ``nested_constraints`` (0)              | ``latency`` = infeasible for such trees        |
| LUT sin/cos (hls4ml ``math_lut``)       | Julia ``sin_lut(x) = …`` unary operators | ``margin`` evaluates sin/cos through the table |
| maximum complexity                      | ``maxsize`` (PySR needs ≥ 7)            | infeasible above it, ``max_length`` nodes      |

Each run returns the non-dominated expressions up to the largest complexity of the sweep; the
complexity of every expression is recomputed on its SymPy form
(:func:`trigml.jets_sr.sr.expression_complexity`), so both engines are compared on one scale.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import sympy

from .settings import LUTSettings, SRSettings
from .sr import (
    BINARY,
    UNARY,
    Candidate,
    SREngineUnavailable,
    evaluate,
    expression_complexity,
    has_nested_trig,
    l2_margin_loss,
    parse_expression,
)

PYSR_MIN_MAXSIZE = 7
"""PySR refuses ``maxsize`` below 7: smaller limits are applied by filtering its hall of fame."""


class SREngine(Protocol):
    """What every symbolic-regression engine provides."""

    name: str

    def fit(self, X: np.ndarray, y: np.ndarray, *, max_complexity: int, seed: int) -> list[Candidate]:
        """Non-dominated candidates (expressions in x0..x{n-1}) for targets ``y`` = ±1."""
        ...


def _candidates(exprs: list[tuple[str, float]], X: np.ndarray, y: np.ndarray, settings: SRSettings,
                lut: LUTSettings, max_complexity: int) -> list[Candidate]:  # fmt: skip
    """Deduplicated candidates within ``max_complexity``, without nested trig, sorted by complexity."""
    out: dict[str, Candidate] = {}
    for text, _ in exprs:
        expr = parse_expression(text)
        c = expression_complexity(expr, settings.operator_complexity)
        if c > max_complexity or has_nested_trig(expr):
            continue
        loss = l2_margin_loss(evaluate(expr, X, lut=lut), y)
        s = str(expr)
        if s not in out or out[s].train_loss > loss:
            out[s] = Candidate(s, c, loss)
    if not out:  # the constant model always fits
        const = float(np.mean(y))
        out[repr(const)] = Candidate(repr(const), 1, l2_margin_loss(np.full_like(y, const), y))
    return sorted(out.values(), key=lambda c: (c.complexity, c.train_loss))


@dataclass
class OperonEngine:
    """pyoperon with the margin and latency objectives of :mod:`trigml.jets_sr.operon`."""

    settings: SRSettings
    lut: LUTSettings
    value_limit: float = float("inf")
    """Largest magnitude an intermediate value may reach (the HLS design's fixed-point range) when
    ``settings.require_hls_range``; trees beyond it are infeasible in the search."""
    name: str = "pyoperon"

    SYMBOLS = {"add": "add", "sub": "sub", "mul": "mul", "div": "div", "sin": "sin", "cos": "cos",
               "exp": "exp", "log": "log", "sqrt": "sqrt", "tanh": "tanh", "sc": "sin", "square": "square"}  # fmt: skip

    def options(self, max_complexity: int, seed: int) -> dict[str, Any]:
        """Keyword arguments of the regressor (every SR setting mapped; ``sc`` = sin(2u)/2)."""
        s = self.settings
        symbols = sorted({self.SYMBOLS[o] for o in s.operators}) + ["constant", "variable"]
        return {
            "allowed_symbols": ",".join(symbols),
            "max_length": max(int(max_complexity), 3),  # every node costs ≥ 1
            "max_depth": 12,
            "generations": s.generations,
            "population_size": s.population_size,
            "max_time": s.max_time,
            "n_threads": 1,
            "random_state": int(seed),
        }

    def fit(self, X: np.ndarray, y: np.ndarray, *, max_complexity: int, seed: int) -> list[Candidate]:
        from .operon import margin_regressor

        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if X.ndim != 2 or len(X) != len(y) or len(y) == 0:
            raise ValueError(f"X must be (N, n) and y (N,) with N > 0, got {X.shape} and {y.shape}")
        cost = dict(self.settings.operator_complexity)
        reg = margin_regressor(cost=cost, lut=self.lut.table(), max_complexity=max_complexity,
                               value_limit=self.value_limit, **self.options(max_complexity, seed))  # fmt: skip
        reg.fit(X, y)
        names = [f"x{i}" for i in range(X.shape[1])]
        square = {"square": lambda u: u**2}
        texts = {reg.get_model_string(tree, 6, names) for tree in harvest(reg, cost, max_complexity)}
        exprs = [(str(sympy.sympify(t, locals=square)), 0.0) for t in sorted(texts)]
        return _candidates(exprs, X, y, self.settings, self.lut, max_complexity)


def harvest(reg: Any, cost: Mapping[str, int], max_complexity: int, *, per_complexity: int = 3) -> list[Any]:
    """The final front plus, per complexity, the ``per_complexity`` trees of the final population
    with the lowest training margin loss: NSGA-II's first front holds only a handful of trees, and the
    choice among them is made later, on validation jets."""
    from .operon import tree_complexity

    by_cost: dict[float, list[tuple[float, int, Any]]] = {}
    for i, ind in enumerate(reg.individuals_):
        c = tree_complexity(ind.Genotype.Nodes, cost)
        loss = float(ind.GetFitness(0))
        if c <= max_complexity and np.isfinite(loss):
            by_cost.setdefault(c, []).append((loss, i, ind.Genotype))
    best = [t for group in by_cost.values() for _, _, t in sorted(group, key=lambda g: g[:2])[:per_complexity]]
    return [m["tree"] for m in reg.pareto_front_] + best


PYSR_INSTALL_HELP = (
    "The PySR engine needs the `pysr` package, a Julia installation (≥ 1.10) and the Julia package "
    "SymbolicRegression.jl. Install them on a machine with internet access:\n"
    "  1. pip install pysr\n"
    "  2. install Julia with juliaup: curl -fsSL https://install.julialang.org | sh   (or https://julialang.org/downloads/)\n"
    "  3. python -c 'import pysr'   # once, online: installs SymbolicRegression.jl into Julia's depot\n"
    "Then set jets_sr.sr.engine: pysr (config/paper.yaml does). Offline, use jets_sr.sr.engine: pyoperon."
)


def julia_executable() -> str | None:
    """The Julia binary PySR would use (``PYTHON_JULIACALL_EXE`` or ``julia`` on PATH), if any."""
    exe = os.environ.get("PYTHON_JULIACALL_EXE")
    if exe and os.path.exists(exe):
        return exe
    return shutil.which("julia")


def julia_lut(name: str, func: str, lut: LUTSettings) -> str:
    """A Julia unary operator computing ``func`` through hls4ml's lookup table (its ``math_lut``
    inlined: index = round((x − lo)·N/(hi − lo)) clamped to [0, N − 1])."""
    lo, hi, n = lut.lo, lut.hi, lut.table_size
    idx = f"clamp(round((x - ({lo})) * {n} / ({hi - lo})), 0, {n - 1})"
    return f"{name}(x) = {func}(({lo}) + ({(hi - lo) / n}) * {idx})"


def pysr_options(settings: SRSettings, lut: LUTSettings, *, max_complexity: int, seed: int,
                 output_directory: str) -> dict[str, Any]:  # fmt: skip
    """``PySRRegressor`` keyword arguments for the authors' set-up (every SR setting mapped)."""
    cost = settings.operator_complexity
    julia_binary = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
    unary_def = {"sin": julia_lut("sin_lut", "sin", lut), "cos": julia_lut("cos_lut", "cos", lut),
                 "sc": "sc_lut(x) = sin_lut(x) * cos_lut(x)", "exp": "exp", "log": "log", "sqrt": "sqrt",
                 "tanh": "tanh", "square": "square"}  # fmt: skip
    unary_name = {"sin": "sin_lut", "cos": "cos_lut", "sc": "sc_lut"}
    ops = list(settings.operators)
    if "sc" in ops:  # sc_lut calls both tables
        ops += [o for o in ("sin", "cos") if o not in ops]
    trig = [unary_name[o] for o in ("sin", "cos", "sc") if o in ops]
    return {
        "binary_operators": [julia_binary[o] for o in ops if o in BINARY],
        "unary_operators": [unary_def[o] for o in ops if o in UNARY],
        "extra_sympy_mappings": {
            "sin_lut": sympy.sin,
            "cos_lut": sympy.cos,
            "sc_lut": lambda u: sympy.sin(u) * sympy.cos(u),
        },  # fmt: skip
        "complexity_of_operators": {julia_binary.get(o, unary_name.get(o, o)): cost[o] for o in ops},
        "complexity_of_constants": 1,
        "complexity_of_variables": 1,
        "nested_constraints": {t: {u: 0 for u in trig} for t in trig},
        "elementwise_loss": "L2MarginLoss()",
        "maxsize": max(int(max_complexity), PYSR_MIN_MAXSIZE),
        "niterations": settings.generations,
        "population_size": settings.population_size,
        "timeout_in_seconds": settings.max_time,
        "random_state": int(seed),
        "deterministic": True,
        "parallelism": "serial",
        "output_directory": output_directory,
        "progress": False,
        "verbosity": 0,
    }


@dataclass
class PySREngine:
    """PySR with :func:`pysr_options`; ``regressor`` replaces ``pysr.PySRRegressor`` (tests)."""

    settings: SRSettings
    lut: LUTSettings
    regressor: Callable[..., Any] | None = None
    name: str = "pysr"

    def check_available(self) -> None:
        """Raise :class:`SREngineUnavailable` (with install instructions) unless pysr and Julia exist.

        Importing pysr without Julia would start a download of Julia, so Julia is looked for first.
        """
        if self.regressor is not None:
            return
        if importlib.util.find_spec("pysr") is None:
            raise SREngineUnavailable(
                "PySR engine unavailable: the Python package `pysr` is not installed.\n" + PYSR_INSTALL_HELP
            )
        if julia_executable() is None:
            raise SREngineUnavailable("PySR engine unavailable: no Julia executable found (julia not on PATH, "
                                      "PYTHON_JULIACALL_EXE unset).\n" + PYSR_INSTALL_HELP)  # fmt: skip

    def fit(self, X: np.ndarray, y: np.ndarray, *, max_complexity: int, seed: int) -> list[Candidate]:
        self.check_available()
        if self.regressor is None:  # pragma: no cover - needs Julia
            from pysr import PySRRegressor as regressor
        else:
            regressor = self.regressor
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        with tempfile.TemporaryDirectory(prefix="trigml_pysr_") as tmp:
            model = regressor(**pysr_options(self.settings, self.lut, max_complexity=max_complexity, seed=seed,
                                             output_directory=tmp))  # fmt: skip
            model.fit(X, y, variable_names=[f"x{i}" for i in range(X.shape[1])])
            rows = [(str(r["sympy_format"]), float(r["loss"])) for _, r in model.equations_.iterrows()]
        return _candidates(rows, X, y, self.settings, self.lut, max_complexity)


ENGINES: Mapping[str, type] = {"pyoperon": OperonEngine, "pysr": PySREngine}


def get_engine(settings: SRSettings, lut: LUTSettings, *, value_limit: float = float("inf")) -> SREngine:
    """The engine ``settings.engine`` names; PySR is checked for Julia at once. ``value_limit``:
    the fixed-point range pyoperon's search keeps intermediate values in (PySR cannot express it:
    its expressions are checked after the search, as pyoperon's are too)."""
    if settings.engine == "pyoperon":
        return OperonEngine(settings=settings, lut=lut, value_limit=value_limit)
    if settings.engine == "pysr":
        engine = PySREngine(settings=settings, lut=lut)
        engine.check_available()
        return engine
    raise ValueError(f"unknown SR engine {settings.engine!r}; expected one of {sorted(ENGINES)}")
