"""pyoperon internals: the tree interpreter with LUTs, the latency cost, the nesting constraint."""

import numpy as np
import pyoperon as op
import pytest
from pyoperon.sklearn import SymbolicRegressor
from trigml.jets_sr import operon, sr


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = np.sin(X[:, 0]) - X[:, 1] * X[:, 2] + 0.5
    reg = SymbolicRegressor(allowed_symbols="add,sub,mul,sin,cos,constant,variable", generations=15,
                            population_size=100, objectives=["r2", "length"], max_length=25, random_state=3)  # fmt: skip
    reg.fit(X, y)
    return reg, X, y


def test_interpreter_matches_operon_and_latency_matches_sympy(fitted):
    reg, X, y = fitted
    ds = op.Dataset(np.asfortranarray(np.column_stack([X, y])))
    cols = {v.Hash: i for i, v in enumerate(sorted(ds.Variables, key=lambda v: v.Index)[:3])}
    exact = {"table_size": 1 << 22, "lo": -64.0, "hi": 64.0}  # a table fine enough to be exact
    cost = sr.DEFAULT_OPERATOR_COMPLEXITY
    for m in reg.pareto_front_:
        ref = np.asarray(op.Evaluate(op.DispatchTable(), m["tree"], ds, op.Range(0, len(X))))
        np.testing.assert_allclose(operon.evaluate_tree(m["tree"].Nodes, X, cols, lut=exact), ref, atol=1e-4)
        text = reg.get_model_string(m["tree"], 8, ["x0", "x1", "x2"])
        # SymPy may merge terms, never add operations: the tree's count is an upper bound
        assert sr.expression_complexity(text, cost) <= operon.tree_complexity(m["tree"].Nodes, cost)


def test_nested_trig_is_infeasible_and_costs_add_up():
    x = op.Node.Variable(1.0)
    x.HashValue = 1
    nodes = [x, op.Node.Sin(), op.Node.Cos()]  # cos(sin(x))
    tree = op.Tree(nodes).UpdateNodes()
    assert operon.tree_complexity(tree.Nodes, sr.DEFAULT_OPERATOR_COMPLEXITY) == operon.INFEASIBLE
    c = op.Node.Constant(2.0)
    tree = op.Tree([x, op.Node.Sin(), c, op.Node.Mul()]).UpdateNodes()  # 2 * sin(x)
    assert operon.tree_complexity(tree.Nodes, sr.DEFAULT_OPERATOR_COMPLEXITY) == 1 + 8 + 1 + 1


def test_math_lut_and_margin_loss():
    x = np.array([-100.0, 0.0, 0.049, 100.0])
    v = operon.math_lut(np.sin, x, table_size=1024, lo=-4.0, hi=4.0)
    assert (
        v[0] == pytest.approx(np.sin(-4.0)) and v[1] == 0.0 and v[3] == pytest.approx(np.sin(-4 + 1023 / 128))
    )
    assert operon.margin_loss(np.array([2.0, -0.5]), np.array([1.0, 1.0])) == pytest.approx(2.25 / 2)
    assert operon.margin_loss(np.array([np.nan]), np.array([1.0])) == operon.INFEASIBLE


def test_constant_multiplication_cost_in_the_tree():
    x = op.Node.Variable(1.0)
    x.HashValue = 1
    w = op.Node.Variable(0.6)
    w.HashValue = 2
    cost = {**sr.DEFAULT_OPERATOR_COMPLEXITY, "mul": 4, "cmul": 1}
    scaled = op.Tree([x, op.Node.Sin(), op.Node.Constant(2.0), op.Node.Mul()]).UpdateNodes()  # 2 * sin(x)
    assert operon.tree_complexity(scaled.Nodes, cost) == 1 + 8 + 1 + 1
    product = op.Tree([x, w, op.Node.Mul()]).UpdateNodes()  # (0.6 x2) * x1: one scaling, one product
    assert operon.tree_complexity(product.Nodes, cost) == 1 + (2 + 1) + 4
    assert sr.expression_complexity("0.6*x1*x2", cost) == operon.tree_complexity(product.Nodes, cost)
