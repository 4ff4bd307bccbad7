"""Helix propagation of charged particles through the detector, vectorised over particles.

In a uniform field B along z, a particle of charge q and transverse momentum pT moves on a helix
of radius R = pT / (0.299792458 · |q| · B) (R in m, pT in GeV, B in T). With the turning angle
s ≥ 0 as parameter and h = -sign(q) the sense of rotation (seen from +z),

    x(s) = x0 + h R (sin(φ0 + h s) - sin φ0)
    y(s) = y0 - h R (cos(φ0 + h s) - cos φ0)
    z(s) = z0 + R s pz / pT,

and the momentum turns with it: φ(s) = φ0 + h s. All particles of an event are moved together,
one surface crossing per step: each step computes, for every particle and every surface, the
turning angle to its next crossing (circle-circle intersection for cylinders, a linear equation
for disks), takes the nearest, moves there, records the crossing and deflects the direction by
multiple scattering (Highland's θ0 with the path length through the layer). A particle stops after
half a turn (``max_turn``, the turning point of a looper, as in the TrackML sample, which has no
second legs of loopers) or when it crosses nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import Detector

__all__ = ["C_LIGHT", "Crossings", "helix_radius", "highland", "propagate"]

C_LIGHT = 0.299792458  # GeV / (T · m)
EPS = 1e-9


def helix_radius(pt: np.ndarray, q: np.ndarray, bfield: float) -> np.ndarray:
    """Helix radius in mm for pT in GeV and B in T."""
    return np.asarray(pt) / (C_LIGHT * np.abs(q) * bfield) * 1000.0


def highland(p: np.ndarray, beta: np.ndarray, q: np.ndarray, x_over_x0: np.ndarray) -> np.ndarray:
    """RMS plane scattering angle θ0 (rad), PDG eq. 34.16 (Highland, Lynch & Dahl)."""
    x = np.maximum(np.asarray(x_over_x0, dtype=float), 1e-12)
    q2 = np.asarray(q, dtype=float) ** 2
    return 0.0136 / (beta * p) * np.sqrt(q2) * np.sqrt(x) * (1 + 0.038 * np.log(x * q2 / beta**2))


@dataclass
class Crossings:
    """Surface crossings of all particles (one row per crossing, in crossing order per particle)."""

    particle: np.ndarray  # index into the input particle arrays
    surface: np.ndarray  # index into detector.surfaces
    pos: np.ndarray  # (n, 3) true position, mm
    mom: np.ndarray  # (n, 3) momentum at the crossing (before scattering in that layer), GeV
    step: np.ndarray  # crossing number along the particle's path (0, 1, ...)

    def __len__(self) -> int:
        return len(self.particle)


def _phase(dx: np.ndarray, dy: np.ndarray, psi0: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Turning angle in [0, 2π) from the start angle psi0 to the point (dx, dy) relative to the centre."""
    return (h * (np.arctan2(dy, dx) - psi0)) % (2 * np.pi)


