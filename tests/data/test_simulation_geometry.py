"""trigml.data.simulation.geometry and .propagation: challenge ids, positions, helices, scattering."""

from __future__ import annotations

import numpy as np
import pytest
from trigml.data.simulation.geometry import locate, trackml_detector
from trigml.data.simulation.propagation import C_LIGHT, helix_radius, highland, propagate


@pytest.fixture(scope="module")
def det():
    return trackml_detector(strips=True)


def test_pixel_ids_and_positions(det):
    barrel = {s.layer_id: s for s in det.sensitive if s.volume_id == 8}
    assert sorted(barrel) == [2, 4, 6, 8]
    assert [barrel[k].r for k in (2, 4, 6, 8)] == [32.0, 72.0, 116.0, 172.0]
    assert all(abs(s.z_max - 491.0) < 1.0 for s in barrel.values())
    zs = [600.0, 700.0, 820.0, 960.0, 1100.0, 1300.0, 1500.0]
    pos = {s.layer_id: s.z for s in det.sensitive if s.volume_id == 9}
    neg = {s.layer_id: s.z for s in det.sensitive if s.volume_id == 7}
    # volume 9 counts outward from the barrel, volume 7 inward towards it (as in the real data)
    assert [pos[k] for k in range(2, 15, 2)] == zs
    assert [neg[k] for k in range(2, 15, 2)] == [-z for z in reversed(zs)]
    assert neg[14] == -600.0 and neg[2] == -1500.0


def test_strip_volumes_are_optional(det):
    vols = {s.volume_id for s in det.sensitive}
    assert vols == {7, 8, 9, 12, 13, 14, 16, 17, 18}
    assert {s.layer_id for s in det.sensitive if s.volume_id == 13} == {2, 4, 6, 8}
    assert {s.layer_id for s in det.sensitive if s.volume_id == 17} == {2, 4}
    assert det.surface(12, 2).z == -2950.0 and det.surface(14, 2).z == 1220.0
    assert {s.volume_id for s in trackml_detector(strips=False).sensitive} == {7, 8, 9}
    with pytest.raises(ValueError, match="material_scale"):
        trackml_detector(material_scale=-1)


@pytest.mark.parametrize("key", [(8, 2), (8, 8), (9, 2), (7, 14), (13, 4), (18, 12)])
def test_module_ids_unique_and_in_range(det, key):
    s = det.surface(*key)
    rng = np.random.default_rng(0)
    phi = rng.uniform(-np.pi, np.pi, 20000)
    if s.kind == "barrel":
        r, z = np.full(phi.size, s.r), rng.uniform(-s.z_max, s.z_max, phi.size)
    else:
        r, z = np.sqrt(rng.uniform(s.r_min**2, s.r_max**2, phi.size)), np.full(phi.size, s.z)
    loc = locate(s, r * np.cos(phi), r * np.sin(phi), z)
    assert loc["module_id"].min() >= 1 and loc["module_id"].max() <= s.n_modules
    assert len(np.unique(loc["module_id"])) > 0.95 * s.n_modules  # every module is reachable
    dup = loc["dup_phi"][loc["dup_phi"] > 0]
    assert (dup != loc["module_id"][loc["dup_phi"] > 0]).all()
    # overlaps: the real layouts overlap by ~10-30 % in φ; a few per cent in z / between rings
    assert 0.02 < np.mean(loc["dup_phi"] > 0) < 0.6
    assert (loc["u"] >= -1e-6).all() and (loc["v"] >= -1e-6).all()


def test_module_centre_and_overlap(det):
    s = det.surface(8, 8)
    # centre of module k=0, z-row j=0 (first module): no overlap there
    phi0 = 2 * np.pi * 0.5 / s.n_phi - np.pi
    z0 = s.z_centres()[0]
    loc = locate(s, np.array([s.r * np.cos(phi0)]), np.array([s.r * np.sin(phi0)]), np.array([z0]))
    assert loc["module_id"][0] == 1 and loc["dup_phi"][0] == 0 and loc["dup_other"][0] == 0
    # on the φ boundary between modules 0 and 1: both cover it
    phib = 2 * np.pi / s.n_phi - np.pi + 1e-6
    loc = locate(s, np.array([s.r * np.cos(phib)]), np.array([s.r * np.sin(phib)]), np.array([z0]))
    assert {loc["module_id"][0], loc["dup_phi"][0]} == {1, 1 + s.n_z}


