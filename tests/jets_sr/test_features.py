"""Groomed-jet features on hand-computed constituent sets."""

import math

import numpy as np
import pytest
from trigml.jets_sr import features as F

# three particles: pT 1, 1, 2 at (y, φ) = (0, 0), (0.3, 0), (0, 0.4):
# z = 1/4, 1/4, 1/2; θ12 = 0.3, θ13 = 0.4, θ23 = 0.5
PT = np.array([1.0, 1.0, 2.0])
RAP = np.array([0.0, 0.3, 0.0])
PHI = np.array([0.0, 0.0, 0.4])


def test_delta_r_wraps_phi():
    th = F.delta_r_matrix(np.array([0.0, 0.0]), np.array([3.1, -3.1]))
    assert th[0, 1] == pytest.approx(2 * math.pi - 6.2)
    assert th[0, 0] == 0.0


def test_two_and_three_point_correlators_by_hand():
    z = PT / PT.sum()
    th = F.delta_r_matrix(RAP, PHI)
    assert th[1, 2] == pytest.approx(0.5)
    # e2^(β) = Σ z_i z_j θ_ij^β
    assert F.ecf2(z, th, 0.0) == pytest.approx(1 / 16 + 1 / 8 + 1 / 8)
    assert F.ecf2(z, th, 1.0) == pytest.approx(0.0625 * 0.3 + 0.125 * 0.4 + 0.125 * 0.5)
    assert F.ecf2(z, th, 2.0) == pytest.approx(0.0625 * 0.09 + 0.125 * 0.16 + 0.125 * 0.25)
    zzz = 0.25 * 0.25 * 0.5
    assert F.ecf3(z, th, 1.0) == pytest.approx(zzz * 0.3 * 0.4 * 0.5)
    assert F.ecf3(z, th, 2.0) == pytest.approx(zzz * (0.3 * 0.4 * 0.5) ** 2)
    # generalised: v = 1 keeps the smallest angle, v = 2 the two smallest
    assert F.ecfg3(z, th, 1.0, 1) == pytest.approx(zzz * 0.3)
    assert F.ecfg3(z, th, 2.0, 2) == pytest.approx(zzz * (0.3 * 0.4) ** 2)
    assert F.ecfg3(z, th, 1.0, 3) == pytest.approx(F.ecf3(z, th, 1.0))


def test_ratios_by_hand():
    c = F.correlators(PT, RAP, PHI)
    e2_1 = 0.13125
    e2_2 = 0.0625 * 0.09 + 0.125 * 0.16 + 0.125 * 0.25
    e3_1 = 0.03125 * 0.06
    e3_2 = 0.03125 * 0.06**2
    assert c.c1_b0 == pytest.approx(0.3125)
    assert c.c1_b1 == pytest.approx(e2_1)
    assert c.c2_b1 == pytest.approx(e3_1 / e2_1**2)
    assert c.c2_b2 == pytest.approx(e3_2 / e2_2**2)
    assert c.d2_b1 == pytest.approx(e3_1 / e2_1**3)
    assert c.d2_b2 == pytest.approx(e3_2 / e2_2**3)
    assert c.d2_a1_b1 == pytest.approx(e3_1 / e2_1**3)
    assert c.d2_a1_b2 == pytest.approx(e3_1 / e2_2**1.5)
    assert c.m2_b1 == pytest.approx(0.03125 * 0.3 / e2_1)
    assert c.m2_b2 == pytest.approx(0.03125 * 0.09 / e2_2)
    assert c.n2_b1 == pytest.approx(0.03125 * 0.12 / e2_1**2)
    assert c.n2_b2 == pytest.approx(0.03125 * 0.0144 / e2_2**2)


def test_two_particles_have_no_three_point_structure():
    c = F.correlators(np.array([3.0, 1.0]), np.array([0.0, 0.2]), np.array([0.0, 0.0]))
    assert c.c1_b1 == pytest.approx(0.75 * 0.25 * 0.2)
    assert c.d2_b1 == 0.0 and c.n2_b2 == 0.0 and c.m2_b1 == 0.0


