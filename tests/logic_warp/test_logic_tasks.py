"""Benchmark data: Boolean functions, jet split through the shared reader, digits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from trigml.logic_warp.tasks import boolean_function, digits_split, jets_split, load_split, save_split


def test_boolean_functions():
    x, y = boolean_function("parity", 3)
    assert x.shape == (8, 3) and x[5].tolist() == [True, False, True]
    assert y.tolist() == [0, 1, 1, 0, 1, 0, 0, 1]
    _, y = boolean_function("majority", 3)
    assert y.tolist() == [0, 0, 0, 1, 0, 1, 1, 1]
    a = boolean_function("random", 4, seed=1)[1]
    assert np.array_equal(a, boolean_function("random", 4, seed=1)[1])
    assert not np.array_equal(a, boolean_function("random", 4, seed=2)[1])
    with pytest.raises(ValueError, match="kind"):
        boolean_function("xor", 3)


def test_jets_split_standardises_with_training_statistics(jets_parquet, tmp_path):
    s = jets_split(str(jets_parquet), test_fraction=0.25, val_fraction=0.25, seed=0)
    assert s.x_train.shape == (100, 16) and s.x_val.shape == (50, 16) and s.x_test.shape == (50, 16)
    assert set(np.bincount(s.y_val)) == {10}
    assert np.allclose(s.x_train.mean(0), 0, atol=1e-5) and np.allclose(s.x_train.std(0), 1, atol=1e-4)
    assert s.class_names == ["g", "q", "t", "w", "z"] and set(np.bincount(s.y_test)) == {10}
    save_split(s, tmp_path / "s.npz")
    back = load_split(tmp_path / "s.npz")
    assert np.array_equal(back.x_test, s.x_test) and np.array_equal(back.y_val, s.y_val)
    assert back.feature_names == s.feature_names


def test_jets_bad_input(tmp_path, jets_parquet):
    df = pd.read_parquet(jets_parquet)
    df.loc[3, "mass_mmdt"] = np.nan
    df.to_parquet(tmp_path / "nan.parquet")
    with pytest.raises(ValueError, match="mass_mmdt"):
        jets_split(str(tmp_path / "nan.parquet"), test_fraction=0.25, val_fraction=0.2, seed=0)
    with pytest.raises(FileNotFoundError):
        jets_split(str(tmp_path / "missing.parquet"), test_fraction=0.25, val_fraction=0.2, seed=0)


def test_digits_split():
    s = digits_split(test_fraction=0.25, val_fraction=0.25, seed=0, max_samples=400)
    assert s.x_train.shape == (200, 64) and len(s.y_val) == 100 and len(s.y_test) == 100
    assert 0 <= s.x_train.min() and s.x_train.max() <= 1
    with pytest.raises(ValueError, match="test_fraction"):
        digits_split(test_fraction=1.5, val_fraction=0.2, seed=0)
    with pytest.raises(ValueError, match="sum"):
        digits_split(test_fraction=0.5, val_fraction=0.5, seed=0)


def test_load_split_refuses_an_old_split_without_validation(tmp_path):
    np.savez(tmp_path / "old.npz", x_train=np.zeros((2, 1)), y_train=np.zeros(2), x_test=np.zeros((2, 1)),
             y_test=np.zeros(2), feature_names=np.array(["a"]), class_names=np.array(["0"]))  # fmt: skip
    with pytest.raises(ValueError, match="x_val"):
        load_split(tmp_path / "old.npz")
