"""pyoperon searching what Tsoi et al. optimise: the L2 margin loss and the FPGA-latency-weighted
complexity as the two NSGA-II objectives, with the no-nested-trigonometry constraint and hls4ml's
LUT sin/cos inside the search.

pyoperon's scikit-learn wrapper offers only built-in objectives (r2, mse, length, ...), but its
bindings expose ``UserDefinedEvaluator`` (a Python callable ``(rng, individual) -> [value]``).
:class:`MarginOperon` plugs two such evaluators into the wrapper's own NSGA-II set-up:

* ``margin``: mean(max(0, 1 − t·f)²) of the tree's raw output f on the training jets (PySR's
  ``L2MarginLoss``), sin/cos evaluated through hls4ml's lookup table (``math_lut`` of
  ``hls4ml.utils.symbolic_utils``) so the search sees what the FPGA computes;
* ``latency``: the per-operator latency-weighted complexity (:func:`tree_complexity`), and
  :data:`INFEASIBLE` for a tree with a sin/cos inside a sin/cos (the constraint, enforced in the
  search: such trees are dominated by every feasible one).

Operon's local search (Levenberg–Marquardt on the numeric constants) would minimise the squared
error to the ±1 targets, not the margin; it is off (``optimizer_iterations`` 0, pyoperon's default:
see docs/jets_sr.md), so the margin loss alone decides selection and survival.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .sr import constant_mul_cost

INFEASIBLE = 1.0e9
"""Objective value of a tree that breaks a constraint (nested trigonometric functions)."""

_UNARY = {"Sin": "sin", "Cos": "cos", "Exp": "exp", "Log": "log", "Sqrt": "sqrt", "Tanh": "tanh"}
_TRIG = {"Sin", "Cos"}


def math_lut(func: Any, x: np.ndarray, *, table_size: int, lo: float, hi: float) -> np.ndarray:
    """``func`` through a lookup table as hls4ml's ``math_lut`` (Julia, for PySR) defines it:
    index = round((x − lo)·N / (hi − lo)) clamped to [0, N − 1], value = func(lo + index·step)."""
    n = int(table_size)
    step = (hi - lo) / n
    idx = np.clip(np.rint((np.asarray(x) - lo) * n / (hi - lo)), 0, n - 1)
    return func(lo + step * idx)


def _node_kind(node: Any) -> str:
    if node.IsConstant:
        return "Constant"
    if node.IsVariable:
        return "Variable"
    return str(node.Name).capitalize() if str(node.Name) in ("sin", "cos", "exp", "log", "sqrt", "tanh", "square") \
        else {"+": "Add", "-": "Sub", "*": "Mul", "/": "Div"}.get(str(node.Name), str(node.Name))  # fmt: skip


def _children(nodes: Sequence[Any], i: int) -> list[int]:
    """Indices of the children of postfix node ``i`` (first child = ``i − 1``)."""
    out, j = [], i - 1
    for _ in range(nodes[i].Arity):
        out.append(j)
        j -= nodes[j].Length + 1
    return out


def tree_complexity(nodes: Sequence[Any], cost: Mapping[str, int]) -> float:
    """Latency-weighted complexity of an Operon tree (postfix nodes), counted as
    :func:`trigml.jets_sr.sr.expression_complexity` counts the SymPy expression: leaves 1, a
    weighted variable w·x = 2 + the cost of a constant multiplication (``cmul``, else ``mul``); :data:`INFEASIBLE` if a sin/cos holds a sin/cos."""
    total = 0.0
    trig_below = [False] * len(nodes)
    for i, node in enumerate(nodes):
        kind = _node_kind(node)
        kids = _children(nodes, i)
        below = any(trig_below[k] for k in kids)
        if kind in _TRIG and below:
            return INFEASIBLE
        trig_below[i] = below or kind in _TRIG
        if kind == "Constant":
            total += 1
        elif kind == "Variable":
            total += 1 if node.Value == 1.0 else 2 + constant_mul_cost(cost)
        elif kind == "Mul":
            numbers = sum(1 for k in kids if nodes[k].IsConstant)
            terms = len(kids) - numbers
            total += (terms - 1) * cost["mul"] + numbers * constant_mul_cost(cost) if terms else \
                (len(kids) - 1) * cost["mul"]  # fmt: skip
        elif kind in ("Add", "Sub", "Div"):
            total += (len(kids) - 1) * cost[kind.lower()]
        elif kind == "Square":
            total += cost["mul"]
        else:
            total += cost[_UNARY[kind]]
    return total


def evaluate_tree(
    nodes: Sequence[Any], X: np.ndarray, columns: Mapping[int, int], *, lut: Mapping[str, Any]
) -> np.ndarray:
    """NumPy value of an Operon tree on the rows of ``X`` with LUT sin/cos (``lut``: table_size, lo, hi).

    ``columns`` maps a variable's hash to its column of ``X``.
    """
    return evaluate_tree_range(nodes, X, columns, lut=lut)[0]


def evaluate_tree_range(nodes: Sequence[Any], X: np.ndarray, columns: Mapping[int, int], *,
                        lut: Mapping[str, Any]) -> tuple[np.ndarray, float]:  # fmt: skip
    """:func:`evaluate_tree` and the largest magnitude of any intermediate value (or constant)."""
    vals: list[np.ndarray | None] = [None] * len(nodes)
    biggest = 0.0
    for i, node in enumerate(nodes):
        kind = _node_kind(node)
        kids = [vals[k] for k in _children(nodes, i)]
        if kind == "Constant":
            v = np.full(len(X), node.Value)
        elif kind == "Variable":
            v = node.Value * X[:, columns[node.HashValue]]
        elif kind == "Add":
            v = np.sum(kids, axis=0)
        elif kind == "Mul":
            v = np.prod(kids, axis=0)
        elif kind == "Sub":
            v = kids[0] - np.sum(kids[1:], axis=0) if len(kids) > 1 else -kids[0]
        elif kind == "Div":
            v = kids[0] / np.prod(kids[1:], axis=0) if len(kids) > 1 else 1.0 / kids[0]
        elif kind == "Square":
            v = kids[0] * kids[0]
        elif kind in _TRIG:
            v = math_lut(np.sin if kind == "Sin" else np.cos, kids[0], **lut)
        else:
            v = getattr(np, _UNARY[kind])(kids[0])
        vals[i] = v
        biggest = max(biggest, float(np.max(np.abs(v))) if np.size(v) else 0.0)
    return np.asarray(vals[-1], dtype=np.float64), biggest


def margin_loss(pred: np.ndarray, target: np.ndarray) -> float:
    """mean(max(0, 1 − t·f)²) (PySR's ``L2MarginLoss``); non-finite predictions are infeasible."""
    if not np.all(np.isfinite(pred)):
        return INFEASIBLE
    m = np.maximum(0.0, 1.0 - target * pred)
    return float(np.mean(m * m))


def _regressor_class() -> type:
    """:class:`MarginOperon`, built on first use so that importing this module needs no pyoperon."""
    import pyoperon as op
    from pyoperon.sklearn import SymbolicRegressor

    class MarginOperon(SymbolicRegressor):  # type: ignore[misc]
        """pyoperon's regressor with two more objectives, ``margin`` and ``latency`` (see module)."""

        CUSTOM = ("margin", "latency")

        def __init__(self, *, cost: Mapping[str, int], lut: Mapping[str, Any], max_complexity: float,
                     value_limit: float, **kwargs: Any) -> None:  # fmt: skip
            super().__init__(**kwargs)
            self.cost = cost
            self.lut = lut
            self.max_complexity = max_complexity
            self.value_limit = value_limit

        def _cost(self, nodes: Sequence[Any]) -> float:
            c = tree_complexity(nodes, self.cost)
            return c if c <= self.max_complexity else INFEASIBLE

        def _validate_params(self, resolved: dict[str, Any]) -> None:
            builtin = [o for o in resolved["objectives"] if o not in self.CUSTOM]
            super()._validate_params({**resolved, "objectives": builtin or ["length"]})

        def _init_evaluator(self, objective: str, problem: Any, dtable: Any, uncertainty: Any) -> Any:
            if objective == "latency":
                return op.UserDefinedEvaluator(problem, lambda _rng, ind: [self._cost(ind.Genotype.Nodes)])
            if objective == "margin":
                return op.UserDefinedEvaluator(problem, self._margin)
            return SymbolicRegressor._init_evaluator(objective, problem, dtable, uncertainty)

        def _margin(self, _rng: Any, ind: Any) -> list[float]:
            tree = ind.Genotype
            nodes = tree.Nodes
            if self._cost(nodes) >= INFEASIBLE:  # dominated by every feasible tree
                return [INFEASIBLE]
            with np.errstate(all="ignore"):
                pred, biggest = evaluate_tree_range(nodes, self._X, self._columns, lut=self.lut)
            if not biggest < self.value_limit:  # would wrap around in the FPGA's fixed point (or NaN)
                return [INFEASIBLE]
            return [margin_loss(pred, self._t)]

        def fit(self, X: np.ndarray, y: np.ndarray) -> Any:
            X = np.asarray(X, dtype=np.float64)
            self._X, self._t = X, np.asarray(y, dtype=np.float64)
            self._ds = op.Dataset(np.asfortranarray(np.column_stack((X, self._t))))
            ordered = sorted(self._ds.Variables, key=lambda v: v.Index)
            self._columns = {v.Hash: i for i, v in enumerate(ordered[: X.shape[1]])}
            self._dtable = op.DispatchTable()
            self._range = op.Range(0, len(X))
            return super().fit(X, y)

    return MarginOperon


def margin_regressor(
    *, cost: Mapping[str, int], lut: Mapping[str, Any], max_complexity: float, value_limit: float, **kwargs: Any
) -> Any:
    """A pyoperon regressor whose NSGA-II minimises (L2 margin loss, latency-weighted complexity)
    over trees of at most ``max_complexity`` whose intermediate values stay below ``value_limit``
    (the fixed-point range of the HLS design) on the training jets."""
    cls = _regressor_class()
    return cls(cost=cost, lut=lut, max_complexity=max_complexity, value_limit=value_limit, objectives=["margin", "latency"], add_model_scale_term=False,
               add_model_intercept_term=False, **kwargs)  # fmt: skip
