"""Expressions of the symbolic regression: parsing, latency-weighted complexity, the nesting and
HLS-range checks, NumPy evaluation (optionally with hls4ml's LUT sin/cos), the L2 margin loss and
Pareto fronts. The engines that search for them are in :mod:`trigml.jets_sr.engines`.

Expressions are SymPy expressions in the variables ``x0 .. x{n-1}`` (what hls4ml's
symbolic-expression converter expects). Their complexity is computed here with the
latency-weighted operator costs of the config (``jets_sr.sr.operator_complexity``), so both
engines are compared on the same scale.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from sympy.core.function import UndefinedFunction

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
        parsed = sympy.sympify(expr, locals=_symbols_namespace(expr))
    except (sympy.SympifyError, SyntaxError, TypeError) as err:
        raise ValueError(f"cannot parse expression {expr!r}: {err}") from None
    undefined = parsed.atoms(sympy.Function)
    unknown = sorted({type(f).__name__ for f in undefined if isinstance(type(f), UndefinedFunction)})
    if unknown:
        raise ValueError(f"expression {expr!r} uses unknown operator(s) {unknown}")
    return parsed


def _is_sc(node: sympy.Expr) -> bool:
    """sin(u)·cos(u) (the authors' sc operator) as one Mul node."""
    if not isinstance(node, sympy.Mul):
        return False
    sins = [a for a in node.args if isinstance(a, sympy.sin)]
    coss = [a for a in node.args if isinstance(a, sympy.cos)]
    return any(s.args[0] == c.args[0] for s in sins for c in coss)


def constant_mul_cost(cost: Mapping[str, int]) -> int:
    """Cost of multiplying by a constant: ``cost["cmul"]`` where the table has it (the measured RTL
    table does: a constant factor is a shift-and-add tree there, no multiplier), else ``cost["mul"]``
    (the paper's HLS table charges every multiplication alike)."""
    return int(cost["cmul"]) if "cmul" in cost else int(cost["mul"])


def expression_complexity(
    expr: str | sympy.Expr, operator_complexity: Mapping[str, int] | None = None
) -> int:
    """Latency-weighted complexity of a SymPy expression.

    Leaves (variables, constants) count 1; every binary operation counts its operator's cost
    (a k-term sum is k − 1 additions; a product's factor −1 is a subtraction, not a multiply);
    x**n with integer n ≥ 2 is n − 1 multiplications, x**-n adds a division, x**(1/2) a sqrt;
    sin(u)·cos(u) counts as one ``sc``; a numeric factor (a scaling by a constant) costs ``cmul``
    where the table has it (:func:`constant_mul_cost`), else ``mul``.
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
            total, terms = 0, 0
            if _is_sc(node):
                s = next(a for a in args if isinstance(a, sympy.sin))
                c = next(a for a in args if isinstance(a, sympy.cos) and a.args[0] == s.args[0])
                args.remove(s)
                args.remove(c)
                total, terms = walk(s.args[0]) + cost["sc"], 1
            if args and args[0] == -1:  # a negation folds into a subtraction
                args = args[1:]
            numbers = sum(1 for a in args if a.is_Number)
            terms += len(args) - numbers
            total += sum(walk(a) for a in args)
            if not terms:  # a product of numbers only (not produced by SymPy)
                return total + max(numbers - 1, 0) * cost["mul"]
            return total + (terms - 1) * cost["mul"] + numbers * constant_mul_cost(cost)
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
                       precision: str = "ap_fixed<16,6>", trig_clamped: bool = False) -> list[str]:  # fmt: skip
    """Why the expression would not compute on the FPGA what it computes in NumPy, on the rows of
    ``X``: a sin/cos argument outside the LUT range (unless ``trig_clamped``: the NumPy side
    evaluates sin/cos through the table, whose index is clamped to its ends exactly as the FPGA's),
    an exp argument above it (below, the table's clamp only changes exp(low) ≈ 0), or any
    intermediate value (or constant) beyond the ap_fixed range, where fixed-point arithmetic wraps
    around. Empty list = deployable."""
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
        if isinstance(n, TRIG) and not trig_clamped:
            a = evaluate(n.args[0], X)
            if a.size and (a.min() < -max(abs(lo), abs(hi)) or a.max() > max(abs(lo), abs(hi))):
                problems.append(f"argument of {n} leaves the LUT range [{lo:g}, {hi:g}]")
        elif isinstance(n, sympy.exp):
            a = evaluate(n.args[0], X)
            if a.size and a.max() > hi:
                problems.append(f"argument of {n} exceeds the LUT range's upper end {hi:g}")
    return problems


def evaluate(expr: str | sympy.Expr, X: np.ndarray, *, lut: Any = None) -> np.ndarray:
    """NumPy evaluation of an expression in x0..x{n-1} on the rows of ``X`` (n_rows,).

    ``lut`` (a :class:`trigml.jets_sr.settings.LUTSettings`): sin and cos through hls4ml's lookup
    table, as the FPGA design computes them; None = exact NumPy functions.
    """
    e = parse_expression(expr)
    X = np.asarray(X, dtype=np.float64)
    syms = variables(X.shape[1])
    # free symbols may have been created without assumptions; map them by name
    by_name = {s.name: s for s in e.free_symbols}
    unknown = set(by_name) - {s.name for s in syms}
    if unknown:
        raise ValueError(f"expression uses {sorted(unknown)} but X has only {X.shape[1]} columns")
    args = [by_name.get(s.name, s) for s in syms]
    modules: list[Any] = ["numpy"]
    if lut is not None:
        from .operon import math_lut

        table = lut.table()
        modules.insert(
            0, {"sin": lambda u: math_lut(np.sin, u, **table), "cos": lambda u: math_lut(np.cos, u, **table)}
        )
    f = sympy.lambdify(args, e, modules=modules)
    out = np.asarray(f(*[X[:, i] for i in range(X.shape[1])]), dtype=np.float64)
    return np.broadcast_to(out, (X.shape[0],)).copy()


def l2_margin_loss(pred: np.ndarray, target: np.ndarray) -> float:
    """mean(max(0, 1 − t·f)²) for targets t ∈ {−1, +1} (PySR's L2MarginLoss)."""
    m = np.maximum(0.0, 1.0 - np.asarray(target) * np.asarray(pred))
    return float(np.mean(m * m))


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