def _surface_phases(pos: np.ndarray, mom: np.ndarray, q: np.ndarray, geo: dict[str, np.ndarray],
                    bfield: float) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Turning angle to every surface (inf where not reached) of particles at ``pos`` with ``mom``,
    and their helix parameters (h, R, phi0, cot, pt, pz)."""
    is_disk, is_cyl = geo["is_disk"], ~geo["is_disk"]
    x0, y0, z0 = pos.T
    px, py, pz = mom.T
    pt = np.hypot(px, py)
    R = helix_radius(pt, q, bfield)
    h = -np.sign(q)
    phi0 = np.arctan2(py, px)
    cot = pz / pt
    cx = x0 - h * R * np.sin(phi0)
    cy = y0 + h * R * np.cos(phi0)
    psi0 = np.arctan2(y0 - cy, x0 - cx)
    s = np.full((len(pos), len(geo["r"])), np.inf)

    # cylinders: intersections of the circle (centre c, radius R) with r = rho
    d = np.hypot(cx, cy)[:, None]
    rho = geo["r"][None, is_cyl]
    a = (rho**2 - R[:, None] ** 2 + d**2) / (2 * np.maximum(d, EPS))
    k2 = rho**2 - a**2
    ok = k2 >= 0
    k = np.sqrt(np.where(ok, k2, 0.0))
    ux, uy = (cx / np.maximum(d[:, 0], EPS))[:, None], (cy / np.maximum(d[:, 0], EPS))[:, None]
    s_cyl = np.full(k.shape, np.inf)
    for sign in (1.0, -1.0):
        px_ = a * ux - sign * k * uy
        py_ = a * uy + sign * k * ux
        ph = _phase(px_ - cx[:, None], py_ - cy[:, None], psi0[:, None], h[:, None])
        zc = z0[:, None] + R[:, None] * ph * cot[:, None]
        good = ok & (ph > EPS) & (np.abs(zc) <= geo["z_max"][None, is_cyl])
        s_cyl = np.where(good & (ph < s_cyl), ph, s_cyl)
    s[:, is_cyl] = s_cyl

    # disks: z(s) = Z
    with np.errstate(divide="ignore", invalid="ignore"):
        ph = (geo["z"][None, is_disk] - z0[:, None]) / (R[:, None] * cot[:, None])
    ph = np.where(np.isfinite(ph), ph, -1.0)
    xd = x0[:, None] + h[:, None] * R[:, None] * (np.sin(phi0[:, None] + h[:, None] * ph) - np.sin(phi0)[:, None])
    yd = y0[:, None] - h[:, None] * R[:, None] * (np.cos(phi0[:, None] + h[:, None] * ph) - np.cos(phi0)[:, None])
    rd = np.hypot(xd, yd)
    good = (ph > EPS) & (rd >= geo["r_min"][None, is_disk]) & (rd <= geo["r_max"][None, is_disk])
    s[:, is_disk] = np.where(good, ph, np.inf)
    return s, h, R, phi0, cot, pt, pz


def _advance(pos: np.ndarray, sj: np.ndarray, h: np.ndarray, R: np.ndarray, phi0: np.ndarray, cot: np.ndarray,
             pt: np.ndarray, pz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Position and momentum after turning by ``sj`` along each helix."""
    x0, y0, z0 = pos.T
    phi = phi0 + h * sj
    new_pos = np.column_stack(
        [x0 + h * R * (np.sin(phi) - np.sin(phi0)), y0 - h * R * (np.cos(phi) - np.cos(phi0)), z0 + R * sj * cot]
    )
    return new_pos, np.column_stack([pt * np.cos(phi), pt * np.sin(phi), pz])


