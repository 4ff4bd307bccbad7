"""SR expressions on an FPGA: hls4ml's symbolic-expression converter with LUT-based math.

Without Vivado/Vitis the generated C++ cannot include Xilinx's ``hls_math.h``; every
transcendental function is therefore replaced by a lookup-table function (``sin`` → ``sin_lut``
with ``table_size`` entries over ``[range_start, range_end]``), which hls4ml implements in plain
C++, and ``hls_include_path=""`` / ``hls_libs_path=""`` tell hls4ml not to look for Xilinx's
headers. The same LUT designs are what the authors synthesised (their "LUT functions").

Synthesis needs the HLS tool; where it is absent, :func:`operation_estimate` gives a clearly
labelled estimate from the expression's operation counts instead (not a synthesis result).
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from trigml.hardware.hls4ml import converters
from trigml.hardware.hls4ml import csim as hls_csim

from .sr import DEFAULT_OPERATOR_COMPLEXITY, parse_expression

log = logging.getLogger(__name__)

def to_lut_expression(expr: str | sympy.Expr) -> tuple[sympy.Expr, list[str]]:
    """Replace sin, cos, tan, exp, log, tanh by ``<f>_lut`` functions; return the expression and
    the names of the math functions used (the shared back-end's rule, on trigml's parsed expression)."""
    return converters.to_lut_expression(parse_expression(expr))


def lut_functions(
    names: Sequence[str], *, table_size: int = 256, lut_range: Sequence[float] = (-8.0, 8.0)
) -> dict[str, dict[str, Any]]:
    """hls4ml ``lut_functions`` for the math functions in ``names``."""
    return converters.lut_functions(names, table_size=table_size, lut_range=lut_range)


def convert(
    expressions: Sequence[str | sympy.Expr], n_symbols: int, output_dir: str | os.PathLike[str], *,
    precision: str = "ap_fixed<16,6>", part: str = "xcvu9p-flga2577-2-e", clock_period: float = 5.0,
    table_size: int = 256, lut_range: Sequence[float] = (-8.0, 8.0), backend_compiler: str = "vitis_hls",
):  # type: ignore[no-untyped-def]  # fmt: skip
    """An hls4ml SymbolicExpression model computing all ``expressions`` (one output each), with LUT
    math; not yet compiled (:func:`trigml.hardware.hls4ml.converters.convert_symbolic`)."""
    backend = {"vitis_hls": "Vitis", "vivado_hls": "Vivado"}[backend_compiler]
    settings = converters.HLSSettings(backend=backend, part=part, clock_period=clock_period, precision=precision)
    return converters.convert_symbolic(
        [parse_expression(e) for e in expressions], output_dir, settings, n_symbols=n_symbols,
        table_size=table_size, lut_range=lut_range,
    )  # fmt: skip


def csim(hls_model, X: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Compile (g++) and run the C simulation on the rows of ``X``; (N, n_outputs)."""
    hls_csim.compile_model(hls_model)
    return hls_csim.predict(hls_model, X)[0]


def operation_counts(expr: str | sympy.Expr) -> dict[str, int]:
    """How many of each operation the expression needs (adds, subs, muls, divs, functions)."""
    e = parse_expression(expr)
    counts: Counter[str] = Counter()

    def walk(node: sympy.Expr) -> None:
        if node.is_Atom:
            return
        if isinstance(node, sympy.Add):
            neg = sum(1 for a in node.args if a.could_extract_minus_sign())
            counts["sub"] += min(neg, len(node.args) - 1)
            counts["add"] += len(node.args) - 1 - min(neg, len(node.args) - 1)
        elif isinstance(node, sympy.Mul):
            args = [a for a in node.args if a != -1]
            counts["mul"] += max(len(args) - 1, 0)
        elif isinstance(node, sympy.Pow):
            ex = node.args[1]
            if ex.is_Integer:
                counts["mul"] += abs(int(ex)) - 1
                if int(ex) < 0:
                    counts["div"] += 1
            else:
                counts["pow"] += 1
        else:
            counts[type(node).__name__.lower()] += 1
        for a in node.args:
            walk(a)

    walk(e)
    return {k: v for k, v in counts.items() if v}


def expression_depth_latency(
    expr: str | sympy.Expr, operator_latency: Mapping[str, int] | None = None
) -> int:
    """Critical-path latency in clock cycles: the longest chain of operator latencies from an input
    to the output (operations on parallel branches overlap, as in a fully pipelined design)."""
    lat = {**DEFAULT_OPERATOR_COMPLEXITY, **(operator_latency or {})}
    e = parse_expression(expr)

    def walk(node: sympy.Expr) -> int:
        if node.is_Atom:
            return 0
        kids = [walk(a) for a in node.args]
        deepest = max(kids) if kids else 0
        if isinstance(node, sympy.Add):
            return deepest + lat["add"] * int(np.ceil(np.log2(len(node.args))))
        if isinstance(node, sympy.Mul):
            n = len([a for a in node.args if a != -1])
            return deepest + lat["mul"] * int(np.ceil(np.log2(max(n, 1))))
        if isinstance(node, sympy.Pow):
            ex = node.args[1]
            n = abs(int(ex)) if ex.is_Integer else 2
            return (
                deepest
                + lat["mul"] * int(np.ceil(np.log2(max(n, 1))))
                + (lat["div"] if ex.is_Integer and int(ex) < 0 else 0)
            )
        return deepest + lat.get(type(node).__name__.lower(), lat["div"])

    return int(walk(e))


def operation_estimate(expressions: Sequence[str], *, clock_period: float = 5.0,
                       operator_latency: Mapping[str, int] | None = None) -> dict[str, Any]:  # fmt: skip
    """A clearly labelled estimate (NOT synthesis) of a design computing ``expressions`` in parallel:
    the critical-path latency from the per-operator latencies of Tsoi et al. (ap_fixed<16,6>,
    VU9P) and the operation counts (each multiply of two variables maps to ≈ 1 DSP; LUT-based
    functions each need one table)."""
    per = []
    total: Counter[str] = Counter()
    for e in expressions:
        ops = operation_counts(e)
        total.update(ops)
        per.append(
            {
                "expression": str(e),
                "operations": ops,
                "latency_cycles": expression_depth_latency(e, operator_latency),
            }
        )
    cycles = max(p["latency_cycles"] for p in per) if per else 0
    return {
        "estimate": True,
        "method": "operation-count estimate from per-operator HLS latencies (Tsoi et al.); not a synthesis result",
        "latency_cycles": cycles,
        "latency_ns": cycles * clock_period,
        "clock_period_ns": clock_period,
        "operations": dict(total),
        "per_expression": per,
    }
