"""The TrackML detector, simplified to ideal cylinders and disks carrying the challenge's ids.

Layer positions, module counts and sizes follow the generic detector that the TrackML challenge
was simulated with (ACTS ``GenericDetector``; the challenge's ``detectors.csv`` lists the same
volumes). Ids are the challenge's own:

========  =========================  ===========  ==============================================
volume    part                       layer_id     position
========  =========================  ===========  ==============================================
7         pixel endcap, z < 0        2 … 14       |z| = 1500 … 600 mm (layer 2 outermost)
8         pixel barrel               2, 4, 6, 8   r = 32, 72, 116, 172 mm, |z| < 491 mm
9         pixel endcap, z > 0        2 … 14       z = 600 … 1500 mm (layer 2 innermost)
12 / 14   short-strip endcaps        2 … 12       |z| = 2950 … 1220 (12) / 1220 … 2950 (14)
13        short-strip barrel         2 … 8        r = 260, 360, 500, 660 mm
16 / 18   long-strip endcaps         2 … 12       as 12 / 14, at larger radius
17        long-strip barrel          2, 4         r = 820, 1020 mm
========  =========================  ===========  ==============================================

Layer ids count away from the interaction point in the positive endcaps and towards it in the
negative ones, so ``(7, 14)`` is the |z| = 600 mm disk next to the barrel, as in the real data.

Surfaces are exact cylinders (barrel layers) and planes (disks); modules are an index on the
surface (φ × z staves in barrels, φ × rings on disks) with the real overlaps: a crossing in the
overlap of two neighbouring modules gives a second hit on the neighbour, displaced by the module
stagger, as real overlapping modules do. Passive surfaces (beam pipe, pixel support tube) only
scatter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["Ring", "Surface", "Detector", "trackml_detector", "PIXEL_VOLUMES", "STRIP_VOLUMES"]

PIXEL_VOLUMES = (7, 8, 9)
STRIP_VOLUMES = (12, 13, 14, 16, 17, 18)

# Radiation length of silicon (mm) and beryllium (mm).
X0_SILICON = 93.7
X0_BERYLLIUM = 352.8


@dataclass(frozen=True)
class Ring:
    """One ring of (trapezoidal or rectangular) modules on a disk."""

    r_min: float
    r_max: float
    n_phi: int
    half_width_inner: float  # module half width (local u) at r_min, mm
    half_width_outer: float  # ... at r_max


@dataclass(frozen=True)
class Surface:
    """A detection (or passive) surface: a cylinder (``kind='barrel'``) or a disk (``'disk'``)."""

    kind: str  # "barrel" | "disk"
    volume_id: int
    layer_id: int
    system: str  # "pixel" | "short_strip" | "long_strip" | "passive"
    x_over_x0: float  # material per normal crossing (module + support), radiation lengths
    # barrel
    r: float = 0.0
    z_max: float = 0.0
    n_phi: int = 0
    n_z: int = 0
    module_half_width: float = 0.0  # local u (rφ) half size, mm
    module_half_length: float = 0.0  # local v (z) half size, mm
    z_overlap: float = 0.0  # overlap of neighbouring modules along z, mm
    # disk
    z: float = 0.0
    rings: tuple[Ring, ...] = ()
    # both
    stagger: float = 0.0  # distance between neighbouring (overlapping) modules along the normal, mm
    thickness: float = 0.0  # sensor thickness (mm), for the cluster size in ``cells``
    pitch: tuple[float, float] = (0.05, 0.05)  # cell size along local (u, v), mm
    sensitive: bool = True

    @property
    def r_min(self) -> float:
        return self.rings[0].r_min if self.kind == "disk" else self.r

    @property
    def r_max(self) -> float:
        return self.rings[-1].r_max if self.kind == "disk" else self.r

    @property
    def n_modules(self) -> int:
        if self.kind == "barrel":
            return self.n_phi * self.n_z
        return sum(r.n_phi for r in self.rings)

    @property
    def area(self) -> float:
        """Sensitive area (mm²), used to spread noise hits."""
        if self.kind == "barrel":
            return 2 * np.pi * self.r * 2 * self.z_max
        return float(np.pi * (self.r_max**2 - self.r_min**2))

    def z_centres(self) -> np.ndarray:
        """Module centres along z of a barrel stave (n_z of them, symmetric about 0)."""
        pitch = 2 * self.module_half_length - self.z_overlap
        return (np.arange(self.n_z) - (self.n_z - 1) / 2) * pitch


@dataclass(frozen=True)
class Detector:
    """All surfaces, in no particular order, plus the tracker envelope."""

    surfaces: tuple[Surface, ...]
    r_envelope: float = 1030.0
    z_envelope: float = 3000.0
    ids: dict[tuple[int, int], int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for i, s in enumerate(self.surfaces):
            if s.sensitive:
                self.ids[(s.volume_id, s.layer_id)] = i

    @property
    def sensitive(self) -> list[Surface]:
        return [s for s in self.surfaces if s.sensitive]

    def surface(self, volume_id: int, layer_id: int) -> Surface:
        return self.surfaces[self.ids[(volume_id, layer_id)]]

    def arrays(self) -> dict[str, np.ndarray]:
        """Per-surface parameters as arrays (what the vectorised propagation reads)."""
        s = self.surfaces
        return {
            "is_disk": np.array([x.kind == "disk" for x in s]),
            "r": np.array([x.r for x in s], dtype=float),
            "z_max": np.array([x.z_max for x in s], dtype=float),
            "z": np.array([x.z for x in s], dtype=float),
            "r_min": np.array([x.r_min if x.kind == "disk" else 0.0 for x in s], dtype=float),
            "r_max": np.array([x.r_max if x.kind == "disk" else 0.0 for x in s], dtype=float),
            "x_over_x0": np.array([x.x_over_x0 for x in s], dtype=float),
            "sensitive": np.array([x.sensitive for x in s]),
        }


def _barrel(volume: int, layer: int, system: str, r: float, n_phi: int, n_z: int, **kw: float) -> Surface:
    pars = BARREL_MODULES[system]
    pitch_z = 2 * pars["module_half_length"] - pars["z_overlap"]
    z_max = (n_z - 1) / 2 * pitch_z + pars["module_half_length"]
    return Surface(
        kind="barrel", volume_id=volume, layer_id=layer, system=system, r=r, n_phi=n_phi, n_z=n_z,
        z_max=z_max, **pars, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


# Module parameters per system (ACTS GenericDetector, which generated the TrackML sample).
BARREL_MODULES: dict[str, dict] = {
    "pixel": dict(module_half_width=8.4, module_half_length=36.0, z_overlap=2.0, stagger=1.0,
                  thickness=0.15, pitch=(0.05, 0.05625), x_over_x0=0.15 / X0_SILICON + 1.0 / 95.7),
    "short_strip": dict(module_half_width=24.0, module_half_length=54.0, z_overlap=5.0, stagger=3.0,
                        thickness=0.25, pitch=(0.08, 1.2), x_over_x0=2 * 0.25 / X0_SILICON + 1.0 / 95.7),
    "long_strip": dict(module_half_width=24.0, module_half_length=54.0, z_overlap=5.0, stagger=3.0,
                       thickness=0.25, pitch=(0.12, 10.8), x_over_x0=2 * 0.25 / X0_SILICON + 1.0 / 95.7),
}  # fmt: skip

DISK_MODULES: dict[str, dict] = {
    "pixel": dict(stagger=2.0, thickness=0.15, pitch=(0.05, 0.05625),
                  x_over_x0=0.15 / X0_SILICON + 1.0 / 95.7,
                  rings=(Ring(30.0, 102.0, 40, 8.4, 8.4), Ring(100.0, 176.0, 68, 8.4, 8.4))),
    "short_strip": dict(stagger=4.0, thickness=0.25, pitch=(0.08, 1.2),
                        x_over_x0=2 * 0.25 / X0_SILICON + 1.0 / 95.7,
                        rings=(Ring(240.0, 396.0, 52, 16.4, 24.2), Ring(392.0, 548.0, 56, 24.2, 32.2),
                               Ring(544.0, 700.0, 60, 32.2, 40.0))),
    "long_strip": dict(stagger=6.0, thickness=0.25, pitch=(0.12, 10.8),
                       x_over_x0=2 * 0.25 / X0_SILICON + 1.0 / 95.7,
                       rings=(Ring(750.0, 906.0, 58, 42.0, 52.0), Ring(864.0, 1020.0, 46, 64.0, 78.0))),
}  # fmt: skip

PIXEL_BARREL = ((32.0, 16), (72.0, 32), (116.0, 52), (172.0, 78))
PIXEL_DISKS_Z = (600.0, 700.0, 820.0, 960.0, 1100.0, 1300.0, 1500.0)
SHORT_STRIP_BARREL = ((260.0, 40), (360.0, 56), (500.0, 78), (660.0, 102))
LONG_STRIP_BARREL = ((820.0, 120), (1020.0, 152))
STRIP_DISKS_Z = (1220.0, 1500.0, 1800.0, 2150.0, 2550.0, 2950.0)


def _endcaps(vol_neg: int, vol_pos: int, system: str, zs: tuple[float, ...]) -> list[Surface]:
    """Disks at ±z: layer_id 2, 4, … counted outward in the positive endcap, inward in the negative."""
    out = []
    n = len(zs)
    for i, z in enumerate(zs):  # zs ascending in |z|
        out.append(Surface(kind="disk", volume_id=vol_pos, layer_id=2 * (i + 1), system=system, z=z,
                           **DISK_MODULES[system]))  # fmt: skip
        out.append(Surface(kind="disk", volume_id=vol_neg, layer_id=2 * (n - i), system=system, z=-z,
                           **DISK_MODULES[system]))  # fmt: skip
    return out


def trackml_detector(strips: bool = True, material_scale: float = 1.0) -> Detector:
    """The TrackML-like detector: pixels (volumes 7, 8, 9) and, if ``strips``, volumes 12–18.

    ``material_scale`` multiplies every surface's x/X0 (0 switches multiple scattering off).
    """
    if material_scale < 0:
        raise ValueError(f"material_scale must be >= 0, got {material_scale}")
    surfaces: list[Surface] = [
        # beam pipe (0.8 mm Be at r = 19 mm) and pixel support tube (1.8 mm Be at r = 200 mm)
        Surface(kind="barrel", volume_id=0, layer_id=0, system="passive", r=19.0, z_max=3000.0,
                x_over_x0=0.8 / X0_BERYLLIUM, sensitive=False),
    ]  # fmt: skip
    for i, (r, n_phi) in enumerate(PIXEL_BARREL):
        surfaces.append(_barrel(8, 2 * (i + 1), "pixel", r, n_phi, 14))
    surfaces += _endcaps(7, 9, "pixel", PIXEL_DISKS_Z)
    if strips:
        surfaces.append(Surface(kind="barrel", volume_id=0, layer_id=0, system="passive", r=200.0,
                                z_max=2800.0, x_over_x0=1.8 / X0_BERYLLIUM, sensitive=False))  # fmt: skip
        for i, (r, n_phi) in enumerate(SHORT_STRIP_BARREL):
            surfaces.append(_barrel(13, 2 * (i + 1), "short_strip", r, n_phi, 21))
        surfaces += _endcaps(12, 14, "short_strip", STRIP_DISKS_Z)
        for i, (r, n_phi) in enumerate(LONG_STRIP_BARREL):
            surfaces.append(_barrel(17, 2 * (i + 1), "long_strip", r, n_phi, 21))
        surfaces += _endcaps(16, 18, "long_strip", STRIP_DISKS_Z)
    if material_scale != 1.0:
        from dataclasses import replace

        surfaces = [replace(s, x_over_x0=s.x_over_x0 * material_scale) for s in surfaces]
    return Detector(surfaces=tuple(surfaces))


def _wrap(a: np.ndarray) -> np.ndarray:
    """Angle wrapped into [-π, π)."""
    return (a + np.pi) % (2 * np.pi) - np.pi


def _phi_modules(phi: np.ndarray, n_phi: np.ndarray | int, half_angle: np.ndarray) -> tuple[np.ndarray, ...]:
    """Module index in φ, its neighbour towards the crossing, and whether the neighbour also covers it.

    Module k (0 … n-1) is centred at φ_k = 2π (k + ½)/n − π and covers |φ − φ_k| < half_angle.
    Returns (k, k_neighbour, overlap, local offset of the crossing from φ_k in rad).
    """
    x = (phi + np.pi) * n_phi / (2 * np.pi)
    k = np.floor(x).astype(np.int64) % n_phi
    frac = x - np.floor(x)
    k_nb = np.where(frac < 0.5, k - 1, k + 1) % n_phi
    centre = lambda j: 2 * np.pi * (j + 0.5) / n_phi - np.pi  # noqa: E731
    overlap = np.abs(_wrap(phi - centre(k_nb))) < half_angle
    return k, k_nb, overlap, _wrap(phi - centre(k))


def locate(surface: Surface, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> dict[str, np.ndarray]:
    """Modules hit by crossings at (x, y, z) on ``surface`` (vectorised over crossings).

    Returns ``module_id`` (1-based, unique in the layer), the neighbouring modules that also cover
    the point where modules overlap (``dup_phi``, ``dup_other``: module ids, 0 = no overlap; ``other``
    is z in barrels, the ring in disks), the sign of each neighbour's stagger, and the local cell
    coordinates ``u``, ``v`` (mm from the module's corner) for the ``cells`` table.
    """
    r = np.hypot(x, y)
    phi = np.arctan2(y, x)
    n = len(x)
    if surface.kind == "barrel":
        hx, hy = surface.module_half_width, surface.module_half_length
        k, k_nb, ov_phi, dphi = _phi_modules(phi, surface.n_phi, np.full(n, np.arctan(hx / surface.r)))
        zc = surface.z_centres()
        pitch_z = 2 * hy - surface.z_overlap
        j = np.clip(np.rint(z / pitch_z + (surface.n_z - 1) / 2), 0, surface.n_z - 1).astype(np.int64)
        j_nb = np.where(z < zc[j], j - 1, j + 1)
        ok_nb = (j_nb >= 0) & (j_nb < surface.n_z)
        j_nb_c = np.clip(j_nb, 0, surface.n_z - 1)
        ov_z = ok_nb & (np.abs(z - zc[j_nb_c]) < hy)
        module = 1 + j + surface.n_z * k
        dup_phi = np.where(ov_phi, 1 + j + surface.n_z * k_nb, 0)
        dup_other = np.where(ov_z, 1 + j_nb_c + surface.n_z * k, 0)
        sign_phi = np.where(k_nb % 2 == 1, 1.0, -1.0)
        sign_other = np.where(j_nb_c % 2 == 1, 1.0, -1.0)
        u = surface.r * dphi + hx
        v = z - zc[j] + hy
        return dict(module_id=module, dup_phi=dup_phi, dup_other=dup_other, sign_phi=sign_phi,
                    sign_other=sign_other, u=u, v=v)  # fmt: skip
    rings = surface.rings
    r_min = np.array([g.r_min for g in rings])
    r_max = np.array([g.r_max for g in rings])
    mid = (r_min + r_max) / 2
    ring = np.argmin(np.abs(r[:, None] - mid[None, :]), axis=1)
    inside = (r[:, None] >= r_min[None, :]) & (r[:, None] <= r_max[None, :])
    inside[np.arange(n), ring] = False
    ov_ring = inside.any(axis=1)
    ring_nb = np.argmax(inside, axis=1)
    n_phi = np.array([g.n_phi for g in rings])
    offsets = np.concatenate([[0], np.cumsum(n_phi)[:-1]])
    w_in = np.array([g.half_width_inner for g in rings])
    w_out = np.array([g.half_width_outer for g in rings])

    def half_width(g: np.ndarray) -> np.ndarray:
        t = np.clip((r - r_min[g]) / (r_max[g] - r_min[g]), 0, 1)
        return w_in[g] + t * (w_out[g] - w_in[g])

    hw = half_width(ring)
    k, k_nb, ov_phi, dphi = _phi_modules(phi, n_phi[ring], np.arctan(hw / np.maximum(r, 1e-9)))
    module = 1 + offsets[ring] + k
    dup_phi = np.where(ov_phi, 1 + offsets[ring] + k_nb, 0)
    # the module of the overlapping ring at the same φ
    k2 = np.floor((phi + np.pi) * n_phi[ring_nb] / (2 * np.pi)).astype(np.int64) % n_phi[ring_nb]
    dup_other = np.where(ov_ring, 1 + offsets[ring_nb] + k2, 0)
    sign_phi = np.where(k_nb % 2 == 1, 1.0, -1.0)
    sign_other = np.where(ring_nb > ring, 1.0, -1.0)
    u = r * dphi + hw
    v = r - r_min[ring]
    return dict(module_id=module, dup_phi=dup_phi, dup_other=dup_other, sign_phi=sign_phi,
                sign_other=sign_other, u=u, v=v)  # fmt: skip


def module_tables(detector: Detector) -> dict[str, np.ndarray]:
    """Per-surface module parameters as arrays (rings of disks padded to the most rings with rings
    that nothing lies in), for :func:`locate_all`."""
    s = detector.surfaces
    n_rings = max([len(x.rings) for x in s if x.kind == "disk"], default=1)
    n_z = max([x.n_z for x in s if x.kind == "barrel"], default=1)

    def rings(attr: str, pad: float) -> np.ndarray:
        return np.array([[getattr(g, attr) for g in x.rings] + [pad] * (n_rings - len(x.rings)) for x in s])

    barrel = np.array([x.kind == "barrel" for x in s])
    r = np.array([x.r for x in s], dtype=float)
    hx = np.array([x.module_half_width for x in s], dtype=float)
    r_min, r_max = rings("r_min", np.inf), rings("r_max", np.inf)
    return {
        "is_disk": ~barrel,
        "r": r,
        "n_phi": np.array([x.n_phi for x in s], dtype=np.int64),
        "n_z": np.array([x.n_z for x in s], dtype=np.int64),
        "hx": hx,
        "hy": np.array([x.module_half_length for x in s], dtype=float),
        "pitch_z": np.array([2 * x.module_half_length - x.z_overlap for x in s], dtype=float),
        "half_angle": np.where(barrel, np.arctan(np.where(barrel, hx, 0.0) / np.where(barrel, r, 1.0)), 0.0),
        "z_centres": np.array([np.pad(x.z_centres(), (0, n_z - x.n_z)) if x.kind == "barrel" else np.zeros(n_z)
                               for x in s]),  # fmt: skip
        "ring_r_min": r_min,
        "ring_r_max": r_max,
        "ring_mid": (r_min + r_max) / 2,
        "ring_n_phi": rings("n_phi", 1).astype(np.int64),
        "ring_offset": np.array([np.cumsum([0] + [g.n_phi for g in x.rings])[: len(x.rings)].tolist()
                                 + [0] * (n_rings - len(x.rings)) for x in s], dtype=np.int64),  # fmt: skip
        "ring_w_in": rings("half_width_inner", 0.0),
        "ring_w_out": rings("half_width_outer", 0.0),
    }


def _locate_barrels(t: dict[str, np.ndarray], surf: np.ndarray, phi: np.ndarray, z: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`locate` on barrel surfaces ``surf``, element by element the same arithmetic."""
    n_z, hy = t["n_z"][surf], t["hy"][surf]
    k, k_nb, ov_phi, dphi = _phi_modules(phi, t["n_phi"][surf], t["half_angle"][surf])
    zc = t["z_centres"][surf]
    j = np.clip(np.rint(z / t["pitch_z"][surf] + (n_z - 1) / 2), 0, n_z - 1).astype(np.int64)
    rows = np.arange(len(surf))
    zc_j = zc[rows, j]
    j_nb = np.where(z < zc_j, j - 1, j + 1)
    ok_nb = (j_nb >= 0) & (j_nb < n_z)
    j_nb_c = np.clip(j_nb, 0, n_z - 1)
    ov_z = ok_nb & (np.abs(z - zc[rows, j_nb_c]) < hy)
    return dict(module_id=1 + j + n_z * k, dup_phi=np.where(ov_phi, 1 + j + n_z * k_nb, 0),
                dup_other=np.where(ov_z, 1 + j_nb_c + n_z * k, 0), sign_phi=np.where(k_nb % 2 == 1, 1.0, -1.0),
                sign_other=np.where(j_nb_c % 2 == 1, 1.0, -1.0), u=t["r"][surf] * dphi + t["hx"][surf],
                v=z - zc_j + hy)  # fmt: skip


def _locate_disks(t: dict[str, np.ndarray], surf: np.ndarray, r: np.ndarray, phi: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`locate` on disk surfaces ``surf``, element by element the same arithmetic."""
    n = len(surf)
    rows = np.arange(n)
    r_min, r_max = t["ring_r_min"][surf], t["ring_r_max"][surf]
    ring = np.argmin(np.abs(r[:, None] - t["ring_mid"][surf]), axis=1)
    inside = (r[:, None] >= r_min) & (r[:, None] <= r_max)
    inside[rows, ring] = False
    ov_ring = inside.any(axis=1)
    ring_nb = np.argmax(inside, axis=1)
    n_phi, offsets = t["ring_n_phi"][surf], t["ring_offset"][surf]
    w_in, w_out = t["ring_w_in"][surf][rows, ring], t["ring_w_out"][surf][rows, ring]
    r_min_g = r_min[rows, ring]
    frac = np.clip((r - r_min_g) / (r_max[rows, ring] - r_min_g), 0, 1)
    hw = w_in + frac * (w_out - w_in)
    k, k_nb, ov_phi, dphi = _phi_modules(phi, n_phi[rows, ring], np.arctan(hw / np.maximum(r, 1e-9)))
    off = offsets[rows, ring]
    n_phi_nb = n_phi[rows, ring_nb]
    k2 = np.floor((phi + np.pi) * n_phi_nb / (2 * np.pi)).astype(np.int64) % n_phi_nb
    return dict(module_id=1 + off + k, dup_phi=np.where(ov_phi, 1 + off + k_nb, 0),
                dup_other=np.where(ov_ring, 1 + offsets[rows, ring_nb] + k2, 0),
                sign_phi=np.where(k_nb % 2 == 1, 1.0, -1.0), sign_other=np.where(ring_nb > ring, 1.0, -1.0),
                u=r * dphi + hw, v=r - r_min_g)  # fmt: skip


def locate_all(tables: dict[str, np.ndarray], surf: np.ndarray, x: np.ndarray, y: np.ndarray,
               z: np.ndarray) -> dict[str, np.ndarray]:  # fmt: skip
    """:func:`locate` for crossings on any surfaces (``surf``: surface index per crossing) at once,
    with ``tables`` = :func:`module_tables`; the same numbers as :func:`locate` surface by surface."""
    r = np.hypot(x, y)
    phi = np.arctan2(y, x)
    disk = tables["is_disk"][surf]
    out = {key: np.zeros(len(surf), dtype=np.int64) for key in ("module_id", "dup_phi", "dup_other")}
    out.update({key: np.zeros(len(surf)) for key in ("sign_phi", "sign_other", "u", "v")})
    b, d = np.flatnonzero(~disk), np.flatnonzero(disk)
    for rows, part in ((b, _locate_barrels(tables, surf[b], phi[b], z[b])),
                       (d, _locate_disks(tables, surf[d], r[d], phi[d]))):  # fmt: skip
        for key, val in part.items():
            out[key][rows] = val
    return out