def _circle(points):
    """Radius of the circle through three points (x, y)."""
    (x1, y1), (x2, y2), (x3, y3) = points
    a = np.hypot(x2 - x1, y2 - y1)
    b = np.hypot(x3 - x2, y3 - y2)
    c = np.hypot(x1 - x3, y1 - y3)
    area = abs((x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1)) / 2
    return a * b * c / (4 * area)


@pytest.mark.parametrize("q", [1, -1])
def test_helix_hits_lie_on_the_helix_and_give_pt(det, q):
    pt, pz, vz = 0.8, 0.6, 3.0
    phi0 = 0.7
    mom = np.array([[pt * np.cos(phi0), pt * np.sin(phi0), pz]])
    cr = propagate(np.array([[0.0, 0.0, vz]]), mom, np.array([q]), np.array([0.1396]), det,
                   bfield=2.0, multiple_scattering=False)  # fmt: skip
    R = pt / (C_LIGHT * 2.0) * 1000
    assert helix_radius(pt, q, 2.0) == pytest.approx(R)
    h = -q
    cx, cy = -h * R * np.sin(phi0), h * R * np.cos(phi0)
    x, y, z = cr.pos.T
    np.testing.assert_allclose(np.hypot(x - cx, y - cy), R, rtol=1e-9)
    # turning angle from the geometry, and z linear in it
    s = (h * (np.arctan2(y - cy, x - cx) - np.arctan2(-cy, -cx))) % (2 * np.pi)
    np.testing.assert_allclose(z, vz + R * s * pz / pt, rtol=1e-9, atol=1e-9)
    # every crossing is on its surface
    for j, p in zip(cr.surface, cr.pos):
        sf = det.surfaces[j]
        if sf.kind == "barrel":
            assert np.hypot(p[0], p[1]) == pytest.approx(sf.r, abs=1e-6)
        else:
            assert p[2] == pytest.approx(sf.z, abs=1e-6)
    # pT back from the curvature of three hits; the momentum stays tangent with |pT| kept
    pt_fit = C_LIGHT * 2.0 * _circle(cr.pos[[1, 3, 5], :2]) / 1000
    assert pt_fit == pytest.approx(pt, rel=1e-6)
    np.testing.assert_allclose(np.hypot(cr.mom[:, 0], cr.mom[:, 1]), pt, rtol=1e-12)
    # charge sign: positive particles bend clockwise in a +z field
    dphi = np.diff(np.unwrap(np.arctan2(cr.mom[:, 1], cr.mom[:, 0])))
    assert (np.sign(dphi) == -q).all()
    # crossings ordered outwards along the path, within half a turn
    assert (np.diff(s) > 0).all() and s.max() <= np.pi


def test_barrel_sequence_of_a_central_track(det):
    cr = propagate(np.zeros((1, 3)), np.array([[5.0, 0.0, 0.0]]), np.array([1]), np.array([0.14]), det,
                   multiple_scattering=False)  # fmt: skip
    ids = [
        (det.surfaces[j].volume_id, det.surfaces[j].layer_id) for j in cr.surface if det.surfaces[j].sensitive
    ]
    assert ids == [(8, 2), (8, 4), (8, 6), (8, 8), (13, 2), (13, 4), (13, 6), (13, 8), (17, 2), (17, 4)]


