"""trigml.data.simulation: the fast paths give exactly what the exhaustive computation gives.

The nearest-crossing search evaluates only the surfaces that can hold the nearest crossing; module
location, cell order and hit order run over all hits at once. Each is checked here, bit for bit,
against the plain computation on varied particles (central, forward, displaced, loopers)."""

from __future__ import annotations

import numpy as np
import pytest
from trigml.data.simulation import events, propagation
from trigml.data.simulation.geometry import locate, locate_all, module_tables, trackml_detector


@pytest.fixture(scope="module")
def det():
    return trackml_detector(strips=True)


def _geo(det):
    geo = det.arrays()
    geo["disk_by_z"] = np.flatnonzero(geo["is_disk"])[np.argsort(geo["z"][geo["is_disk"]], kind="stable")]
    geo["cyl_by_r"] = np.flatnonzero(~geo["is_disk"])[np.argsort(geo["r"][~geo["is_disk"]], kind="stable")]
    return geo


def _particles(n, rng):
    """Vertices near the beam line or displaced up to r = 600 mm, |z| up to 2 m; pT 0.1-20 GeV,
    |eta| < 4.5 (some beyond the disks' inner radius), both charges; the remaining turning angle
    and the surface just left drawn too."""
    r0 = np.where(rng.uniform(size=n) < 0.5, rng.uniform(0, 1, n), rng.uniform(0, 600, n))
    phi_v = rng.uniform(-np.pi, np.pi, n)
    pos = np.column_stack([r0 * np.cos(phi_v), r0 * np.sin(phi_v), rng.uniform(-2000, 2000, n)])
    pt = np.exp(rng.uniform(np.log(0.1), np.log(20), n))
    eta = rng.uniform(-4.5, 4.5, n)
    phi = rng.uniform(-np.pi, np.pi, n)
    mom = np.column_stack([pt * np.cos(phi), pt * np.sin(phi), pt * np.sinh(eta)])
    return pos, mom, np.where(rng.uniform(size=n) < 0.5, 1.0, -1.0)


def test_nearest_crossing_equals_the_whole_table(det):
    rng = np.random.default_rng(11)
    geo = _geo(det)
    m = len(geo["is_disk"])
    pos, mom, q = _particles(4000, rng)
    budget = np.where(rng.uniform(size=len(q)) < 0.3, rng.uniform(0, np.pi, len(q)), np.pi)
    last = np.where(rng.uniform(size=len(q)) < 0.5, rng.integers(0, m, len(q)), -1)
    j, sj, hx = propagation._nearest_crossing(pos, mom, q, geo, 2.0, budget, last)
    # the exhaustive minimum: every (particle, surface) pair, the surface just left excluded
    i_all, j_all = np.repeat(np.arange(len(q)), m), np.tile(np.arange(m), len(q))
    table = propagation._pair_phase(hx, geo, i_all, j_all).reshape(len(q), m)
    table[np.arange(len(q))[last >= 0], last[last >= 0]] = np.inf
    j_ref = np.argmin(table, axis=1)
    s_ref = table[np.arange(len(q)), j_ref]
    go = np.isfinite(s_ref) & (s_ref <= budget)
    assert 0.3 < go.mean() < 1  # a mix of particles that move on and particles that stop
    np.testing.assert_array_equal(j[go], j_ref[go])
    np.testing.assert_array_equal(sj[go], s_ref[go])
    # where the exhaustive search stops the particle, the fast one does too
    assert not (np.isfinite(sj[~go]) & (sj[~go] <= budget[~go])).any()


def test_locate_all_equals_locate_surface_by_surface(det):
    rng = np.random.default_rng(5)
    sens = np.array([i for i, s in enumerate(det.surfaces) if s.sensitive])
    surf = rng.choice(sens, 30000)
    disk = np.array([det.surfaces[j].kind == "disk" for j in surf])
    phi = rng.uniform(-np.pi, np.pi, len(surf))
    r = np.where(disk, rng.uniform(20, 1050, len(surf)), [det.surfaces[j].r for j in surf])
    z = np.where(disk, [det.surfaces[j].z for j in surf], rng.uniform(-1200, 1200, len(surf)))
    x, y = r * np.cos(phi), r * np.sin(phi)
    got = locate_all(module_tables(det), surf, x, y, z)
    for j in np.unique(surf):
        sel = surf == j
        for key, ref in locate(det.surfaces[j], x[sel], y[sel], z[sel]).items():
            np.testing.assert_array_equal(got[key][sel], ref, err_msg=f"surface {j}, {key}")


def test_cell_order_and_hit_order_are_the_lexicographic_sorts():
    rng = np.random.default_rng(2)
    n = 500
    hit_id = rng.permutation(n) + 1
    nu, nv = rng.integers(1, 5, n), rng.integers(1, 7, n)
    ncell = nu * nv
    hit = np.repeat(np.arange(n), ncell)
    k = np.arange(ncell.sum()) - np.repeat(np.cumsum(ncell) - ncell, ncell)
    c0, c1 = rng.integers(0, 50, n)[hit] + k % nu[hit], rng.integers(0, 50, n)[hit] + k // nu[hit]
    perm, hit_s, a, b = events._cell_order(hit_id, nu, nv)
    np.testing.assert_array_equal(perm, np.lexsort((c1, c0, hit_id[hit])))
    np.testing.assert_array_equal(hit_s, hit[perm])
    np.testing.assert_array_equal(a, (k % nu[hit])[perm])
    np.testing.assert_array_equal(b, (k // nu[hit])[perm])
    vol, lay = rng.choice([7, 8, 9, 12, 13], n), rng.choice([2, 4, 6], n)
    mod, z = rng.integers(1, 4000, n), rng.normal(size=n).round(1)
    np.testing.assert_array_equal(events._hit_order(vol, lay, mod, z), np.lexsort((z, mod, lay, vol)))
