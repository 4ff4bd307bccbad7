"""Training loops: exact Boolean learning, classification with validation-based epoch selection."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from trigml.logic_warp.netlist import FixedPoint
from trigml.logic_warp.tasks import Split, boolean_function
from trigml.logic_warp.train import build_model, train_boolean, train_classifier


def test_warp_learns_xor_exactly(make_spec):
    x, y = boolean_function("parity", 2)
    model = build_model(
        make_spec("warp", sampling="gumbel_soft"),
        n_inputs=2,
        n_classes=2,
        widths=[4, 2],
        group_tau=1.0,
        seed=0,
    )
    res = train_boolean(model, x, y, max_steps=400, lr=0.1, seed=0)
    assert res["steps_to_exact"] is not None and res["steps_to_exact"] > 0
    model.eval()
    pred = model(torch.as_tensor(x, dtype=torch.float32)).argmax(1).numpy()
    assert np.array_equal(pred, y)
    assert res["history"]["discrete_acc"][-1] == 1.0
    assert len(res["history"]["step"]) == res["steps_to_exact"]


def test_unreachable_function_reports_none(make_spec):
    x, y = boolean_function("parity", 4)
    model = build_model(make_spec("difflogic"), n_inputs=4, n_classes=2, widths=[2], group_tau=1.0, seed=0)
    res = train_boolean(model, x, y, max_steps=3, lr=0.1, seed=0)
    assert res["steps_to_exact"] is None and len(res["history"]["step"]) == 3


def _toy_split(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(500, 3)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0.5)
    return Split(x[:300], y[:300], x[300:400], y[300:400], x[400:], y[400:], ["a", "b", "c"], ["0", "1", "2"])


@pytest.mark.parametrize(("method", "k"), [("warp", 2), ("warp", 4), ("difflogic", 2)])
def test_classifier_learns_a_threshold_rule(method, k, make_spec, make_encoding):
    s = _toy_split()
    model = build_model(
        make_spec(method, k), n_inputs=3, n_classes=3, widths=[24, 12], group_tau=2.0, seed=0, x_fit=s.x_train,
        encoding=make_encoding(4),
    )  # fmt: skip
    res = train_classifier(model, s, epochs=6, batch_size=32, lr=0.1, seed=0, fixed=FixedPoint())
    h, f = res["history"], res["final"]
    assert h["epoch"] == [1, 2, 3, 4, 5, 6] and all(np.diff(h["wall_s"]) > 0)
    # the kept network is the best validation epoch (the earliest on ties), reported on test data
    assert f["best_epoch"] == int(np.argmax(h["val_discrete_acc"])) + 1
    assert f["val_discrete_acc"] == max(h["val_discrete_acc"])
    assert f["test_discrete_acc"] > 0.6  # chance is < 0.45
    with pytest.raises(ValueError, match="epochs"):
        train_classifier(model, s, epochs=0, batch_size=32, lr=0.1, seed=0, fixed=FixedPoint())


def test_the_kept_network_is_the_best_validation_epoch(make_spec, make_encoding):
    s = _toy_split(2)
    model = build_model(make_spec("warp", 2), n_inputs=3, n_classes=3, widths=[24, 12], group_tau=2.0, seed=1,
                        x_fit=s.x_train, encoding=make_encoding(4))  # fmt: skip
    res = train_classifier(model, s, epochs=8, batch_size=16, lr=0.3, seed=1, fixed=FixedPoint())
    fx = FixedPoint()
    from trigml.logic_warp.train import discrete_scores

    xva = torch.as_tensor(fx.dequantize(fx.quantize(s.x_val)))
    now = float((discrete_scores(model, xva).argmax(1).numpy() == s.y_val).mean())
    assert now == pytest.approx(res["final"]["val_discrete_acc"])


def test_training_is_reproducible(make_spec, make_encoding):
    s = _toy_split(1)
    runs = []
    for _ in range(2):
        m = build_model(make_spec("warp", sampling="gumbel_soft"), n_inputs=3, n_classes=3, widths=[12, 6], group_tau=1.0,
                        seed=4, x_fit=s.x_train, encoding=make_encoding(2, noise=True))  # fmt: skip
        r = train_classifier(m, s, epochs=2, batch_size=50, lr=0.05, seed=4, fixed=FixedPoint())
        runs.append((r["history"]["loss"], r["history"]["val_discrete_acc"], r["final"]["test_discrete_acc"]))
    assert runs[0] == runs[1]