def test_forward_track_crosses_disks_in_order(det):
    eta = 3.0  # r = 60 mm at |z| = 600, 150 mm at 1500: all seven disks
    mom = np.array([[2.0, 0.0, 2.0 * np.sinh(eta)], [2.0, 0.0, -2.0 * np.sinh(eta)]])
    cr = propagate(
        np.zeros((2, 3)), mom, np.array([1, 1]), np.array([0.14, 0.14]), det, multiple_scattering=False
    )
    for i, vol in ((0, 9), (1, 7)):
        sel = [(det.surfaces[j].volume_id, det.surfaces[j].layer_id) for j in cr.surface[cr.particle == i]
               if det.surfaces[j].volume_id == vol]  # fmt: skip
        layers = [lay for _, lay in sel]
        assert layers == (sorted(layers) if vol == 9 else sorted(layers, reverse=True))
        assert len(layers) == 7


def test_low_pt_particle_stops_after_half_a_turn(det):
    # pT = 0.18 GeV: R = 300 mm, reaches r = 600 mm at most; no second leg back in
    cr = propagate(np.zeros((1, 3)), np.array([[0.18, 0.0, 0.0]]), np.array([1]), np.array([0.14]), det,
                   multiple_scattering=False)  # fmt: skip
    vol_lay = [
        (det.surfaces[j].volume_id, det.surfaces[j].layer_id) for j in cr.surface if det.surfaces[j].sensitive
    ]
    assert len(vol_lay) == len(set(vol_lay))
    assert (13, 8) not in vol_lay and (13, 6) in vol_lay


def test_multiple_scattering_off_is_exact_and_on_follows_highland(det):
    n = 20000
    mom = np.tile([1.0, 0.0, 0.0], (n, 1))
    args = (np.zeros((n, 3)), mom, np.ones(n), np.full(n, 0.13957), det)
    a = propagate(*args, multiple_scattering=False)
    b = propagate(*args, multiple_scattering=False, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(a.pos, b.pos)
    c = propagate(*args, multiple_scattering=True, rng=np.random.default_rng(2))
    # after the beam pipe only (second crossing, r = 32 mm): polar-angle spread = θ0(beam pipe)
    first_layer = c.step == 1
    theta = np.arctan2(c.mom[first_layer, 2], np.hypot(c.mom[first_layer, 0], c.mom[first_layer, 1]))
    p = 1.0
    beta = p / np.hypot(p, 0.13957)
    expected = highland(np.array(p), np.array(beta), np.array(1.0), np.array(0.8 / 352.8))
    assert np.std(theta) == pytest.approx(float(expected), rel=0.05)
    assert not np.allclose(a.pos[a.step == 3], c.pos[c.step == 3])


def test_propagation_rejects_bad_input(det):
    with pytest.raises(ValueError, match="bfield"):
        propagate(np.zeros((1, 3)), np.ones((1, 3)), np.ones(1), np.ones(1), det, bfield=0)
    with pytest.raises(ValueError, match="rng"):
        propagate(np.zeros((1, 3)), np.ones((1, 3)), np.ones(1), np.ones(1), det, multiple_scattering=True)


def test_hadronic_interactions_end_tracks():
    """stop_per_x0: a huge rate ends every particle at its first crossing (which is kept); zero
    rate for a particle leaves its crossings as without the option."""
    from trigml.data.simulation import trackml_detector
    from trigml.data.simulation.propagation import propagate

    det = trackml_detector(strips=True, material_scale=1.0)
    n = 20
    phi = np.linspace(0, 2 * np.pi, n, endpoint=False)
    mom = np.column_stack([2 * np.cos(phi), 2 * np.sin(phi), np.full(n, 0.5)])
    pos, q, mass = np.zeros((n, 3)), np.ones(n), np.full(n, 0.14)
    free = propagate(pos, mom, q, mass, det, rng=np.random.default_rng(1), multiple_scattering=False)
    rate = np.where(np.arange(n) < 10, 1e9, 0.0)
    cut = propagate(pos, mom, q, mass, det, rng=np.random.default_rng(1), multiple_scattering=False,
                    stop_per_x0=rate)  # fmt: skip
    per_free = np.bincount(free.particle, minlength=n)
    per_cut = np.bincount(cut.particle, minlength=n)
    assert (per_cut[:10] == 1).all() and (per_free[:10] > 5).all()
    np.testing.assert_array_equal(per_cut[10:], per_free[10:])
