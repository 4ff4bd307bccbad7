"""Symbolic regression behind one engine interface: pyoperon (default, offline) and PySR.

An engine fits one regression target (here one class, one-vs-rest, target 2·onehot − 1) under a
maximum complexity and returns its Pareto front as :class:`Candidate` s: a SymPy expression in the
variables ``x0 .. x{n-1}`` (what hls4ml's symbolic-expression converter expects). Complexity is
always recomputed on that SymPy expression with the latency-weighted operator costs of Tsoi et al.
(:func:`expression_complexity`), so both engines are compared on the same scale.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import sympy

log = logging.getLogger(__name__)

DEFAULT_OPERATOR_COMPLEXITY: dict[str, int] = {
    "add": 1, "sub": 1, "mul": 1, "square": 1, "exp": 3, "log": 3, "sqrt": 5, "sin": 8, "cos": 8, "sc": 8, "div": 29, "tanh": 51,
}  # fmt: skip
"""HLS latency in clock cycles at ap_fixed<16,6> on a VU9P (Tsoi et al. 2023); leaves count 1."""

UNARY = {"sin", "cos", "exp", "log", "sqrt", "tanh", "sc", "square"}
BINARY = {"add", "sub", "mul", "div"}


class SREngineUnavailable(RuntimeError):
    """The requested engine cannot run here; the message says how to install what is missing."""


@dataclass(frozen=True)
class Candidate:
    """One expression of an engine's Pareto front."""

    expression: str
    complexity: int
    train_loss: float

    def sympy(self) -> sympy.Expr:
        return sympy.sympify(self.expression, locals=_symbols_namespace(self.expression))


def _symbols_namespace(expr: str) -> dict[str, Any]:
    return {"sc": lambda x: sympy.sin(x) * sympy.cos(x)}


def variables(n: int) -> list[sympy.Symbol]:
    return list(sympy.symbols(f"x0:{n}", real=True)) if n > 1 else [sympy.Symbol("x0", real=True)]


def parse_expression(expr: str | sympy.Expr) -> sympy.Expr:
    """A SymPy expression from a string in x0..xN (``sc(x)`` is sin(x)·cos(x))."""
    if isinstance(expr, sympy.Expr):
        return expr
    try:
        return sympy.sympify(expr, locals=_symbols_namespace(expr))
    except (sympy.SympifyError, SyntaxError, TypeError) as err:
        raise ValueError(f"cannot parse expression {expr!r}: {err}") from None


def _is_sc(node: sympy.Expr) -> bool:
    """sin(u)·cos(u) (the authors' sc operator) as one Mul node."""
    if not isinstance(node, sympy.Mul):
        return False
    sins = [a for a in node.args if isinstance(a, sympy.sin)]
    coss = [a for a in node.args if isinstance(a, sympy.cos)]
    return any(s.args[0] == c.args[0] for s in sins for c in coss)


def expression_complexity(
    expr: str | sympy.Expr, operator_complexity: Mapping[str, int] | None = None
) -> int:
    """Latency-weighted complexity of a SymPy expression.

    Leaves (variables, constants) count 1; every binary operation counts its operator's cost
    (a k-term sum is k − 1 additions; a product's factor −1 is a subtraction, not a multiply);
    x**n with integer n ≥ 2 is n − 1 multiplications, x**-n adds a division, x**(1/2) a sqrt;
    sin(u)·cos(u) counts as one ``sc``.
    """
    cost = {**DEFAULT_OPERATOR_COMPLEXITY, **(operator_complexity or {})}
    e = parse_expression(expr)

    def walk(node: sympy.Expr) -> int:
        if node.is_Atom:
            return 1
        if isinstance(node, sympy.Add):
            return sum(walk(a) for a in node.args) + (len(node.args) - 1) * cost["add"]
        if isinstance(node, sympy.Mul):
            args = list(node.args)
            total = 0
            if _is_sc(node):
                s = next(a for a in args if isinstance(a, sympy.sin))
                c = next(a for a in args if isinstance(a, sympy.cos) and a.args[0] == s.args[0])
                args.remove(s)
                args.remove(c)
                total += walk(s.args[0]) + cost["sc"]
                if args:
                    total += cost["mul"]
            if args and args[0] == -1:  # a negation folds into a subtraction
                args = args[1:]
            if not args:
                return total
            return total + sum(walk(a) for a in args) + (len(args) - 1) * cost["mul"]
        if isinstance(node, sympy.Pow):
            base, ex = node.args
            b = walk(base)
            if ex == sympy.Rational(1, 2):
                return b + cost["sqrt"]
            if ex == sympy.Rational(-1, 2):
                return 1 + b + cost["sqrt"] + cost["div"]
            if ex.is_Integer:
                n = abs(int(ex))
                c = b + (n - 1) * cost["mul"]
                return c + (1 + cost["div"] if int(ex) < 0 else 0)
            return b + walk(ex) + cost["exp"] + cost["log"] + cost["mul"]  # x**y = exp(y log x)
        name = type(node).__name__.lower()
        if name in cost:
            return sum(walk(a) for a in node.args) + cost[name]
        raise ValueError(f"operator {type(node).__name__} has no complexity (known: {sorted(cost)})")

    return int(walk(e))


