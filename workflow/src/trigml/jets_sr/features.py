"""Groomed-jet substructure: mMDT (soft drop, β = 0) on C/A declustering and energy-correlation ratios.

The 16 features are those of the hls4ml LHC jet dataset (OpenML 42468; Coleman et al. 2018,
Duarte et al. 2018), computed as fjcontrib's ``EnergyCorrelator`` package does with its default
``pt_R`` measure (energies are transverse momenta, angles ΔR in rapidity–azimuth):

* normalised correlators, with :math:`z_i = p_{T,i} / \\sum_k p_{T,k}` over the groomed constituents,
  :math:`e_2^{(\\beta)} = \\sum_{i<j} z_i z_j \\theta_{ij}^\\beta`,
  :math:`e_3^{(\\beta)} = \\sum_{i<j<k} z_i z_j z_k (\\theta_{ij}\\theta_{ik}\\theta_{jk})^\\beta`
  (Larkoski, Salam, Thaler 2013);
* generalised correlators (Moult, Necib, Thaler 2016), :math:`{}_v e_3^{(\\beta)}` = the sum over
  triplets of the product of the ``v`` smallest pairwise angles, each to the power β;
* ratios: :math:`C_1^{(\\beta)} = e_2^{(\\beta)}`, :math:`C_2^{(\\beta)} = e_3/e_2^2`,
  :math:`D_2^{(\\beta)} = e_3/e_2^3` (Larkoski, Moult, Neill 2014),
  :math:`D_2^{(\\alpha,\\beta)} = e_3^{(\\alpha)}/(e_2^{(\\beta)})^{3\\alpha/\\beta}`,
  :math:`M_2^{(\\beta)} = {}_1e_3/{}_1e_2`, :math:`N_2^{(\\beta)} = {}_2e_3/({}_1e_2)^2`
  (``{}_1e_2 = e_2``);
* ``mass_mmdt``: the mass of the mMDT-groomed jet; ``multiplicity`` and ``zlogz``
  (:math:`\\sum_i z_i \\ln z_i`) on the ungroomed jet (their names carry no ``_mmdt``).

All correlators use the mMDT-groomed constituents (z_cut = 0.1, β = 0, R0 = jet radius).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

FEATURES: list[str] = [
    "zlogz",
    "c1_b0_mmdt",
    "c1_b1_mmdt",
    "c1_b2_mmdt",
    "c2_b1_mmdt",
    "c2_b2_mmdt",
    "d2_b1_mmdt",
    "d2_b2_mmdt",
    "d2_a1_b1_mmdt",
    "d2_a1_b2_mmdt",
    "m2_b1_mmdt",
    "m2_b2_mmdt",
    "n2_b1_mmdt",
    "n2_b2_mmdt",
    "mass_mmdt",
    "multiplicity",
]
"""The 16 feature columns of OpenML 42468, in the dataset's order."""

CLASSES: list[str] = ["g", "q", "t", "w", "z"]
"""Jet classes in label order (integer label = index): gluon, light quark, top, W, Z."""


