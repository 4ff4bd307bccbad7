"""The simulation against the real particle table of TrackML event 1000 (μ = 200)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from trigml.data.simulation import SimulationSettings
from trigml.data.simulation.validation import (
    TOLERANCES,
    particle_summary,
    plot_validation,
    read_reference,
    simulate_for_validation,
    validate,
)

REFERENCE = "workflow/resources/trackml/event000001000-particles.csv"


@pytest.fixture(scope="module")
def reference(repo):
    return read_reference(repo / REFERENCE)


@pytest.fixture(scope="module")
def simulated():
    """One simulated bunch crossing at μ = 200 with the default settings (strips on)."""
    settings = SimulationSettings(mu=200)
    return settings, *simulate_for_validation(settings, n_events=1, seed=20211)


def test_reference_numbers(reference):
    s = particle_summary(reference, min_pt_hits=0.15)
    assert len(reference) == 12263
    pt = np.hypot(reference.px, reference.py)
    assert (pt > 1).sum() == 1383
    assert reference.nhits.sum() == 103305
    assert s["n_primaries"] == 8568
    assert s["nhits_zero"] == 1698 and s["nhits_median_all"] == 10
    assert s["secondary_fraction"] == pytest.approx(0.30, abs=0.01)
    assert s["vertex_z_sigma_mm"] == pytest.approx(6.0, abs=0.1)
    # the real sample's hit threshold: primaries below 0.15 GeV leave no hits, above it nearly all do
    assert s["frac_no_hits_below_threshold"] > 0.95 and s["frac_no_hits_above_threshold"] < 0.05


def test_read_reference_errors(tmp_path, repo):
    with pytest.raises(FileNotFoundError, match="not found"):
        read_reference(tmp_path / "nope.csv")
    df = pd.read_csv(repo / REFERENCE).head(20)
    df.drop(columns="nhits").to_csv(tmp_path / "a.csv", index=False)
    with pytest.raises(ValueError, match="a.csv: missing column 'nhits'"):
        read_reference(tmp_path / "a.csv")
    df.assign(px=np.nan).to_csv(tmp_path / "b.csv", index=False)
    with pytest.raises(ValueError, match="b.csv: NaN in column 'px'"):
        read_reference(tmp_path / "b.csv")
    df.head(0).to_csv(tmp_path / "c.csv", index=False)
    with pytest.raises(ValueError, match="no particles"):
        read_reference(tmp_path / "c.csv")


def test_simulation_agrees_with_the_real_event(reference, simulated, tmp_path):
    settings, tables, sigma, n_int = simulated
    res = validate(reference, tables, settings, sigma, n_int)
    assert res["checks"] == {k: True for k in res["checks"]}, res["checks"]
    assert res["agreement"] is True
    # the numbers behind the checks, within the README's tolerances
    assert abs(res["counts"]["n_primaries"]["pull"]) <= TOLERANCES["count_pull"]
    assert 0.7 < res["counts"]["n_primaries"]["ratio"] < 1.3
    assert res["ks"]["pt"] <= TOLERANCES["ks_pt"] and res["ks"]["eta"] <= TOLERANCES["ks_eta"]
    assert abs(res["nhits_median_difference"]) <= TOLERANCES["nhits_median"]
    # the pileup definition: share of interactions with a listed particle close to the real one
    frac = res["vertex_fraction_with_particles"]
    assert abs(frac["sim"] - frac["real"]) < 0.1
    # the event-to-event spread is estimated from the simulated interactions (compound Poisson)
    assert 0.05 < sigma["n_primaries"] / res["counts"]["n_primaries"]["real"] < 0.2
    plot_validation(res, tmp_path / "v.png")
    assert (tmp_path / "v.png").stat().st_size > 10_000


def test_validation_detects_disagreement(reference, simulated):
    settings, tables, sigma, n_int = simulated
    harder = [t.assign(px=t.px * 1.2, py=t.py * 1.2) for t in tables]  # a 20 % momentum-scale error
    res = validate(reference, harder, settings, sigma, n_int)
    assert not res["checks"]["ks_pt"] and not res["agreement"]
    half = [t.iloc[::2] for t in tables]
    res = validate(reference, half, settings, sigma, n_int)
    assert not res["checks"]["n_primaries"]
    fewer_hits = [t.assign(nhits=t.nhits // 2) for t in tables]
    assert not validate(reference, fewer_hits, settings, sigma, n_int)["checks"]["nhits_median"]


def test_validate_script_fails_clearly_on_a_bad_reference(tmp_path):
    from data.validate_simulation import main

    common = ["--mu", "200", "--n-events", "1", "--seed", "1", "--json", str(tmp_path / "v.json"),
              "--png", str(tmp_path / "v.png")]  # fmt: skip
    with pytest.raises(FileNotFoundError, match="missing.csv"):
        main(["--reference", str(tmp_path / "missing.csv"), "--settings", "{}", *common])
    with pytest.raises(ValueError, match="'mu'"):
        main(["--reference", str(tmp_path / "missing.csv"), "--settings", '{"mu": -3}', *common])
    assert not (tmp_path / "v.json").exists() and not (tmp_path / "v.png").exists()
