"""Shared fixtures of the logic_warp tests: a tiny synthetic jet parquet, small netlists."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

torch.set_num_threads(1)


def make_jets(path: Path, n_per_class: int = 40, seed: int = 0) -> Path:
    """A jet parquet in the shared format: the 16 OpenML 42468 features + ``class``; the classes
    differ in their mean so a classifier can learn something."""
    from trigml.jets_sr.features import CLASSES, FEATURES

    rng = np.random.default_rng(seed)
    frames = []
    for i, c in enumerate(CLASSES):
        x = rng.normal(loc=i * 0.8, scale=1.0, size=(n_per_class, len(FEATURES))).astype(np.float32)
        df = pd.DataFrame(x, columns=FEATURES)
        df["class"] = c
        frames.append(df)
    out = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=seed)
    out.to_parquet(path, index=False)
    return path


@pytest.fixture
def jets_parquet(tmp_path: Path) -> Path:
    return make_jets(tmp_path / "jets.parquet")


@pytest.fixture
def jets_factory():
    """``jets_factory(path, n_per_class)`` writes a synthetic jet parquet and returns its path."""
    return make_jets


def spec(method: str = "warp", k: int = 2, sampling: str = "soft", init: str = "residual"):
    """A :class:`~trigml.logic_warp.settings.ModelSpec` with the schema's training defaults."""
    from trigml.logic_warp.settings import ModelSpec

    return ModelSpec(
        name=f"{method}{k}", method=method, lut_rank=k, sampling=sampling, init=init, temperature=1.0,
        residual_probability=0.951,
    )  # fmt: skip


def encoding(bits: int = 4, noise: bool = False, learnable: bool = True):
    from trigml.logic_warp.settings import Encoding

    return Encoding(bits=bits, init="quantile", temperature=0.1, noise=noise, learnable=learnable)


@pytest.fixture
def make_spec():
    return spec


@pytest.fixture
def make_encoding():
    return encoding