def propagate(
    pos: np.ndarray,
    mom: np.ndarray,
    q: np.ndarray,
    mass: np.ndarray,
    detector: Detector,
    bfield: float = 2.0,
    rng: np.random.Generator | None = None,
    multiple_scattering: bool = True,
    max_turn: float = np.pi,
    max_steps: int = 64,
    stop_per_x0: np.ndarray | None = None,
) -> Crossings:
    """Propagate particles (``pos`` (n, 3) mm, ``mom`` (n, 3) GeV, charge ``q``, ``mass`` GeV).

    Returns every crossing of a detector surface, sensitive or passive (callers keep the
    sensitive ones as hits). ``rng`` is needed only with ``multiple_scattering`` or ``stop_per_x0``.
    ``stop_per_x0`` (per particle, per radiation length): after each crossing of x radiation
    lengths a particle ends (a hadronic interaction) with probability 1 - exp(-x * stop_per_x0);
    the crossing itself is kept.
    """
    if bfield <= 0:
        raise ValueError(f"bfield must be > 0 T, got {bfield}")
    if multiple_scattering and rng is None:
        raise ValueError("multiple scattering needs a random generator (rng)")
    pos = np.array(pos, dtype=float).reshape(-1, 3)
    mom = np.array(mom, dtype=float).reshape(-1, 3)
    q = np.asarray(q, dtype=float)
    mass = np.asarray(mass, dtype=float)
    n = len(pos)
    geo = detector.arrays()

    active = np.flatnonzero((q != 0) & (np.hypot(mom[:, 0], mom[:, 1]) > 0))
    budget = np.full(n, max_turn)
    last = np.full(n, -1)
    steps = np.zeros(n, dtype=np.int64)
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("particle", "surface", "pos", "mom", "step")}

    for _ in range(max_steps):
        if active.size == 0:
            break
        s, h, R, phi0, cot, pt, pz = _surface_phases(pos[active], mom[active], q[active], geo, bfield)

        # never the surface just left (a second crossing of it would come after the half turn)
        has_last = last[active] >= 0
        s[np.flatnonzero(has_last), last[active][has_last]] = np.inf
        j = np.argmin(s, axis=1)
        sj = s[np.arange(active.size), j]
        go = np.isfinite(sj) & (sj <= budget[active])
        if not go.any():
            break
        idx = active[go]
        j, sj = j[go], sj[go]
        new_pos, new_mom = _advance(pos[idx], sj, h[go], R[go], phi0[go], cot[go], pt[go], pz[go])
        for key, val in zip(out, (idx, j, new_pos, new_mom, steps[idx].copy()), strict=True):
            out[key].append(val)
        steps[idx] += 1

        if multiple_scattering:
            new_mom = _scatter(new_mom, new_pos, j, q[idx], mass[idx], geo, rng)  # type: ignore[arg-type]
        pos[idx] = new_pos
        mom[idx] = new_mom
        budget[idx] -= sj
        last[idx] = j
        active = idx
        if stop_per_x0 is not None:
            survive = rng.uniform(size=len(idx)) >= -np.expm1(-geo["x_over_x0"][j] * stop_per_x0[idx])  # type: ignore[union-attr]
            active = idx[survive]
    else:  # pragma: no cover - max_steps is far above the number of layers
        raise RuntimeError(f"propagation did not finish within {max_steps} steps")

    if not out["particle"]:
        return Crossings(np.zeros(0, int), np.zeros(0, int), np.zeros((0, 3)), np.zeros((0, 3)), np.zeros(0, int))
    return Crossings(**{k: np.concatenate(v) for k, v in out.items()})


def _scatter(
    mom: np.ndarray,
    pos: np.ndarray,
    surf: np.ndarray,
    q: np.ndarray,
    mass: np.ndarray,
    geo: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> np.ndarray:
    """Deflect ``mom`` by two independent Gaussian angles of width θ0 (Highland)."""
    p = np.linalg.norm(mom, axis=1)
    d = mom / p[:, None]
    disk = geo["is_disk"][surf]
    r = np.hypot(pos[:, 0], pos[:, 1])
    normal = np.where(
        disk[:, None],
        np.array([0.0, 0.0, 1.0])[None, :],
        np.column_stack([pos[:, 0] / r, pos[:, 1] / r, np.zeros_like(r)]),
    )
    cos_inc = np.clip(np.abs(np.sum(d * normal, axis=1)), 0.05, 1.0)
    x = geo["x_over_x0"][surf] / cos_inc
    beta = p / np.sqrt(p**2 + mass**2)
    theta0 = highland(p, beta, q, x)
    # orthonormal basis perpendicular to the direction
    ref = np.where(np.abs(d[:, 2:3]) < 0.9, np.array([[0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 0.0]]))
    u1 = np.cross(d, ref)
    u1 /= np.linalg.norm(u1, axis=1)[:, None]
    u2 = np.cross(d, u1)
    t1, t2 = rng.normal(size=(2, len(p))) * theta0
    nd = d + np.tan(t1)[:, None] * u1 + np.tan(t2)[:, None] * u2
    nd /= np.linalg.norm(nd, axis=1)[:, None]
    return nd * p[:, None]
