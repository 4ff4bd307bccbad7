"""Hit filtering: pixel only, pT cut, noise removed, same-layer duplicates -> smallest r, bad events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from trigml.tracking.filtering import HIT_COLUMNS, EventError, select_hits
from trigml.tracking.geometry import LAYER_PAIRS, PIXEL_LAYERS, layer_index

from tests.tracking.toy_events import toy_event


def hand_event():
    """Three particles (pT 3, 1.5, 0.5 GeV), a strip hit, a noise hit and a same-layer duplicate."""
    hits = pd.DataFrame(
        {
            "hit_id": [1, 2, 3, 4, 5, 6, 7, 8],
            "x": [32.0, 72.0, 72.5, 0.0, 260.0, 0.0, 32.0, -32.0],
            "y": [0.0, 1.0, 1.0, 32.0, 0.0, 72.0, 0.5, 0.0],
            "z": [5.0, 10.0, 10.0, -3.0, 30.0, 40.0, 700.0, -600.0],
            "volume_id": [8, 8, 8, 8, 13, 8, 9, 7],
            "layer_id": [2, 4, 4, 2, 2, 4, 4, 14],
            "module_id": [1] * 8,
        }
    )
    particles = pd.DataFrame(
        {
            "particle_id": [11, 22, 33],
            "vx": [0.0] * 3, "vy": [0.0] * 3, "vz": [0.0] * 3,
            "px": [3.0, 0.0, 0.3], "py": [0.0, 1.5, 0.4], "pz": [0.5, -0.1, 2.0],
            "q": [1, -1, 1], "nhits": [4, 1, 2],
        }
    )  # fmt: skip
    truth = pd.DataFrame(
        {
            "hit_id": hits["hit_id"],
            "particle_id": [11, 11, 11, 22, 11, 0, 33, 22],
            "weight": [0.2, 0.1, 0.1, 0.2, 0.1, 0.0, 0.1, 0.2],
        }
    )
    return hits, particles, truth


def test_layer_index_convention():
    assert layer_index(np.array([8, 8, 7, 7, 9, 9, 12]), np.array([2, 8, 14, 2, 2, 14, 2])).tolist() == [
        0, 3, 4, 10, 11, 17, -1,
    ]  # fmt: skip
    assert len(PIXEL_LAYERS) == 18 and len(LAYER_PAIRS) == 23
    barrel_to_disk = [p for p in LAYER_PAIRS if p[0] < 4 and p[1] >= 4]
    assert len(barrel_to_disk) == 8 and {p[1] for p in barrel_to_disk} == {4, 11}


def test_filtering_semantics():
    hits, particles, truth = hand_event()
    sel = select_hits(hits, particles, truth, pt_min=1.0)
    assert list(sel.columns) == HIT_COLUMNS
    # strip hit 5, noise hit 6 and the 0.5 GeV particle's hit 7 are gone; of the duplicates 2 and 3
    # on barrel layer 4 the one at smaller r (hit 2, r = 72.007) stays
    assert sel["hit_id"].tolist() == [1, 4, 2, 8]  # sorted by (layer, phi, hit_id)
    assert sel["layer"].tolist() == [0, 0, 1, 4]
    row = sel.set_index("hit_id").loc[1]
    assert row["pt"] == pytest.approx(3.0) and row["eta"] == pytest.approx(np.arcsinh(0.5 / 3.0))
    assert row["r"] == pytest.approx(32.0) and row["phi"] == pytest.approx(0.0)
    assert sel.set_index("hit_id").loc[8, "phi"] == pytest.approx(-np.pi)  # phi in [-pi, pi)
    # a lower threshold keeps the 0.5 GeV particle, a higher one only the 3 GeV one
    assert 7 in select_hits(hits, particles, truth, pt_min=0.4)["hit_id"].tolist()
    assert select_hits(hits, particles, truth, pt_min=2.0)["hit_id"].tolist() == [1, 2]


def test_filtering_toy_event_invariants():
    hits, particles, truth = toy_event(300, seed=5, pt_lo=0.3, duplicate_fraction=0.3, n_noise=100)
    sel = select_hits(hits, particles, truth, pt_min=1.0)
    assert (sel["particle_id"] != 0).all() and (sel["pt"] >= 1.0).all()
    assert not sel.duplicated(["particle_id", "layer"]).any()
    vol = hits.set_index("hit_id").loc[sel["hit_id"], "volume_id"]
    assert set(vol) <= {7, 8, 9}
    # the kept hit is the innermost of its particle on its layer
    t = truth.merge(hits, on="hit_id")
    t = t[t["volume_id"].isin([7, 8, 9])].assign(r=lambda d: np.hypot(d.x, d.y))
    t["layer"] = layer_index(t["volume_id"].to_numpy(), t["layer_id"].to_numpy())
    innermost = t.loc[t.groupby(["particle_id", "layer"])["r"].idxmin(), "hit_id"]
    assert set(sel["hit_id"]) <= set(innermost)


def test_nan_coordinate_names_table_and_column():
    hits, particles, truth = hand_event()
    hits.loc[2, "z"] = np.nan
    with pytest.raises(EventError, match=r"event000000042-hits\.csv: hits column 'z' has 1 non-finite"):
        select_hits(hits, particles, truth, pt_min=1.0, source="event000000042-hits.csv")


def test_missing_column_and_unknown_hit():
    hits, particles, truth = hand_event()
    with pytest.raises(EventError, match="particles table lacks column.*py"):
        select_hits(hits, particles.drop(columns="py"), truth, pt_min=1.0, source="ev")
    with pytest.raises(EventError, match="no row in the truth table"):
        select_hits(hits, particles, truth.iloc[1:], pt_min=1.0, source="ev")


def test_empty_after_filtering_is_empty_table():
    hits, particles, truth = hand_event()
    sel = select_hits(hits, particles, truth, pt_min=100.0)
    assert len(sel) == 0 and list(sel.columns) == HIT_COLUMNS


def test_duplicate_hit_ids_rejected():
    hits, particles, truth = hand_event()
    hits.loc[1, "hit_id"] = 1
    with pytest.raises(EventError, match="hits column 'hit_id' has duplicate ids"):
        select_hits(hits, particles, truth, pt_min=1.0, source="ev")


def pandas_select(
    hits: pd.DataFrame, particles: pd.DataFrame, truth: pd.DataFrame, pt_min: float
) -> pd.DataFrame:
    """The selection written the slow, obvious way: merges, a sort and drop_duplicates."""
    pix = hits.assign(layer=layer_index(hits["volume_id"].to_numpy(), hits["layer_id"].to_numpy()))
    df = pix[pix["layer"] >= 0].merge(truth[["hit_id", "particle_id", "weight"]], on="hit_id")
    p = particles.assign(pt=np.sqrt(particles["px"] ** 2 + particles["py"] ** 2))
    p = p.assign(eta=np.arcsinh(p["pz"] / p["pt"]))
    df = df[df["particle_id"] != 0].merge(p[["particle_id", "pt", "eta"]], on="particle_id")
    df = df[df["pt"] > pt_min].assign(
        r=lambda d: np.sqrt(d["x"] ** 2 + d["y"] ** 2), phi=lambda d: np.arctan2(d["y"], d["x"])
    )
    df = df.sort_values(["particle_id", "layer", "r", "hit_id"]).drop_duplicates(["particle_id", "layer"])
    df.loc[df["phi"] >= np.pi, "phi"] -= 2 * np.pi
    return df.sort_values(["layer", "phi", "hit_id"])[HIT_COLUMNS].reset_index(drop=True)


@pytest.mark.parametrize("shuffle_truth", [False, True])
def test_selection_equals_pandas_reference(shuffle_truth):
    """The array implementation (lookup tables, one lexsort) against merges, on toy events with
    same-layer duplicates and noise; truth rows in the hits' order (the fast path) or shuffled."""
    for seed in range(3):
        hits, particles, truth = toy_event(250, seed=seed, pt_lo=0.3, duplicate_fraction=0.3, n_noise=80)
        if shuffle_truth:
            truth = truth.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        for pt_min in (0.5, 1.0, 2.0):
            got = select_hits(hits, particles, truth, pt_min=pt_min)
            want = pandas_select(hits, particles, truth, pt_min)
            assert len(got) > 10
            pd.testing.assert_frame_equal(got, want, check_dtype=False, check_exact=True)