TRIG = (sympy.sin, sympy.cos)


def has_nested_trig(expr: str | sympy.Expr) -> bool:
    """True if a sin/cos (hence sc) appears inside the argument of another sin/cos."""
    e = parse_expression(expr)
    return any(arg.has(*TRIG) for node in e.atoms(*TRIG) for arg in node.args)


def reduce_trig_phase(expr: str | sympy.Expr) -> sympy.Expr:
    """Shift the constant term of every sin/cos argument into [−π, π) (an exact identity), so that
    a lookup table over a finite range still sees the argument."""
    e = parse_expression(expr)

    def shift(func: type) -> Any:
        def rule(arg: sympy.Expr) -> sympy.Expr:
            c, rest = arg.as_coeff_Add()
            if c.is_Number and abs(float(c)) > np.pi:
                c = sympy.Float((float(c) + np.pi) % (2 * np.pi) - np.pi, 15)
            return func(c + rest)

        return rule

    for func in TRIG:
        e = e.replace(func, shift(func))
    return e


def trig_argument_max(expr: str | sympy.Expr, X: np.ndarray) -> float:
    """Largest |argument| of any sin/cos of the expression on the rows of ``X`` (0 if none)."""
    e = parse_expression(expr)
    worst = 0.0
    for node in e.atoms(*TRIG):
        vals = evaluate(node.args[0], X)
        worst = max(worst, float(np.max(np.abs(vals))) if vals.size else 0.0)
    return worst


def fixed_point_limit(precision: str) -> float:
    """Largest magnitude an ``ap_fixed<W,I>`` (signed) holds: 2^(I-1)."""
    import re

    m = re.fullmatch(r"\s*ap_fixed<\s*(\d+)\s*,\s*(-?\d+)\s*(,[^>]*)?>\s*", precision)
    if not m:
        raise ValueError(f"cannot read the integer bits of precision {precision!r} (expected ap_fixed<W,I>)")
    return float(2 ** (int(m.group(2)) - 1))


def hls_range_problems(expr: str | sympy.Expr, X: np.ndarray, *, lut_range: Sequence[float] = (-8.0, 8.0),
                       precision: str = "ap_fixed<16,6>") -> list[str]:  # fmt: skip
    """Why the expression would not compute on the FPGA what it computes in NumPy, on the rows of
    ``X``: a sin/cos argument outside the LUT range, an exp argument above it (below, the table's
    clamp only changes exp(low) ≈ 0), or any intermediate value (or constant) beyond the ap_fixed
    range, where fixed-point arithmetic wraps around. Empty list = deployable."""
    e = parse_expression(expr)
    lo, hi = float(lut_range[0]), float(lut_range[1])
    limit = fixed_point_limit(precision)
    nodes = [n for n in sympy.preorder_traversal(e) if not n.is_Symbol]
    problems = []
    for n in nodes:
        if n.is_Number:
            if abs(float(n)) >= limit:
                problems.append(f"constant {float(n):.4g} outside ±{limit:g}")
            continue
        v = evaluate(n, X)
        big = float(np.max(np.abs(v))) if v.size else 0.0
        if not np.isfinite(big) or big >= limit:
            problems.append(f"{n} reaches {big:.4g}, outside ±{limit:g} of {precision}")
        if isinstance(n, TRIG):
            a = evaluate(n.args[0], X)
            if a.size and (a.min() < -max(abs(lo), abs(hi)) or a.max() > max(abs(lo), abs(hi))):
                problems.append(f"argument of {n} leaves the LUT range [{lo:g}, {hi:g}]")
        elif isinstance(n, sympy.exp):
            a = evaluate(n.args[0], X)
            if a.size and a.max() > hi:
                problems.append(f"argument of {n} exceeds the LUT range's upper end {hi:g}")
    return problems


def evaluate(expr: str | sympy.Expr, X: np.ndarray) -> np.ndarray:
    """NumPy evaluation of an expression in x0..x{n-1} on the rows of ``X`` (n_rows,)."""
    e = parse_expression(expr)
    X = np.asarray(X, dtype=np.float64)
    syms = variables(X.shape[1])
    # free symbols may have been created without assumptions; map them by name
    by_name = {s.name: s for s in e.free_symbols}
    unknown = set(by_name) - {s.name for s in syms}
    if unknown:
        raise ValueError(f"expression uses {sorted(unknown)} but X has only {X.shape[1]} columns")
    args = [by_name.get(s.name, s) for s in syms]
    f = sympy.lambdify(args, e, modules="numpy")
    out = np.asarray(f(*[X[:, i] for i in range(X.shape[1])]), dtype=np.float64)
    return np.broadcast_to(out, (X.shape[0],)).copy()


