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
MERGE_ROUNDS = 6  # best-first rounds of the nearest-crossing search before the exhaustive one


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


def _helix(pos: np.ndarray, mom: np.ndarray, q: np.ndarray, bfield: float) -> dict[str, np.ndarray]:
    """Helix parameters of particles at ``pos`` with ``mom``: h, R, phi0, cot, pt, pz, the circle's
    centre (cx, cy), its distance d from the beam line and the start angle psi0 seen from it."""
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
    d = np.hypot(cx, cy)
    dm = np.maximum(d, EPS)
    return dict(x0=x0, y0=y0, z0=z0, px=px, py=py, pt=pt, pz=pz, R=R, h=h, phi0=phi0, cot=cot, cx=cx, cy=cy, psi0=psi0,
                d=d, ux=cx / dm, uy=cy / dm, sin0=np.sin(phi0), cos0=np.cos(phi0))  # fmt: skip


def _cylinder_phase(hx: dict[str, np.ndarray], geo: dict[str, np.ndarray], i: np.ndarray,
                    j: np.ndarray) -> np.ndarray:  # fmt: skip
    """Turning angle of particle ``i`` to cylinder ``j`` (pairs; inf where not crossed): the nearer
    intersection of the helix circle (centre c, radius R) with r = rho whose z is on the cylinder."""
    rho, R, d = geo["r"][j], hx["R"][i], hx["d"][i]
    a = (rho**2 - R**2 + d**2) / (2 * np.maximum(d, EPS))
    k2 = rho**2 - a**2
    ok = k2 >= 0
    k = np.sqrt(np.where(ok, k2, 0.0))
    ux, uy, cx, cy, psi0, h = (hx[key][i] for key in ("ux", "uy", "cx", "cy", "psi0", "h"))
    z0, cot, z_max = hx["z0"][i], hx["cot"][i], geo["z_max"][j]
    s = np.full(len(i), np.inf)
    for sign in (1.0, -1.0):
        px_ = a * ux - sign * k * uy
        py_ = a * uy + sign * k * ux
        ph = _phase(px_ - cx, py_ - cy, psi0, h)
        zc = z0 + R * ph * cot
        good = ok & (ph > EPS) & (np.abs(zc) <= z_max)
        s = np.where(good & (ph < s), ph, s)
    return s


