"""Pythia8 + FastJet jets: format, selection, reproducibility."""

import numpy as np
import pytest
from trigml.config import load_schema
from trigml.jets_sr.features import FEATURES
from trigml.jets_sr.simulate import JetSimConfig, class_seed, simulate_class

SIM = load_schema("jets_sr.schema.yaml")["properties"]["data"]["properties"]["simulation"]["properties"]
DEFAULTS = {k: v["default"] for k, v in SIM.items() if k != "jets_per_class"}


def cfg(**kw):
    """The schema's simulation settings, some replaced."""
    return JetSimConfig(**{**DEFAULTS, **kw})


def test_w_jets_are_reproducible_and_in_format():
    a, stats = simulate_class("w", 4, cfg(), seed=11)
    b, _ = simulate_class("w", 4, cfg(), seed=11)
    assert list(a.columns) == [*FEATURES, "class"]
    assert (a["class"] == "w").all()
    assert all(a[c].dtype == np.float32 for c in FEATURES)
    assert np.isfinite(a[FEATURES].to_numpy()).all()
    np.testing.assert_array_equal(a[FEATURES].to_numpy(), b[FEATURES].to_numpy())
    assert (a["multiplicity"] >= 2).all() and (a["zlogz"] < 0).all()
    assert (a["mass_mmdt"] > 0).all() and (a["mass_mmdt"] < 300).all()
    assert stats["n_jets"] == 4 and stats["jets_per_s"] > 0


def test_class_seeds_differ_and_bad_settings():
    assert len({class_seed(1, c) for c in "gqtwz"}) == 5
    with pytest.raises(ValueError, match="pthat"):
        cfg(pthat_min=1000, pthat_max=900)
    with pytest.raises(ValueError, match="unknown jet class"):
        simulate_class("h", 1, cfg(), seed=1)
    with pytest.raises(ValueError, match="rejected"):
        simulate_class("g", 1, cfg(extra_settings=["Not:aSetting = on"]), seed=1)