def l2_margin_loss(pred: np.ndarray, target: np.ndarray) -> float:
    """mean(max(0, 1 − t·f)²) for targets t ∈ {−1, +1} (PySR's L2MarginLoss)."""
    m = np.maximum(0.0, 1.0 - np.asarray(target) * np.asarray(pred))
    return float(np.mean(m * m))


class SREngine(Protocol):
    """What every symbolic-regression engine provides."""

    name: str

    def fit(self, X: np.ndarray, y: np.ndarray, *, max_complexity: int, seed: int) -> list[Candidate]:
        """Pareto-front candidates (expressions in x0..x{n-1}) for target ``y``."""
        ...


@dataclass
class OperonEngine:
    """pyoperon (Operon's C++ GP): NSGA-II on (R², length), nonlinear least squares on the constants.

    Deviations, stated where the results are: Operon minimises the squared error to the ±1
    targets (no margin loss; the L2 margin loss is evaluated on its front afterwards); it has no
    ``sc`` primitive (``sc`` in ``operators`` enables sin, and sin(2u)/2 = sc(u)); it cannot forbid
    nested trigonometric functions; its length limit counts nodes, so each run uses
    ``max_length = max_complexity`` and the latency-weighted complexity filters the front.
    Nested trigonometric functions cannot be forbidden during the search, so such models are
    dropped from the front afterwards (``forbid_nested_trig``), as the authors' constraint asks.
    """

    operators: Sequence[str] = ("add", "sub", "mul", "sin", "sc")
    operator_complexity: Mapping[str, int] | None = None
    generations: int = 60
    population_size: int = 300
    max_time: int | None = None
    n_threads: int = 1
    forbid_nested_trig: bool = True
    name: str = "pyoperon"

    OPERON_SYMBOLS = {"add": "add", "sub": "sub", "mul": "mul", "div": "div", "sin": "sin", "cos": "cos",
                      "exp": "exp", "log": "log", "sqrt": "sqrt", "tanh": "tanh", "sc": "sin",
                      "square": "square"}  # fmt: skip

    def __post_init__(self) -> None:
        unknown = set(self.operators) - set(self.OPERON_SYMBOLS)
        if unknown:
            raise ValueError(f"pyoperon engine: unsupported operator(s) {sorted(unknown)}")

    def fit(self, X: np.ndarray, y: np.ndarray, *, max_complexity: int, seed: int) -> list[Candidate]:
        from pyoperon.sklearn import SymbolicRegressor

        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if X.ndim != 2 or len(X) != len(y) or len(y) == 0:
            raise ValueError(f"X must be (N, n) and y (N,) with N > 0, got {X.shape} and {y.shape}")
        symbols = sorted({self.OPERON_SYMBOLS[o] for o in self.operators}) + ["constant", "variable"]
        reg = SymbolicRegressor(
            allowed_symbols=",".join(symbols),
            max_length=max(int(max_complexity), 3),
            max_depth=12,
            objectives=["r2", "length"],
            generations=self.generations,
            population_size=self.population_size,
            max_time=self.max_time,
            n_threads=self.n_threads,
            random_state=int(seed),
        )
        reg.fit(X, y)
        names = [f"x{i}" for i in range(X.shape[1])]
        out: dict[str, Candidate] = {}
        for m in reg.pareto_front_:
            text = reg.get_model_string(m["tree"], 6, names)
            expr = sympy.sympify(text)
            c = expression_complexity(expr, self.operator_complexity)
            if c > max_complexity or (self.forbid_nested_trig and has_nested_trig(expr)):
                continue
            s = str(expr)
            loss = l2_margin_loss(evaluate(expr, X), y)
            if s not in out or out[s].train_loss > loss:
                out[s] = Candidate(s, c, loss)
        if not out:  # the constant model always fits
            const = float(np.mean(y))
            out[repr(const)] = Candidate(repr(const), 1, l2_margin_loss(np.full_like(y, const), y))
        return sorted(out.values(), key=lambda c: (c.complexity, c.train_loss))


PYSR_INSTALL_HELP = (
    "The PySR engine needs the `pysr` package, a Julia installation (≥ 1.10) and the Julia package "
    "SymbolicRegression.jl. Install them on a machine with internet access:\n"
    "  1. pip install pysr\n"
    "  2. install Julia with juliaup: curl -fsSL https://install.julialang.org | sh   (or https://julialang.org/downloads/)\n"
    "  3. python -c 'import pysr'   # once, online: installs SymbolicRegression.jl into Julia's depot\n"
    "Then set jets_sr.sr.engine: pysr. Offline, use the default engine: jets_sr.sr.engine: pyoperon."
)


