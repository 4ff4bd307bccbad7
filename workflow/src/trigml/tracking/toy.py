"""Toy TrackML events: helices from the beam line through the pixel layers, in the challenge format.

Used by the tests (fast, fully known truth) and by the benchmark when the project's simulation
(``trigml.data.simulation``) is not importable. It is *not* the physics simulation of the data study:
particles start on the beam axis (vx = vy = 0, vz Gaussian), move on ideal helices in a uniform
2 T field without scattering, and leave a hit wherever they cross a pixel layer:

* barrel volume 8, layer_id 2/4/6/8 at r = 32/72/116/172 mm, |z| < 491 mm;
* endcap disks at |z| = 600, 700, 820, 960, 1100, 1300, 1500 mm, 30 < r < 175 mm, volume 9
  (z > 0, layer_id 2..14 outward) and 7 (z < 0, layer_id 14..2 towards the barrel);
* one strip barrel layer (volume 13, layer_id 2, r = 260 mm) so that filtering has strips to drop.

Optionally a fraction of hits is doubled on the same layer at slightly larger r (overlapping
modules) and noise hits (particle_id 0) are added. pT follows p(pT) ~ pT^-(1 + alpha) above
``pt_lo``; eta is uniform in |eta| < ``eta_max``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BARREL = ((2, 32.0), (4, 72.0), (6, 116.0), (8, 172.0))
DISKS_Z = (600.0, 700.0, 820.0, 960.0, 1100.0, 1300.0, 1500.0)
BARREL_HALF_Z, DISK_R = 491.0, (30.0, 175.0)
STRIP = (13, 2, 260.0, 1080.0)  # volume, layer, r, half-length
B_FIELD_T = 2.0


def _helix_point(t, pt, phi0, q, pz_over_pt, vz):  # type: ignore[no-untyped-def]
    """Point of the helix after turning angle t (vertex on the z axis)."""
    radius = pt / (0.3 * B_FIELD_T) * 1000.0  # mm
    x = q * radius * (np.sin(phi0) - np.sin(phi0 - q * t))
    y = -q * radius * (np.cos(phi0) - np.cos(phi0 - q * t))
    z = vz + radius * t * pz_over_pt
    return x, y, z


def toy_event(
    n_particles: int = 200,
    *,
    seed: int = 0,
    pt_lo: float = 0.5,
    alpha: float = 1.0,
    eta_max: float = 3.0,
    vz_sigma: float = 50.0,
    duplicate_fraction: float = 0.05,
    n_noise: int = 50,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(hits, particles, truth) DataFrames with the challenge's columns."""
    rng = np.random.default_rng(seed)
    n = n_particles
    pt = pt_lo * rng.uniform(0, 1, n) ** (-1.0 / alpha)
    eta = rng.uniform(-eta_max, eta_max, n)
    phi0 = rng.uniform(-np.pi, np.pi, n)
    q = rng.choice([-1, 1], n)
    vz = rng.normal(0, vz_sigma, n)
    pz = pt * np.sinh(eta)
    pid = (np.arange(n, dtype=np.int64) + 1) << 20
    radius = pt / (0.3 * B_FIELD_T) * 1000.0

    rows: list[tuple[np.ndarray, ...]] = []  # (particle index, x, y, z, volume, layer)
    surfaces = [(8, lay, "r", rr, BARREL_HALF_Z) for lay, rr in BARREL]
    surfaces += [(9, 2 + 2 * k, "z", zz, None) for k, zz in enumerate(DISKS_Z)]
    surfaces += [(7, 14 - 2 * k, "z", -zz, None) for k, zz in enumerate(DISKS_Z)]
    surfaces.append((STRIP[0], STRIP[1], "r", STRIP[2], STRIP[3]))
    for vol, lay, kind, where, half in surfaces:
        if kind == "r":
            ok = where < 2 * radius
            t = 2 * np.arcsin(np.clip(where / (2 * radius), 0, 1))
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                t = (where - vz) / (radius * pz / pt)
            ok = (t > 0) & (t < np.pi)
        x, y, z = _helix_point(t, pt, phi0, q, pz / pt, vz)
        r = np.hypot(x, y)
        if kind == "r":
            ok &= np.abs(z) < half
        else:
            ok &= (r > DISK_R[0]) & (r < DISK_R[1])
        idx = np.flatnonzero(ok)
        rows.append((idx, x[idx], y[idx], z[idx], np.full(len(idx), vol), np.full(len(idx), lay)))
        # overlapping modules: a second hit of the same particle on the same layer, slightly further out
        dup = idx[rng.uniform(0, 1, len(idx)) < duplicate_fraction]
        if len(dup):
            scale = 1 + 0.5 / np.maximum(r[dup], 1.0)
            rows.append(
                (dup, x[dup] * scale, y[dup] * scale, z[dup], np.full(len(dup), vol), np.full(len(dup), lay))
            )
    part = np.concatenate([r_[0] for r_ in rows])
    hx, hy, hz = (np.concatenate([r_[k] for r_ in rows]) for k in (1, 2, 3))
    vol_id = np.concatenate([r_[4] for r_ in rows])
    lay_id = np.concatenate([r_[5] for r_ in rows])
    hit_pid = pid[part]

    # noise hits on random pixel layers
    noise_layers = [(8, lay, rr) for lay, rr in BARREL] + [(9, 2 + 2 * k, z) for k, z in enumerate(DISKS_Z)]
    pick = rng.integers(0, len(noise_layers), n_noise)
    nphi = rng.uniform(-np.pi, np.pi, n_noise)
    nx, ny, nz, nvol, nlay = [], [], [], [], []
    for k, ph in zip(pick, nphi, strict=True):
        vol, lay, where = noise_layers[k]
        if vol == 8:
            rr, zz = where, rng.uniform(-BARREL_HALF_Z, BARREL_HALF_Z)
        else:
            rr, zz = rng.uniform(*DISK_R), where * rng.choice([-1, 1])
            vol, lay = (9, lay) if zz > 0 else (7, 16 - lay)
        nx.append(rr * np.cos(ph))
        ny.append(rr * np.sin(ph))
        nz.append(zz)
        nvol.append(vol)
        nlay.append(lay)
    hx = np.concatenate([hx, nx])
    hy = np.concatenate([hy, ny])
    hz = np.concatenate([hz, nz])
    vol_id = np.concatenate([vol_id, nvol]).astype(np.int64)
    lay_id = np.concatenate([lay_id, nlay]).astype(np.int64)
    hit_pid = np.concatenate([hit_pid, np.zeros(n_noise, np.int64)])

    shuffle = rng.permutation(len(hx))
    hx, hy, hz, vol_id, lay_id, hit_pid = (a[shuffle] for a in (hx, hy, hz, vol_id, lay_id, hit_pid))
    hit_id = np.arange(1, len(hx) + 1, dtype=np.int64)
    hits = pd.DataFrame(
        {
            "hit_id": hit_id,
            "x": hx.astype(np.float32),
            "y": hy.astype(np.float32),
            "z": hz.astype(np.float32),
            "volume_id": vol_id,
            "layer_id": lay_id,
            "module_id": rng.integers(1, 3000, len(hx)),
        }
    )
    nhits = pd.Series(hit_pid).value_counts()
    particles = pd.DataFrame(
        {
            "particle_id": pid,
            "vx": np.zeros(n, np.float32),
            "vy": np.zeros(n, np.float32),
            "vz": vz.astype(np.float32),
            "px": (pt * np.cos(phi0)).astype(np.float32),
            "py": (pt * np.sin(phi0)).astype(np.float32),
            "pz": pz.astype(np.float32),
            "q": q.astype(np.int64),
            "nhits": nhits.reindex(pid).fillna(0).to_numpy(np.int64),
        }
    )
    per_particle = nhits.reindex(hit_pid).to_numpy(np.float64)
    weight = np.where(hit_pid != 0, 1.0 / np.maximum(per_particle, 1), 0.0)
    weight /= max(weight.sum(), 1e-12)
    truth = pd.DataFrame(
        {
            "hit_id": hit_id,
            "particle_id": hit_pid,
            "tx": hits["x"],
            "ty": hits["y"],
            "tz": hits["z"],
            "tpx": np.zeros(len(hx), np.float32),
            "tpy": np.zeros(len(hx), np.float32),
            "tpz": np.zeros(len(hx), np.float32),
            "weight": weight.astype(np.float32),
        }
    )
    return hits, particles, truth


def write_toy_event(outdir: str, event_id: int, **kwargs: object) -> list:
    """Write a toy event's four challenge files (one cell per hit) with ``trigml.data.trackml.write_event``."""
    from trigml.data.trackml import write_event

    hits, particles, truth = toy_event(**kwargs)  # type: ignore[arg-type]
    cells = pd.DataFrame({"hit_id": hits["hit_id"], "ch0": 1, "ch1": 1, "value": np.float32(0.1)})
    return write_event(outdir, event_id, hits, cells, particles, truth)
