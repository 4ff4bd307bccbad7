"""trigml.data.simulation.events/settings/generator: challenge tables, ids, weights, seeds, bad settings."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from trigml.config import ConfigError, load_config
from trigml.data.simulation import SimulationSettings, TrackMLSimulator, trackml_detector
from trigml.data.simulation.events import (
    ORDER_MATRIX,
    build_event,
    challenge_weights,
    decode_particle_id,
    encode_particle_id,
)
from trigml.data.simulation.generator import GenParticles
from trigml.data.trackml import COLUMNS, check_event, load_event


# --- particle ids -------------------------------------------------------------------------------
def test_particle_id_encoding_matches_the_challenge(repo):
    real = pd.read_csv(repo / "workflow/resources/trackml/event000001000-particles.csv")
    # the first particle of real event 1000: vertex 1, primary 1
    assert encode_particle_id(1, 1) == real["particle_id"].iloc[0] == 4503668346847232
    dec = decode_particle_id(real["particle_id"].to_numpy())
    again = encode_particle_id(
        dec["vertex_id"], dec["primary_id"], dec["generation"], dec["secondary_id"], dec["process"]
    )
    np.testing.assert_array_equal(again, real["particle_id"].to_numpy())
    assert dec["vertex_id"].min() >= 1
    with pytest.raises(ValueError, match="vertex_id"):
        encode_particle_id(2048, 1)
    with pytest.raises(ValueError, match="primary_id"):
        encode_particle_id(1, 70000)


# --- challenge weights ----------------------------------------------------------------------------
def test_order_weights_of_a_four_hit_track_by_hand():
    # proposal [10, 8, 6, 5, 3, 3, 3, 5, 6] spread over 4 hits: 10, 16/3, 3, 6 (sum 73/3)
    np.testing.assert_allclose(ORDER_MATRIX[4, :4], np.array([10, 16 / 3, 3, 6]) / (73 / 3))
    assert (ORDER_MATRIX[:4] == 0).all()
    np.testing.assert_allclose(ORDER_MATRIX[4:].sum(axis=1), 1.0)


def test_challenge_weights():
    particles = pd.DataFrame({"particle_id": [11, 12, 13], "vz": [0.0, 0.0, 0.0],
                              "px": [5.0, 0.3, 1.0], "py": [0.0, 0.0, 0.0]})  # fmt: skip
    # particle 11: 4 hits (shuffled in z), 12: 5 hits, 13: 3 hits (weight 0), plus 2 noise hits
    truth = pd.DataFrame({
        "particle_id": [11, 11, 11, 11, 12, 12, 12, 12, 12, 13, 13, 13, 0, 0],
        "tz": [30.0, 10.0, 40.0, 20.0, 1, 2, 3, 4, 5, 1, 2, 3, 7, 8],
    })  # fmt: skip
    w = challenge_weights(truth, particles)
    assert w.sum() == pytest.approx(1.0)
    assert (w[9:] == 0).all()  # < 4 hits and noise
    w11 = w[:4] / w[:4].sum()
    # ordered by |tz - vz|: hits at 10, 20, 30, 40 get the 4-hit order weights
    np.testing.assert_allclose(w11[[1, 3, 0, 2]], ORDER_MATRIX[4, :4])
    # pT weights: 1 at 5 GeV, 0.2 at 0.3 GeV, each over a full track (order weights sum to 1)
    assert w[:4].sum() / w[4:9].sum() == pytest.approx(1.0 / 0.2)
    with pytest.raises(ValueError, match="absent from the particles"):
        challenge_weights(pd.DataFrame({"particle_id": [99], "tz": [0.0]}), particles)


# --- events from hand-made particles (no Pythia) ----------------------------------------------------
def _toy_particles(n=400, seed=0):
    rng = np.random.default_rng(seed)
    pt = 0.1 + rng.exponential(0.6, n)
    eta = rng.uniform(-3.5, 3.5, n)
    phi = rng.uniform(-np.pi, np.pi, n)
    mom = np.column_stack([pt * np.cos(phi), pt * np.sin(phi), pt * np.sinh(eta)])
    vertex = rng.integers(0, 5, n)
    pos = np.column_stack([np.zeros(n), np.zeros(n), rng.normal(0, 5, 5)[vertex]])
    return GenParticles(vertex=vertex, pdg=np.full(n, 211), q=rng.choice([-1, 1], n), mass=np.full(n, 0.1396),
                        pos=pos, mom=mom, n_interactions=5)  # fmt: skip


@pytest.fixture(scope="module")
def toy_event():
    s = SimulationSettings(noise_fraction=0.2)
    return build_event(_toy_particles(), trackml_detector(), s, np.random.default_rng(3)), s


def test_tables_have_the_challenge_columns_and_pass_the_reader_checks(toy_event):
    ev, _ = toy_event
    for part in ("hits", "cells", "particles", "truth"):
        assert tuple(ev[part].columns) == COLUMNS[part]
    check_event(ev["hits"], ev["cells"], ev["particles"], ev["truth"])
    assert (ev["hits"]["hit_id"] == np.arange(1, len(ev["hits"]) + 1)).all()
    assert set(ev["hits"]["volume_id"]) <= {7, 8, 9, 12, 13, 14, 16, 17, 18}


def test_nhits_counts_truth_rows_and_noise_has_particle_id_zero(toy_event):
    ev, s = toy_event
    t, p = ev["truth"], ev["particles"]
    counts = t[t.particle_id != 0].groupby("particle_id").size()
    nhits = p.set_index("particle_id")["nhits"]
    np.testing.assert_array_equal(nhits.reindex(counts.index).to_numpy(), counts.to_numpy())
    assert nhits.drop(counts.index).eq(0).all()
    noise = t[t.particle_id == 0]
    n_true = len(t) - len(noise)
    assert 0.1 * n_true < len(noise) < 0.3 * n_true  # Poisson around noise_fraction 0.2
    # noise hits: truth position = hit position, no momentum, no weight
    h = ev["hits"].set_index("hit_id").loc[noise.hit_id]
    np.testing.assert_allclose(noise[["tx", "ty", "tz"]].to_numpy(), h[["x", "y", "z"]].to_numpy(), atol=1e-4)
    assert (noise[["tpx", "tpy", "tpz", "weight"]] == 0).all().all()
    assert t.weight.sum() == pytest.approx(1.0, abs=1e-5)
    short = nhits[nhits < 4].index
    assert (t[t.particle_id.isin(short)].weight == 0).all()
    # below the hit threshold no hits, above it nearly all leave some
    pt = np.hypot(p.px, p.py)
    assert (p.nhits[pt < s.min_pt_hits_gev] == 0).all()
    assert (p.nhits[pt > 0.5] > 0).mean() > 0.9


def test_hits_are_smeared_truth(toy_event):
    ev, s = toy_event
    h, t = ev["hits"], ev["truth"]
    real = (t.particle_id != 0).to_numpy()
    pix_barrel = real & (h.volume_id == 8).to_numpy()
    r_t = np.hypot(t.tx, t.ty)[pix_barrel]
    dphi = (np.arctan2(h.y, h.x) - np.arctan2(t.ty, t.tx))[pix_barrel]
    assert np.std(dphi * r_t) == pytest.approx(s.resolution_mm["pixel"][0], rel=0.15)
    assert np.std((h.z - t.tz)[pix_barrel]) == pytest.approx(s.resolution_mm["pixel"][1], rel=0.15)
    # truth momenta: |p| at each hit equals the particle's (no energy loss; scattering turns it)
    p = ev["particles"].set_index("particle_id")
    p_hit = np.sqrt(t.tpx**2 + t.tpy**2 + t.tpz**2)[real]
    part = p.loc[t.particle_id[real]]
    p_particle = np.sqrt(part.px**2 + part.py**2 + part.pz**2).to_numpy()
    np.testing.assert_allclose(p_hit, p_particle, rtol=1e-5)
    assert not np.allclose(np.hypot(t.tpx, t.tpy)[real], np.hypot(part.px, part.py), rtol=1e-5)


def test_overlaps_give_double_hits_on_other_modules(toy_event):
    ev, _ = toy_event
    h, t = ev["hits"], ev["truth"]
    m = h.merge(t[["hit_id", "particle_id"]]).query("particle_id != 0")
    per_layer = m.groupby(["particle_id", "volume_id", "layer_id"])["module_id"].agg(["size", "nunique"])
    doubles = per_layer[per_layer["size"] > 1]
    assert 0.05 < len(doubles) / len(per_layer) < 0.5
    assert (doubles["nunique"] == doubles["size"]).all()  # a double hit is always on another module


def test_build_event_is_reproducible_and_seed_dependent():
    det, s = trackml_detector(), SimulationSettings()
    a = build_event(_toy_particles(), det, s, np.random.default_rng(5))
    b = build_event(_toy_particles(), det, s, np.random.default_rng(5))
    c = build_event(_toy_particles(), det, s, np.random.default_rng(6))
    for part in a:
        pd.testing.assert_frame_equal(a[part], b[part])
    assert not a["hits"][["x", "y", "z"]].equals(c["hits"][["x", "y", "z"]])


def test_pixels_only_option():
    ev = build_event(_toy_particles(), trackml_detector(strips=False), SimulationSettings(strips=False),
                     np.random.default_rng(1))  # fmt: skip
    assert set(ev["hits"]["volume_id"]) == {7, 8, 9}


# --- settings -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "values, key",
    [
        ({"mu": -1}, "mu"),
        ({"hit_efficiency": 1.5}, "hit_efficiency"),
        ({"minimum_bias": "soft"}, "minimum_bias"),
        ({"beam_spot_mm": [0.01, 0.01]}, "beam_spot_mm"),
        ({"resolution_mm": {"pixel": [0.01]}}, "resolution_mm"),
        ({"strips": "yes"}, "strips"),
        ({"mu": float("nan")}, "mu"),
        ({"hard_process": "none", "mu": 0}, "mu"),
    ],
)
def test_bad_settings_name_the_key(values, key):
    with pytest.raises(ValueError, match=f"'{key}'"):
        SimulationSettings.from_dict(values)


def test_unknown_setting_and_config_errors(tmp_path, repo):
    with pytest.raises(ValueError, match="unknown simulation setting.*pileup"):
        SimulationSettings.from_dict({"pileup": 200})
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("data:\n  trackml:\n    simulation:\n      hit_efficiency: 2\n      nois_fraction: 0.1\n")
    with pytest.raises(ConfigError) as err:
        load_config(repo / "config/config.yaml", cfg)
    assert "data.trackml.simulation.hit_efficiency" in str(err.value)
    assert "data.trackml.simulation.nois_fraction" in str(err.value)


def test_schema_defaults_equal_the_library_defaults(repo):
    cfg = load_config(repo / "config/config.yaml")
    sim = dict(cfg["data"]["trackml"]["simulation"])
    sim.pop("mu")
    lib = SimulationSettings().as_dict()
    lib.pop("mu")
    assert sim == lib


# --- with Pythia8 -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def simulator():
    return TrackMLSimulator(SimulationSettings(mu=3, hard_process="ttbar"), seed=7)


def test_pythia_events_are_seeded_per_event(simulator):
    a = simulator.event(12)
    simulator.event(13)
    b = simulator.event(12)  # same event id again, after another event: identical
    for part in a:
        pd.testing.assert_frame_equal(a[part], b[part])
    c = simulator.event(14)
    assert len(a["particles"]) != len(c["particles"]) or not a["particles"].equals(c["particles"])
    p = a["particles"]
    pt = np.hypot(p.px, p.py)
    eta = np.arcsinh(p.pz / pt)
    assert (pt > 0.1).all() and (np.abs(eta) < 4).all() and set(p.q) <= {-1, 1}
    assert decode_particle_id(p.particle_id)["vertex_id"].max() <= 1 + 20  # tt̄ + Poisson(3) pileup
    # the tt̄ vertex (id 1) is busy; vertices are spread in z by the beam spot
    assert (decode_particle_id(p.particle_id)["vertex_id"] == 1).sum() > 50


def test_simulate_script_writes_reproducible_files(tmp_path):
    from data.simulate_trackml import main

    settings = json.dumps({"mu": 2, "hard_process": "none"})
    main(
        [
            "--outdir",
            str(tmp_path / "a"),
            "--event-ids",
            "5",
            "6",
            "--seed",
            "4",
            "--settings",
            settings,
        ]
    )
    main(
        [
            "--outdir",
            str(tmp_path / "b"),
            "--event-ids",
            "6",
            "--seed",
            "4",
            "--settings",
            settings,
        ]
    )
    for part in ("hits", "cells", "particles", "truth"):
        assert (tmp_path / "a" / f"event000000006-{part}.csv").read_bytes() == (
            tmp_path / "b" / f"event000000006-{part}.csv"
        ).read_bytes()
    hits, cells, particles, truth = load_event(tmp_path / "a" / "event000000005")
    assert len(hits) == len(truth) > 0 and set(cells.hit_id) == set(hits.hit_id)
    with pytest.raises(ValueError, match="'hit_efficiency'"):
        main(["--outdir", str(tmp_path / "c"), "--event-ids", "1", "--seed", "1", "--settings", '{"hit_efficiency": 0}'])
    assert not (tmp_path / "c").exists()