def test_selection_float32_unsorted_particles_and_unknown_particle(caplog):
    """Challenge dtypes (float32 positions and momenta), a particles table not sorted by id, and
    particles absent from it (their hits dropped with a warning that counts them): still the
    pandas reference, value for value."""
    hits, particles, truth = toy_event(300, seed=7, pt_lo=0.3, duplicate_fraction=0.3, n_noise=80)
    hits = hits.astype({c: np.float32 for c in ("x", "y", "z")})
    particles = particles.astype({c: np.float32 for c in ("px", "py", "pz")})
    particles = particles.sample(frac=1.0, random_state=1).reset_index(drop=True)
    gone, particles = particles.iloc[:4], particles.iloc[4:]
    layer = layer_index(hits["volume_id"].to_numpy(), hits["layer_id"].to_numpy())
    n_gone = int((truth["particle_id"].isin(gone["particle_id"]).to_numpy() & (layer >= 0)).sum())
    assert n_gone > 0
    for pt_min in (0.5, 1.0):
        with caplog.at_level("WARNING", logger="trigml.tracking.filtering"):
            got = select_hits(hits, particles, truth, pt_min=pt_min, source="ev")
        assert f"ev: {n_gone} hit(s) of particles absent" in caplog.text
        want = pandas_select(hits, particles, truth, pt_min)
        assert len(got) > 10 and got["r"].dtype == np.float32 and got["phi"].dtype == np.float32
        pd.testing.assert_frame_equal(got, want, check_dtype=False, check_exact=True)


def test_canonical_order_equals_lexsort():
    """The canonical order's fast path (one int64 key per hit) is np.lexsort((hit_id, phi, layer)),
    ties in phi and signed zeros included; float64 phi takes lexsort itself."""
    from trigml.tracking.filtering import _canonical_order

    rng = np.random.default_rng(0)
    for n in (0, 1, 7, 500):
        layer = rng.integers(0, 18, n)
        phi = rng.choice(np.r_[rng.uniform(-np.pi, np.pi, 40), 0.0, -0.0, -np.pi], n).astype(np.float32)
        hit_id = rng.permutation(10 * n + 1)[:n]
        for p in (phi, phi.astype(np.float64), np.unique(phi)[: min(n, 3)].repeat(1)):
            m = len(p)
            want = np.lexsort((hit_id[:m], p, layer[:m]))
            assert np.array_equal(_canonical_order(layer[:m], p, hit_id[:m]), want)
