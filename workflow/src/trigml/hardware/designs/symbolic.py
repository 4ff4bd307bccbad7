"""Symbolic-regression expressions as traced da4ml logic, with hls4ml's arithmetic.

hls4ml's symbolic-expression back-end computes each expression in ``ap_fixed`` C++ with inputs and
result in the model precision (``ap_fixed<W,I>``), intermediate products and sums at full precision,
and math functions as ``nnet::lookup_table<result_t, N, f>(start, end)``: the argument is cast to
``result_t``, the index ``int((x - start) * N / (end - start))`` is clipped to ``[0, N-1]`` and the
table holds ``f(start + i * step)`` cast to ``result_t``. The traced design does the same:

* inputs and every constant quantized to the precision (truncation), ``+``/``-``/``×`` exact;
* ``sin``/``cos``/``tan``/``exp``/``log``/``tanh``: argument cast to the precision, then floored to
  the table grid and saturated to ``[start, end - step]`` — one da4ml lookup table of N entries
  (``end - start`` a power of two with ``start = -end``, ``N / (end - start)`` a power of two);
* every output cast to the precision (truncation, wrap-around: ``ap_fixed``'s defaults).

One design computes all expressions of a classifier (one output per class); its score is the
argmax, as the SR study's one-vs-rest classifier.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..design import Design
from .fixed import FixedType, parse_ap_fixed

__all__ = ["LUT_FUNCTIONS", "evaluate", "lut_index_type", "symbolic_design", "trace"]

LUT_FUNCTIONS = {sympy.sin: np.sin, sympy.cos: np.cos, sympy.tan: np.tan, sympy.exp: np.exp,
                 sympy.log: np.log, sympy.tanh: np.tanh}  # fmt: skip


def lut_index_type(table_size: int, lut_range: Sequence[float]) -> FixedType:
    """The fixed-point grid of hls4ml's LUT index: ``[start, end)`` in ``table_size`` steps."""
    lo, hi = float(lut_range[0]), float(lut_range[1])
    span = hi - lo
    if (
        lo != -hi
        or span <= 0
        or not math.log2(span).is_integer()
        or not math.log2(table_size / span).is_integer()
    ):
        raise ValueError(
            f"LUT range {list(lut_range)} with {table_size} entries: the RTL design needs start = -end, "
            "end - start a power of two and table_size / (end - start) a power of two"
        )
    return FixedType(k=1, i=int(math.log2(hi)), f=int(math.log2(table_size / span)))


def _q(x: Any, t: FixedType, overflow: str = "WRAP") -> Any:
    from da4ml.trace.ops import quantize

    return quantize(x, t.k, t.i, t.f, overflow_mode=overflow, round_mode="TRN")


def _variables_first(args: list[Any]) -> list[Any]:
    """Constants after variables: da4ml's arrays take ``array * 2.0``, not ``2.0 * array``."""
    return sorted(args, key=lambda a: isinstance(a, float))


def evaluate(expr: sympy.Expr, xs: list[Any], t: FixedType, lut: FixedType) -> Any:
    """The expression in hls4ml's fixed-point arithmetic on inputs ``xs`` (``xs[j]`` = ``x<j>``,
    NumPy columns or traced variables, already quantized to ``t``)."""

    def walk(node: sympy.Expr) -> Any:
        if node.is_Symbol:
            return xs[int(str(node)[1:])]
        if node.is_Number:
            return float(_q(np.float64(float(node)), t))
        if node.is_Add:
            args = _variables_first([walk(a) for a in node.args])
            out = args[0]
            for a in args[1:]:
                out = out + a
            return out
        if node.is_Mul:
            args = _variables_first([walk(a) for a in node.args])
            out = args[0]
            for a in args[1:]:
                out = out * a
            return out
        if node.is_Pow and node.exp.is_Integer and int(node.exp) > 0:
            base = walk(node.base)
            out = base
            for _ in range(int(node.exp) - 1):
                out = out * base
            return out
        if node.func in LUT_FUNCTIONS:
            arg = _q(_q(walk(node.args[0]), t), lut, overflow="SAT")
            fn = LUT_FUNCTIONS[node.func]
            if isinstance(arg, np.ndarray):
                return _q(fn(arg), t)
            return arg.apply(fn).quantize(t.k, t.i, t.f, overflow_mode="WRAP", round_mode="TRN")
        raise ValueError(f"operation {node.func.__name__} in {node} has no RTL implementation (no division, "
                         "fractional or negative powers)")  # fmt: skip

    return walk(expr)


def _outputs(exprs: list[sympy.Expr], x: Any, t: FixedType, lut: FixedType, n: int) -> list[Any]:
    xq = _q(x, t)  # da4ml inputs wrap; the test inputs are saturated to the input type beforehand
    cols = (
        [xq[j : j + 1] for j in range(n)] if not isinstance(xq, np.ndarray) else [xq[:, j] for j in range(n)]
    )
    return [_q(evaluate(e, cols, t, lut), t) for e in exprs]


def trace(
    exprs: list[sympy.Expr], n_inputs: int, precision: str, table_size: int, lut_range: Sequence[float]
) -> Any:
    """da4ml ``CombLogic`` computing every expression (one output each)."""
    from da4ml.trace import FixedVariableArray, FixedVariableArrayInput, HWConfig, comb_trace

    t, lut = parse_ap_fixed(precision), lut_index_type(table_size, lut_range)
    inp = FixedVariableArrayInput((n_inputs,), hwconf=HWConfig(1, -1, -1))
    outs = _outputs(exprs, inp, t, lut, n_inputs)
    zero = _q(inp[0:1], t) * 0.0
    parts = [o if isinstance(o, FixedVariableArray) else zero + float(o) for o in outs]  # constants: drivers
    return comb_trace(inp, np.concatenate(parts))


def symbolic_design(
    *, name: str, study: str, expressions: Sequence[str | sympy.Expr], n_inputs: int, precision: str,
    table_size: int, lut_range: Sequence[float], X: np.ndarray, labels: np.ndarray | None = None,
    meta: dict[str, Any] | None = None,
) -> Design:  # fmt: skip
    """A :class:`Design` computing ``expressions`` (SymPy or strings in ``x0..x{n-1}``); the float
    scores are the expressions evaluated in float64."""
    exprs = [sympy.sympify(e) if isinstance(e, str) else e for e in expressions]
    if not exprs:
        raise ValueError(f"design {name}: no expressions")
    syms = sympy.symbols(f"x0:{n_inputs}")
    bad = {str(s) for e in exprs for s in e.free_symbols} - {str(s) for s in syms}
    if bad:
        raise ValueError(f"design {name}: expressions use {sorted(bad)}, inputs are x0..x{n_inputs - 1}")
    comb = trace(exprs, n_inputs, precision, table_size, lut_range)
    f = sympy.lambdify(syms, exprs, "numpy")
    with np.errstate(all="ignore"):
        fl = np.stack([np.broadcast_to(np.asarray(v, np.float64), (len(X),)) for v in f(*X.T)], axis=1)
    fl = np.nan_to_num(fl, nan=0.0, posinf=1e300, neginf=-1e300)
    info = {"expressions": [str(e) for e in exprs], "table_size": table_size, "lut_range": list(lut_range),
            **(meta or {})}  # fmt: skip
    return Design(name=name, study=study, inputs=X, comb=comb, labels=labels, float_scores=fl, metric="accuracy",
                  precision=f"{precision}, LUT {table_size} entries over {list(lut_range)}", meta=info)  # fmt: skip