def _disk_phase(
    hx: dict[str, np.ndarray], geo: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """Turning angle of particle ``i`` to disk ``j`` (pairs; inf where not crossed): z(s) = Z,
    crossed if the radius there is on the disk."""
    R, h, phi0 = hx["R"][i], hx["h"][i], hx["phi0"][i]
    with np.errstate(divide="ignore", invalid="ignore"):
        ph = (geo["z"][j] - hx["z0"][i]) / (R * hx["cot"][i])
    ph = np.where(np.isfinite(ph), ph, -1.0)
    xd = hx["x0"][i] + h * R * (np.sin(phi0 + h * ph) - hx["sin0"][i])
    yd = hx["y0"][i] - h * R * (np.cos(phi0 + h * ph) - hx["cos0"][i])
    rd = np.hypot(xd, yd)
    good = (ph > EPS) & (rd >= geo["r_min"][j]) & (rd <= geo["r_max"][j])
    return np.where(good, ph, np.inf)


def _pair_phase(
    hx: dict[str, np.ndarray], geo: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """Turning angle of particle ``i`` to surface ``j`` for (particle, surface) pairs."""
    out = np.empty(len(i))
    disk = geo["is_disk"][j]
    out[disk] = _disk_phase(hx, geo, i[disk], j[disk])
    out[~disk] = _cylinder_phase(hx, geo, i[~disk], j[~disk])
    return out


def _streams(hx: dict[str, np.ndarray], geo: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per particle, the three streams of surfaces in which its turning angle to them can only grow,
    with the constants of their lower bounds (see :func:`_nearest_crossing`).

    Disks in the direction of pz, by z: the angle to z = Z is (Z - z0) / (R cot). Cylinders above
    and below the particle's radius r0, away from it: the transverse path R·s is at least the
    total variation of the radius on the way; the radius moves monotonically to the circle's far
    (near) point, d + R (|d - R|), while the particle moves out (in), then back, so
    R·s >= rho - a above and b - rho below, where a is r0 (or 2 |d - R| - r0 moving in) and b is r0
    (or 2 (d + R) - r0 moving out); no cylinder outside [|d - R|, d + R] is reached.
    """
    r0 = np.hypot(hx["x0"], hx["y0"])
    r_lo, r_hi = np.abs(hx["d"] - hx["R"]), hx["d"] + hx["R"]
    vr = hx["x0"] * hx["px"] + hx["y0"] * hx["py"]
    tiny = 1e-9 * r0 * hx["pt"]  # moving neither clearly out nor in: the plain |rho - r0|
    z_order, r_order = geo["disk_by_z"], geo["cyl_by_r"]
    dk = np.sign(hx["cot"]).astype(np.int64)
    first_up = np.searchsorted(geo["r"][r_order], r0, side="left")
    return dict(
        r0=r0, tol=1e-6 * (1 + r_hi), r_lo=r_lo, r_hi=r_hi,
        a=np.where(vr < -tiny, 2 * r_lo - r0, r0), b=np.where(vr > tiny, 2 * r_hi - r0, r0),
        scale=(1 - 1e-9) / hx["R"],
        dk=dk, pk=np.where(dk > 0, np.searchsorted(geo["z"][z_order], hx["z0"], side="right"),
                           np.searchsorted(geo["z"][z_order], hx["z0"], side="left") - 1),
        pu=first_up, pd=first_up - 1,
    )  # fmt: skip


def _stream_heads(st: dict[str, np.ndarray], hx: dict[str, np.ndarray], geo: dict[str, np.ndarray],
                  u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Surface at the head of each stream of particles ``u`` (3, len(u)) and its lower bound (inf:
    stream exhausted)."""
    z_order, r_order = geo["disk_by_z"], geo["cyl_by_r"]
    nd, nc = len(z_order), len(r_order)
    pk, pu, pd = st["pk"][u], st["pu"][u], st["pd"][u]
    def pick(order: np.ndarray, ptr: np.ndarray) -> np.ndarray:  # an exhausted stream shows surface 0
        return order[np.clip(ptr, 0, len(order) - 1)] if len(order) else np.zeros_like(ptr)

    jd, ju, jl = pick(z_order, pk), pick(r_order, pu), pick(r_order, pd)
    with np.errstate(divide="ignore", invalid="ignore"):
        ph = (geo["z"][jd] - hx["z0"][u]) / (hx["R"][u] * hx["cot"][u])
    lb_d = np.where((st["dk"][u] != 0) & (pk >= 0) & (pk < nd), ph, np.inf)
    lb_u = np.where((pu < nc) & (geo["r"][ju] <= st["r_hi"][u] + st["tol"][u]),
                    (geo["r"][ju] - st["a"][u]) * st["scale"][u], np.inf)  # fmt: skip
    lb_l = np.where((pd >= 0) & (geo["r"][jl] >= st["r_lo"][u] - st["tol"][u]),
                    (st["b"][u] - geo["r"][jl]) * st["scale"][u], np.inf)  # fmt: skip
    return np.stack([jd, ju, jl]), np.stack([lb_d, lb_u, lb_l])


def _nearest_crossing(pos: np.ndarray, mom: np.ndarray, q: np.ndarray, geo: dict[str, np.ndarray], bfield: float,
                      budget: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:  # fmt: skip
    """The next surface crossed (other than ``last``) and the turning angle to it (inf: none), where
    that angle is within ``budget``, of particles at ``pos`` with ``mom``; and their helix parameters.

    The minimum of the turning angles to all surfaces (ties to the lower surface index), found
    best-first: each particle's three streams (:func:`_streams`) are merged by their lower bounds,
    the surface with the lowest bound is evaluated exactly, until the lowest bound left exceeds the
    best angle found (or the budget; the bounds' margins cover rounding). A surface left out has an
    angle above one already found or above the budget, so the result is that of the whole
    (particles, surfaces) table, and each angle is the same arithmetic, element by element.
    Cylinders that the helix cannot reach at |z| <= z_max within the budget are passed over unevaluated.
    """
    hx = _helix(pos, mom, q, bfield)
    st = _streams(hx, geo)
    n = len(pos)
    best, best_j = np.full(n, np.inf), np.zeros(n, dtype=np.int64)
    dz = hx["R"] * budget * hx["cot"]
    z_near = np.maximum(np.minimum(hx["z0"], hx["z0"] + dz), -np.maximum(hx["z0"], hx["z0"] + dz)) - 1e-3
    u = np.arange(n)
    for _ in range(MERGE_ROUNDS):
        if not u.size:
            break
        js, lbs = _stream_heads(st, hx, geo, u)
        k = np.argmin(lbs, axis=0)
        pick = np.arange(len(u))
        lb, j = lbs[k, pick], js[k, pick]
        going = lb <= np.minimum(best[u], budget[u]) * (1 + 1e-9) + 1e-12
        u, j, k = u[going], j[going], k[going]
        for key, step, stream in (("pk", st["dk"][u], 0), ("pu", 1, 1), ("pd", -1, 2)):
            m = k == stream
            st[key][u[m]] += step[m] if stream == 0 else step
        skip = (j == last[u]) | (~geo["is_disk"][j] & (z_near[u] > geo["z_max"][j]))
        i, j = u[~skip], j[~skip]
        v = _pair_phase(hx, geo, i, j)
        better = (v < best[i]) | ((v == best[i]) & (j < best_j[i]))
        best[i[better]], best_j[i[better]] = v[better], j[better]
    if u.size:  # the few still undecided (e.g. through the disks' inner holes): every surface
        m = len(geo["is_disk"])
        i, j = np.repeat(u, m), np.tile(np.arange(m), len(u))
        s = _pair_phase(hx, geo, i, j)
        s[j == last[i]] = np.inf
        s = s.reshape(len(u), m)
        best_j[u] = np.argmin(s, axis=1)
        best[u] = s[np.arange(len(u)), best_j[u]]
    return best_j, best, hx


def _advance(pos: np.ndarray, sj: np.ndarray, h: np.ndarray, R: np.ndarray, phi0: np.ndarray, cot: np.ndarray,
             pt: np.ndarray, pz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Position and momentum after turning by ``sj`` along each helix."""
    x0, y0, z0 = pos.T
    phi = phi0 + h * sj
    new_pos = np.column_stack(
        [
            x0 + h * R * (np.sin(phi) - np.sin(phi0)),
            y0 - h * R * (np.cos(phi) - np.cos(phi0)),
            z0 + R * sj * cot,
        ]
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
    geo["disk_by_z"] = np.flatnonzero(geo["is_disk"])[np.argsort(geo["z"][geo["is_disk"]], kind="stable")]
    geo["cyl_by_r"] = np.flatnonzero(~geo["is_disk"])[np.argsort(geo["r"][~geo["is_disk"]], kind="stable")]

    active = np.flatnonzero((q != 0) & (np.hypot(mom[:, 0], mom[:, 1]) > 0))
    budget = np.full(n, max_turn)
    last = np.full(n, -1)
    steps = np.zeros(n, dtype=np.int64)
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("particle", "surface", "pos", "mom", "step")}

    for _ in range(max_steps):
        if active.size == 0:
            break
        j, sj, hx = _nearest_crossing(
            pos[active], mom[active], q[active], geo, bfield, budget[active], last[active]
        )
        go = np.isfinite(sj) & (sj <= budget[active])
        if not go.any():
            break
        idx = active[go]
        j, sj = j[go], sj[go]
        new_pos, new_mom = _advance(pos[idx], sj, *(hx[k][go] for k in ("h", "R", "phi0", "cot", "pt", "pz")))
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
        return Crossings(
            np.zeros(0, int), np.zeros(0, int), np.zeros((0, 3)), np.zeros((0, 3)), np.zeros(0, int)
        )
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
