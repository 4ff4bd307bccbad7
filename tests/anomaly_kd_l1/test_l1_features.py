"""Model inputs: fixed scaling, padding, splits, detector-noise pseudo-outliers, the npz dataset."""

import numpy as np
import pytest
from trigml.anomaly_kd_l1.features import (
    build_dataset,
    detector_noise,
    load_dataset,
    present_mask,
    scale,
    split_indices,
)
from trigml.anomaly_kd_l1.layout import validate, write_particles


def test_scale_values_and_zero_padding():
    a = np.zeros((1, 19, 4), np.float32)
    a[0, 0] = (np.e - 1, 0.0, np.pi / 2, 1)  # MET: log1p(pT) = 1
    a[0, 9] = (100.0, 2.0, -np.pi, 4)
    x = scale(a)
    assert x.shape == (1, 57)
    np.testing.assert_allclose(x[0, :3], [1 / 5, 0, 0.5], rtol=1e-6)
    np.testing.assert_allclose(x[0, 27:30], [np.log1p(100) / 5, 0.5, -1.0], rtol=1e-6)
    assert np.count_nonzero(x) == 5  # MET eta is 0; padded objects stay exactly zero
    m = present_mask(x)
    assert m[0, :3].tolist() == [1, 1, 1] and m[0, 27:30].tolist() == [1, 1, 1] and m.sum() == 6
    with pytest.raises(ValueError, match=r"\(N, 19, 4\)"):
        scale(np.zeros((2, 57)))


def test_split_is_disjoint_complete_and_seeded():
    tr, va, te = split_indices(100, (0.5, 0.1, 0.4), seed=1)
    assert (len(tr), len(va), len(te)) == (50, 10, 40)
    assert sorted(np.concatenate([tr, va, te]).tolist()) == list(range(100))
    np.testing.assert_array_equal(tr, split_indices(100, (0.5, 0.1, 0.4), seed=1)[0])
    with pytest.raises(ValueError):
        split_indices(2, (0.5, 0.1, 0.4), seed=1)


def test_detector_noise_is_a_valid_layout():
    a = detector_noise(500, rng=np.random.default_rng(0))
    validate(a, "noise")
    assert (a[:, 0, 0] > 3).all()  # MET always filled
    jets = a[:, 9:, 0]
    assert (np.diff(jets, axis=1) <= 0).all()  # pT-ordered, zeros last
    assert 0.2 < (jets > 0).mean() < 0.4


def test_build_dataset_writes_every_array(tmp_path):
    rng = np.random.default_rng(0)

    def sample(n):
        return detector_noise(n, rng=rng)

    write_particles(tmp_path / "b.h5", sample(40))
    write_particles(tmp_path / "s.h5", sample(9))
    write_particles(tmp_path / "o.h5", sample(5))
    sizes = build_dataset(
        tmp_path / "b.h5",
        {"Ato4l": tmp_path / "s.h5"},
        tmp_path / "o.h5",
        tmp_path / "d.npz",
        n_noise=7,
        seed=2,
    )
    assert sizes == {
        "x_train": 20,
        "x_val": 4,
        "x_test": 16,
        "signal_Ato4l": 9,
        "outlier_sm": 5,
        "outlier_noise": 7,
    }
    d = load_dataset(tmp_path / "d.npz")
    assert d["x_train"].shape == (20, 57) and d["x_train"].dtype == np.float32