def julia_executable() -> str | None:
    """The Julia binary PySR would use (``PYTHON_JULIACALL_EXE`` or ``julia`` on PATH), if any."""
    import os

    exe = os.environ.get("PYTHON_JULIACALL_EXE")
    if exe and os.path.exists(exe):
        return exe
    return shutil.which("julia")


@dataclass
class PySREngine:
    """PySR (SymbolicRegression.jl) with the authors' set-up: L2 margin loss, per-operator
    complexities, sc(x) = sin(x)cos(x) as a custom operator, no nested sin/sc."""

    operators: Sequence[str] = ("add", "sub", "mul", "sin", "sc")
    operator_complexity: Mapping[str, int] | None = None
    generations: int = 60
    population_size: int = 300
    max_time: int | None = None
    n_threads: int = 1
    name: str = "pysr"

    JULIA_BINARY = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
    JULIA_UNARY = {"sin": "sin", "cos": "cos", "exp": "exp", "log": "log", "sqrt": "sqrt", "tanh": "tanh",
                   "sc": "sc(x) = sin(x)*cos(x)", "square": "square"}  # fmt: skip

    def check_available(self) -> None:
        """Raise :class:`SREngineUnavailable` (with install instructions) unless pysr and Julia exist.

        Importing pysr without Julia would start a download of Julia, so Julia is looked for first.
        """
        if importlib.util.find_spec("pysr") is None:
            raise SREngineUnavailable(
                "PySR engine unavailable: the Python package `pysr` is not installed.\n" + PYSR_INSTALL_HELP
            )
        if julia_executable() is None:
            raise SREngineUnavailable("PySR engine unavailable: no Julia executable found (julia not on PATH, "
                                      "PYTHON_JULIACALL_EXE unset).\n" + PYSR_INSTALL_HELP)  # fmt: skip

    def fit(self, X: np.ndarray, y: np.ndarray, *, max_complexity: int, seed: int) -> list[Candidate]:
        self.check_available()
        from pysr import PySRRegressor  # pragma: no cover - needs Julia

        cost = {**DEFAULT_OPERATOR_COMPLEXITY, **(self.operator_complexity or {})}  # pragma: no cover
        binary = [self.JULIA_BINARY[o] for o in self.operators if o in BINARY]  # pragma: no cover
        unary = [self.JULIA_UNARY[o] for o in self.operators if o in UNARY]  # pragma: no cover
        trig = [u for u in ("sin", "cos", "sc") if u in self.operators]  # pragma: no cover
        model = PySRRegressor(  # pragma: no cover
            binary_operators=binary,
            unary_operators=unary,
            extra_sympy_mappings={"sc": lambda x: sympy.sin(x) * sympy.cos(x)},
            complexity_of_operators={self.JULIA_BINARY.get(o, o): cost[o] for o in self.operators},
            nested_constraints={t: {u: 0 for u in trig} for t in trig},
            elementwise_loss="L2MarginLoss()",
            maxsize=int(max_complexity),
            niterations=self.generations,
            population_size=self.population_size,
            timeout_in_seconds=self.max_time,
            random_state=int(seed),
            deterministic=True,
            parallelism="serial",
            progress=False,
            verbosity=0,
        )
        model.fit(np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64),
                  variable_names=[f"x{i}" for i in range(X.shape[1])])  # fmt: skip  # pragma: no cover
        out = []  # pragma: no cover
        for _, row in model.equations_.iterrows():  # pragma: no cover
            expr = row["sympy_format"]
            c = expression_complexity(expr, self.operator_complexity)
            if c <= max_complexity:
                out.append(Candidate(str(expr), c, float(row["loss"])))
        return sorted(out, key=lambda c: (c.complexity, c.train_loss))  # pragma: no cover


def get_engine(name: str, **options: Any) -> SREngine:
    """The engine called ``name`` (pyoperon | pysr); PySR is checked for Julia right away."""
    if name == "pyoperon":
        return OperonEngine(**options)
    if name == "pysr":
        engine = PySREngine(**options)
        engine.check_available()
        return engine
    raise ValueError(f"unknown SR engine {name!r}; expected 'pyoperon' or 'pysr'")


def pareto_front(
    points: Sequence[dict[str, Any]], *, x: str = "complexity", y: str = "loss"
) -> list[dict[str, Any]]:
    """The points not dominated in (x, y), both minimised; sorted by x."""
    best = float("inf")
    front = []
    for p in sorted(points, key=lambda p: (p[x], p[y])):
        if p[y] < best:
            front.append(p)
            best = p[y]
    return front