def delta_r_matrix(rap: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """Pairwise ΔR = sqrt(Δy² + Δφ²) with Δφ wrapped into [-π, π].

    Shapes: rap, phi (n,) -> (n, n).
    """
    rap = np.asarray(rap, dtype=np.float64)
    phi = np.asarray(phi, dtype=np.float64)
    dy = rap[:, None] - rap[None, :]
    dphi = np.mod(phi[:, None] - phi[None, :] + np.pi, 2 * np.pi) - np.pi
    return np.sqrt(dy * dy + dphi * dphi)


def _fractions(pt: np.ndarray) -> np.ndarray:
    pt = np.asarray(pt, dtype=np.float64)
    if pt.ndim != 1 or pt.size == 0:
        raise ValueError("need a non-empty 1-d array of constituent pT")
    if np.any(pt <= 0) or not np.all(np.isfinite(pt)):
        raise ValueError("constituent pT must be finite and positive")
    return pt / pt.sum()


def _angle_power(theta: np.ndarray, beta: float) -> np.ndarray:
    """θ_ij^β with the diagonal (i = j) set to zero, also for β = 0."""
    a = np.power(theta, beta)
    np.fill_diagonal(a, 0.0)
    return a


def ecf2(z: np.ndarray, theta: np.ndarray, beta: float) -> float:
    """Normalised 2-point correlator e2^(β) = Σ_{i<j} z_i z_j θ_ij^β."""
    a = _angle_power(theta, beta)
    return float(0.5 * z @ a @ z)


def ecf3(z: np.ndarray, theta: np.ndarray, beta: float) -> float:
    """Normalised 3-point correlator e3^(β) = Σ_{i<j<k} z_i z_j z_k (θ_ij θ_ik θ_jk)^β.

    With A = θ^β (zero diagonal) and D = diag(z), the sum over ordered distinct triples is
    tr((DA)³), i.e. six times the sum over i<j<k.
    """
    m = z[:, None] * _angle_power(theta, beta)
    return float(np.trace(m @ m @ m) / 6.0)


def ecfg3(z: np.ndarray, theta: np.ndarray, beta: float, v: int) -> float:
    """Generalised 3-point correlator ``v e3^(β)``: Σ_{i<j<k} z_i z_j z_k Π_{m≤v} min^(m){θ}^β.

    v = 1 keeps the smallest of the three pairwise angles, v = 2 the two smallest, v = 3 all
    (then it equals :func:`ecf3`).
    """
    if v not in (1, 2, 3):
        raise ValueError(f"v must be 1, 2 or 3 for a 3-point correlator, got {v}")
    n = z.size
    if n < 3:
        return 0.0
    a = theta[:, :, None]  # θ_ij
    b = theta[:, None, :]  # θ_ik
    c = theta[None, :, :]  # θ_jk
    lo = np.minimum(np.minimum(a, b), c)
    hi = np.maximum(np.maximum(a, b), c)
    if v == 1:
        ang = lo
    elif v == 2:
        mid = a + b + c - lo - hi
        ang = lo * mid
    else:
        ang = a * b * c
    i, j, k = np.ogrid[:n, :n, :n]
    upper = (i < j) & (j < k)
    w = z[:, None, None] * z[None, :, None] * z[None, None, :]
    return float(np.sum(np.where(upper, w * np.power(ang, beta), 0.0)))


@functools.lru_cache(maxsize=32)
def _triplets(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every triplet i < j < k of n particles: (i, j, k) and the flat indices of θ_ij, θ_ik, θ_jk
    in an (n, n) matrix (the last 32 sizes cached)."""
    r = np.arange(n)
    upper = (r[:, None, None] < r[None, :, None]) & (r[None, :, None] < r[None, None, :])
    i, j, k = np.nonzero(upper)
    return i, j, k, i * n + j, i * n + k, j * n + k


def ecfg3_all(z: np.ndarray, theta: np.ndarray) -> dict[tuple[int, float], float]:
    """``{(v, β): v e3^(β)}`` for v = 1, 2 and β = 1, 2 in one pass over the triplets i < j < k.

    Same sums as :func:`ecfg3`, but every triplet is visited once (gathered by index, cached per
    jet size): n³/6 work instead of four n³ passes, ≈ 20× faster on jets of ~100 constituents.
    """
    n = z.size
    if n < 3:
        return {(v, b): 0.0 for v in (1, 2) for b in (1.0, 2.0)}
    i, j, k, ij, ik, jk = _triplets(n)
    flat = np.ascontiguousarray(theta).ravel()
    a, b, c = np.take(flat, ij), np.take(flat, ik), np.take(flat, jk)
    lo = np.minimum(np.minimum(a, b), c)
    two = lo * (a + b + c - lo - np.maximum(np.maximum(a, b), c))
    w = np.take(z, i) * np.take(z, j) * np.take(z, k)
    wlo, wtwo = w * lo, w * two
    return {
        (1, 1.0): float(wlo.sum()),
        (1, 2.0): float(wlo @ lo),
        (2, 1.0): float(wtwo.sum()),
        (2, 2.0): float(wtwo @ two),
    }


@dataclass(frozen=True)
class Correlators:
    """The energy-correlation ratios of one set of (groomed) constituents."""

    c1_b0: float
    c1_b1: float
    c1_b2: float
    c2_b1: float
    c2_b2: float
    d2_b1: float
    d2_b2: float
    d2_a1_b1: float
    d2_a1_b2: float
    m2_b1: float
    m2_b2: float
    n2_b1: float
    n2_b2: float


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else 0.0


def correlators(pt: np.ndarray, rap: np.ndarray, phi: np.ndarray) -> Correlators:
    """All energy-correlation ratios of the dataset from constituent (pT, y, φ).

    Ratios whose denominator vanishes (a one-particle jet) are 0, as in a jet with no radiation.
    """
    z = _fractions(pt)
    theta = delta_r_matrix(rap, phi)
    e2 = {b: ecf2(z, theta, b) for b in (0.0, 1.0, 2.0)}
    e3 = {b: ecf3(z, theta, b) for b in (1.0, 2.0)}
    g = ecfg3_all(z, theta)
    e3v1 = {b: g[(1, b)] for b in (1.0, 2.0)}
    e3v2 = {b: g[(2, b)] for b in (1.0, 2.0)}
    return Correlators(
        c1_b0=e2[0.0],
        c1_b1=e2[1.0],
        c1_b2=e2[2.0],
        c2_b1=_ratio(e3[1.0], e2[1.0] ** 2),
        c2_b2=_ratio(e3[2.0], e2[2.0] ** 2),
        d2_b1=_ratio(e3[1.0], e2[1.0] ** 3),
        d2_b2=_ratio(e3[2.0], e2[2.0] ** 3),
        # D2^(α=1, β): e3^(1) / (e2^(β))^(3/β)
        d2_a1_b1=_ratio(e3[1.0], e2[1.0] ** 3.0),
        d2_a1_b2=_ratio(e3[1.0], e2[2.0] ** 1.5),
        m2_b1=_ratio(e3v1[1.0], e2[1.0]),
        m2_b2=_ratio(e3v1[2.0], e2[2.0]),
        n2_b1=_ratio(e3v2[1.0], e2[1.0] ** 2),
        n2_b2=_ratio(e3v2[2.0], e2[2.0] ** 2),
    )


def zlogz(pt: np.ndarray) -> float:
    """Σ z_i ln z_i over the constituents (≤ 0; 0 for one particle)."""
    z = _fractions(pt)
    return float(np.sum(z * np.log(z)))


# --------------------------------------------------------------------------- grooming


def mmdt_groom(jet, cluster_sequence, *, zcut: float = 0.1):  # type: ignore[no-untyped-def]
    """Modified mass-drop tagger = soft drop with β = 0: decluster a C/A jet until both branches
    carry at least ``zcut`` of their summed pT, dropping the softer branch otherwise.

    ``jet`` must belong to ``cluster_sequence`` (a fastjet C/A clustering). Returns the groomed
    PseudoJet (the last single particle if no splitting passes).
    """
    import fastjet as fj

    if not 0.0 <= zcut < 0.5:
        raise ValueError(f"zcut must be in [0, 0.5), got {zcut}")
    current = jet
    while True:
        p1, p2 = fj.PseudoJet(), fj.PseudoJet()
        if not cluster_sequence.has_parents(current, p1, p2):
            return current
        pt1, pt2 = p1.pt(), p2.pt()
        if min(pt1, pt2) / (pt1 + pt2) > zcut:
            return current
        current = p1 if pt1 >= pt2 else p2


def _arrays(particles) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    pt = np.array([p.pt() for p in particles])
    rap = np.array([p.rap() for p in particles])
    phi = np.array([p.phi() for p in particles])
    return pt, rap, phi


def jet_features(constituents, *, zcut: float = 0.1, radius: float = 0.8) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The 16 dataset features of one jet from its constituents (fastjet PseudoJets).

    The constituents are reclustered with Cambridge/Aachen into one jet, groomed with mMDT, and
    the correlators are computed on the groomed constituents.
    """
    import fastjet as fj

    constituents = list(constituents)
    if not constituents:
        raise ValueError("a jet needs at least one constituent")
    ca = fj.JetDefinition(fj.cambridge_algorithm, radius)
    cs = fj.ClusterSequence(constituents, ca)
    ca_jet = cs.exclusive_jets(1)[0]
    groomed = mmdt_groom(ca_jet, cs, zcut=zcut)
    g_pt, g_rap, g_phi = _arrays(groomed.constituents())
    ratios = correlators(g_pt, g_rap, g_phi)
    pt_all = np.array([p.pt() for p in constituents])
    mass2 = groomed.m2()
    out = {"zlogz": zlogz(pt_all)}
    for name, value in vars(ratios).items():
        out[f"{name}_mmdt"] = value
    out["mass_mmdt"] = float(np.sqrt(mass2)) if mass2 > 0 else 0.0
    out["multiplicity"] = float(len(constituents))
    return {k: out[k] for k in FEATURES}