def test_one_particle_ratios_are_zero_not_nan():
    c = F.correlators(np.array([5.0]), np.array([0.1]), np.array([0.2]))
    assert all(v == 0.0 for v in vars(c).values())


def test_zlogz():
    assert F.zlogz(np.ones(4)) == pytest.approx(-math.log(4))
    assert F.zlogz(np.array([7.0])) == 0.0


@pytest.mark.parametrize("pt", [np.array([]), np.array([1.0, -1.0]), np.array([1.0, np.nan])])
def test_bad_constituents(pt):
    with pytest.raises(ValueError, match="pT"):
        F.zlogz(pt)


def _pj(pt, y, phi, m=0.0):
    import fastjet as fj

    px, py = pt * math.cos(phi), pt * math.sin(phi)
    mt = math.hypot(pt, m)
    return fj.PseudoJet(px, py, mt * math.sinh(y), mt * math.cosh(y))


def _two_prong(soft_pt):
    # prong A: two particles near (0, 0), prong B: two particles near (0.25, 0), plus a soft
    # particle at ΔR ≈ 0.6 that C/A attaches last
    return [
        _pj(300.0, 0.0, 0.0), _pj(200.0, 0.02, 0.01),
        _pj(150.0, 0.25, 0.0), _pj(100.0, 0.27, -0.01),
        _pj(soft_pt, 0.6, 0.1),
    ]  # fmt: skip


def test_mmdt_drops_soft_wide_branch_and_keeps_two_prongs():
    import fastjet as fj

    parts = _two_prong(5.0)
    cs = fj.ClusterSequence(parts, fj.JetDefinition(fj.cambridge_algorithm, 0.8))
    jet = cs.exclusive_jets(1)[0]
    groomed = F.mmdt_groom(jet, cs, zcut=0.1)
    assert len(groomed.constituents()) == 4
    assert groomed.pt() == pytest.approx(750.0, rel=1e-3)
    # stops at the A/B splitting: z = 250/750 > 0.1
    feats = F.jet_features(parts)
    assert list(feats) == F.FEATURES
    assert feats["multiplicity"] == 5.0
    assert feats["mass_mmdt"] == pytest.approx(groomed.m(), rel=1e-6)
    assert 20.0 < feats["mass_mmdt"] < 200.0  # a two-prong mass ≈ sqrt(z(1-z)) pT ΔR


def test_mmdt_drops_a_prong_below_zcut():
    import fastjet as fj

    parts = [_pj(600.0, 0.0, 0.0), _pj(300.0, 0.01, 0.0), _pj(40.0, 0.3, 0.0)]  # z = 40/940 < 0.1
    cs = fj.ClusterSequence(parts, fj.JetDefinition(fj.cambridge_algorithm, 0.8))
    groomed = F.mmdt_groom(cs.exclusive_jets(1)[0], cs, zcut=0.1)
    assert len(groomed.constituents()) == 2
    assert groomed.pt() == pytest.approx(900.0, rel=1e-3)
    # with zcut 0 nothing is groomed
    assert len(F.mmdt_groom(cs.exclusive_jets(1)[0], cs, zcut=0.0).constituents()) == 3
    with pytest.raises(ValueError, match="zcut"):
        F.mmdt_groom(cs.exclusive_jets(1)[0], cs, zcut=0.7)


def test_one_pass_generalised_correlators_match_the_reference():
    rng = np.random.default_rng(3)
    pt = rng.exponential(10.0, 40) + 0.1
    th = F.delta_r_matrix(rng.normal(0, 0.3, 40), rng.normal(0, 0.3, 40))
    z = pt / pt.sum()
    fast = F.ecfg3_all(z, th)
    for v in (1, 2):
        for b in (1.0, 2.0):
            assert fast[(v, b)] == pytest.approx(F.ecfg3(z, th, b, v), rel=1e-10)
