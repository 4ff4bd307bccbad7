"""Training loops: one co-learning step moves teacher and students; baseline leaves the teacher alone."""

import numpy as np
import pytest
import torch
from trigml.anomaly_kd.models import ConvAutoencoder, build_students, init_weights
from trigml.anomaly_kd.train import (
    TargetScaler,
    TrainSettings,
    _optim,
    colearn,
    colearn_step,
    predict,
    train_students,
)

TINY = {"S1": ["conv2", "avgpool2", "conv2s2", "avgpool2"], "S2": ["conv2s2", "avgpool2"]}


def _models(seed=0):
    torch.manual_seed(seed)
    t = ConvAutoencoder()
    s = build_students(TINY)
    t.apply(init_weights)
    s.apply(init_weights)
    return t, s


def _flat(m):
    return torch.cat([p.detach().flatten().clone() for p in m.parameters()])


def _images(n, seed=1):
    return np.random.default_rng(seed).random((n, 1, 28, 28), dtype=np.float32)


@pytest.mark.parametrize("technique", ["colearning", "outlier_exposure", "noise_exposure"])
def test_one_colearning_step_changes_both_models(technique):
    t, s = _models()
    settings = TrainSettings(epochs=1, batch_size=8)
    t0, s0 = _flat(t), {k: _flat(v) for k, v in s.items()}
    t_opt, _ = _optim(t, settings)
    s_opts = {k: _optim(v, settings)[0] for k, v in s.items()}
    tl, sl = colearn_step(
        t, s, _images(8), technique=technique, teacher_opt=t_opt, student_opts=s_opts,
        rng=np.random.default_rng(0), s=settings, scaler=TargetScaler(enabled=True, momentum=0.1),
        outliers=_images(20, seed=2),
    )  # fmt: skip
    assert np.isfinite(tl) and set(sl) == set(TINY)
    assert not torch.equal(t0, _flat(t)), "teacher did not move"
    for k in TINY:
        assert not torch.equal(s0[k], _flat(s[k])), f"student {k} did not move"


def test_outlier_exposure_needs_outliers():
    t, s = _models()
    settings = TrainSettings(epochs=1)
    with pytest.raises(ValueError, match="outlier sample"):
        colearn_step(t, s, _images(4), technique="outlier_exposure", teacher_opt=_optim(t, settings)[0],
                     student_opts={k: _optim(v, settings)[0] for k, v in s.items()},
                     rng=np.random.default_rng(0), s=settings, scaler=TargetScaler(enabled=False, momentum=None),
                     outliers=None)  # fmt: skip


def test_unknown_technique():
    t, s = _models()
    with pytest.raises(ValueError, match="unknown co-learning technique 'distill'"):
        colearn_step(t, s, _images(2), technique="distill", teacher_opt=None, student_opts={},
                     rng=np.random.default_rng(0), s=TrainSettings(),
                     scaler=TargetScaler(enabled=False, momentum=None))  # fmt: skip


def test_baseline_students_leave_teacher_untouched():
    t, s = _models()
    t0 = _flat(t)
    s0 = {k: _flat(v) for k, v in s.items()}
    train_students(
        t, s, _images(16), _images(4, seed=3), TrainSettings(epochs=1, batch_size=8, progress=False)
    )
    assert torch.equal(t0, _flat(t))
    assert all(p.requires_grad for p in t.parameters())
    for k in TINY:
        assert not torch.equal(s0[k], _flat(s[k]))


def test_colearning_is_reproducible():
    out = []
    for _ in range(2):
        t, s = _models(seed=5)
        colearn(t, s, _images(12), _images(4, seed=3), TrainSettings(epochs=1, batch_size=6, progress=False, seed=7),
                technique="noise_exposure")  # fmt: skip
        out.append(predict(t, s, _images(5, seed=9)))
    for k in out[0]:
        assert np.array_equal(out[0][k], out[1][k]), k


def test_target_scaler_standardises_and_folds_back():
    torch.manual_seed(0)
    _, s = _models()
    st = s["S1"]
    x = _images(6)
    tgt = torch.tensor([[0.01], [0.02], [0.03], [0.02], [0.05], [0.01]])
    sc = TargetScaler(enabled=True, momentum=None)
    sc.update(tgt)
    z = sc.z(tgt)
    assert float(z.mean()) == pytest.approx(0.0, abs=1e-6) and float(z.std()) == pytest.approx(1.0, abs=1e-5)
    sc.update(tgt * 100)  # frozen after the first batch without a momentum
    assert sc.mean == pytest.approx(float(tgt.mean()))
    with torch.no_grad():
        raw = st(torch.from_numpy(x))
        sc.fold(st)
        folded = st(torch.from_numpy(x))
    # the folded student outputs mean + std * (what it output before): log(MSE + 1) scale
    assert torch.allclose(folded, sc.mean + sc.std * raw, atol=1e-6)


def test_target_scaler_moving_average_and_disabled():
    sc = TargetScaler(enabled=True, momentum=0.5)
    sc.update(torch.tensor([0.0, 2.0]))
    sc.update(torch.tensor([2.0, 4.0]))
    assert sc.mean == pytest.approx(2.0)
    off = TargetScaler(enabled=False, momentum=0.5)
    off.update(torch.tensor([5.0, 7.0]))
    t = torch.tensor([1.0, 2.0])
    assert torch.equal(off.z(t), t)
