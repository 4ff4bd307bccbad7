"""Validation of the simulation against the real particle table of TrackML event 1000.

Like with like: the real table lists charged particles with pT > 0.1 GeV and |η| < 4, primaries
and secondaries, with ``nhits`` counted over pixels and strips. The simulation runs with the
strips on (whatever the event config says), the same selection, and the comparison is made on
*primaries* (production vertex within 1 mm of the beam line): Pythia gives primaries and decay
products, the real sample also has secondaries from interactions with the material, which the
simulation does not make (their share is reported, not compared).

Numbers: particle counts (with the event-to-event spread the simulation predicts at this μ, so a
single real event can be compared), pT and η spectra (Kolmogorov-Smirnov distance and ratios in
bins), the nhits distribution, the hit threshold in pT, and the spread of the vertices in z.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .events import build_event, decode_particle_id
from .generator import EventGenerator
from .geometry import trackml_detector
from .settings import SimulationSettings

__all__ = [
    "TOLERANCES",
    "read_reference",
    "particle_summary",
    "validate",
    "plot_validation",
    "run_validation",
]

log = logging.getLogger(__name__)

PRIMARY_R_MM = 1.0
PT_BINS = np.array([0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 100.0])
ETA_BINS = np.linspace(-4, 4, 17)
NHITS_BINS = np.arange(0, 26)

# What "agreement" means; the README explains each number.
TOLERANCES = {
    "count_pull": 3.0,  # |N_sim - N_real| / σ_event(N) for primaries and primaries with pT > 1 GeV
    "ks_pt": 0.05,  # largest CDF difference of the primaries' pT (95 % statistical bound ≈ 0.022)
    "ks_eta": 0.05,  # ... of η
    "nhits_median": 1.0,  # |Δ median nhits| of primaries that leave hits (pT > threshold)
    "vertex_z_sigma_rel": 0.25,  # relative difference of the vertices' z spread (a tuned quantity)
}

#: Parameters chosen by looking at event 1000 itself: their agreement is not a validation.
TUNED = {
    "beam_spot_mm": "sigma_z of the vertices set to event 1000's 6 mm (tuned_checks.vertex_z_sigma)",
    "minimum_bias": "'all' (elastic included) chosen to match event 1000's share of vertices with particles",
    "interaction_per_x0": "hadrons end with probability 1 - exp(-2 x/X0) per crossing, set so that the share of "
    "primaries with <= 8 hits matches event 1000 (targets.ks_nhits is therefore not an independent check)",
}

#: Goals reported with their value rather than folded into agreement: the short-track tail (real
#: primaries above the hit threshold with <= 8 hits: 16.7 %; 1.8 % without hadronic interactions).
TARGETS = {"ks_nhits": 0.1}

REQUIRED = ("particle_id", "vx", "vy", "vz", "px", "py", "pz", "q", "nhits")


def read_reference(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The real particle table; a clear error naming the file and column when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"reference particle table not found: {path}")
    df = pd.read_csv(path)
    if df.empty:
        raise ValueError(f"{path}: no particles")
    for col in REQUIRED:
        if col not in df.columns:
            raise ValueError(f"{path}: missing column '{col}' (has {list(df.columns)})")
        if df[col].isna().any():
            raise ValueError(f"{path}: NaN in column '{col}'")
    return df


def _kinematics(p: pd.DataFrame) -> dict[str, np.ndarray]:
    pt = np.hypot(p["px"].to_numpy(float), p["py"].to_numpy(float))
    eta = np.arcsinh(p["pz"].to_numpy(float) / pt)
    r = np.hypot(p["vx"].to_numpy(float), p["vy"].to_numpy(float))
    return {"pt": pt, "eta": eta, "r": r, "nhits": p["nhits"].to_numpy(int), "vz": p["vz"].to_numpy(float),
            "vertex": decode_particle_id(p["particle_id"].to_numpy())["vertex_id"]}  # fmt: skip


def particle_summary(p: pd.DataFrame, min_pt_hits: float) -> dict[str, Any]:
    """Counts and distributions of one particle table (the real one or a simulated event)."""
    k = _kinematics(p)
    sel = (k["pt"] > 0.1) & (np.abs(k["eta"]) < 4)
    prim = sel & (k["r"] < PRIMARY_R_MM)
    above = prim & (k["pt"] >= min_pt_hits)
    vz_vertex = pd.Series(k["vz"][prim]).groupby(k["vertex"][prim]).median()
    return {
        "n_particles": int(sel.sum()),
        "n_primaries": int(prim.sum()),
        "n_primaries_pt_gt_1": int((prim & (k["pt"] > 1)).sum()),
        "secondary_fraction": float(1 - prim.sum() / max(sel.sum(), 1)),
        "n_vertices_with_particles": int(len(vz_vertex)),
        "vertex_z_sigma_mm": float(vz_vertex.std()) if len(vz_vertex) > 1 else 0.0,
        "nhits_median_all": float(np.median(k["nhits"][sel])),
        "nhits_median_primaries": float(np.median(k["nhits"][above])) if above.any() else 0.0,
        "nhits_zero": int((k["nhits"][sel] == 0).sum()),
        "frac_no_hits_below_threshold": float(np.mean(k["nhits"][prim & (k["pt"] < min_pt_hits)] == 0))
        if (prim & (k["pt"] < min_pt_hits)).any() else None,
        "frac_no_hits_above_threshold": float(np.mean(k["nhits"][above] == 0)) if above.any() else None,
        "frac_at_most_8_hits_above_threshold": float(np.mean(k["nhits"][above] <= 8)) if above.any() else None,
        "primaries_per_vertex_with_particles": float(prim.sum() / max(len(vz_vertex), 1)),
        "_pt": k["pt"][prim],
        "_eta": k["eta"][prim],
        "_nhits": k["nhits"][above],
    }  # fmt: skip


def _public(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


def validate(reference: pd.DataFrame, sim_events: list[pd.DataFrame], settings: SimulationSettings,
             count_sigma: dict[str, float], n_interactions: list[int]) -> dict[str, Any]:  # fmt: skip
    """Compare simulated particle tables (μ as the real event) with the real one."""
    thr = settings.min_pt_hits_gev
    real = particle_summary(reference, thr)
    sims = [particle_summary(p, thr) for p in sim_events]
    pooled = {key: np.concatenate([s[key] for s in sims]) for key in ("_pt", "_eta", "_nhits")}
    n_ev = len(sims)

    def mean(key: str) -> float:
        return float(np.mean([s[key] for s in sims]))

    sim_mean = {k: mean(k) for k in _public(sims[0]) if all(s[k] is not None for s in sims)}
    real_ids = decode_particle_id(reference["particle_id"].to_numpy())["vertex_id"]
    real_vertex_fraction = real["n_vertices_with_particles"] / max(int(real_ids.max()), 1)
    sim_vertex_fraction = float(
        np.mean([s["n_vertices_with_particles"] / n for s, n in zip(sims, n_interactions)])
    )

    counts = {}
    for key in ("n_primaries", "n_primaries_pt_gt_1"):
        diff = sim_mean[key] - real[key]
        sigma = count_sigma[key] / np.sqrt(n_ev)
        counts[key] = {"real": real[key], "sim_mean": sim_mean[key], "ratio": sim_mean[key] / real[key],
                       "sigma_event": count_sigma[key], "pull": diff / np.hypot(sigma, count_sigma[key])}  # fmt: skip
    ks = {
        "pt": float(stats.ks_2samp(real["_pt"], pooled["_pt"]).statistic),
        "eta": float(stats.ks_2samp(real["_eta"], pooled["_eta"]).statistic),
        "nhits": float(stats.ks_2samp(real["_nhits"], pooled["_nhits"]).statistic),
    }
    d_med = sim_mean["nhits_median_primaries"] - real["nhits_median_primaries"]
    vz_rel = sim_mean["vertex_z_sigma_mm"] / real["vertex_z_sigma_mm"] - 1
    checks = {
        "n_primaries": abs(counts["n_primaries"]["pull"]) <= TOLERANCES["count_pull"],
        "n_primaries_pt_gt_1": abs(counts["n_primaries_pt_gt_1"]["pull"]) <= TOLERANCES["count_pull"],
        "ks_pt": ks["pt"] <= TOLERANCES["ks_pt"],
        "ks_eta": ks["eta"] <= TOLERANCES["ks_eta"],
        "nhits_median": abs(d_med) <= TOLERANCES["nhits_median"],
    }
    # tuned on event 1000 itself, so agreement there validates nothing: reported apart
    tuned_checks = {"vertex_z_sigma": bool(abs(vz_rel) <= TOLERANCES["vertex_z_sigma_rel"])}
    return {
        "comparison": (
            "primaries (production vertex < 1 mm from the beam line), charged, pT > 0.1 GeV, |eta| < 4; "
            "nhits over pixels + strips for primaries with pT above the hit threshold"
        ),
        "mu": settings.mu,
        "n_events": n_ev,
        "settings": settings.as_dict(),
        "real": _public(real),
        "sim": sim_mean,
        "counts": counts,
        "ks": ks,
        "nhits_median_difference": d_med,
        "vertex_z_sigma_relative_difference": vz_rel,
        "vertex_fraction_with_particles": {"real": real_vertex_fraction, "sim": sim_vertex_fraction},
        # the real event's largest vertex id bounds its number of interactions from below
        "interactions": {
            "real_max_vertex_id": int(real_ids.max()),
            "sim_mean": float(np.mean(n_interactions)),
        },
        "tolerances": TOLERANCES,
        "checks": {k: bool(v) for k, v in checks.items()},
        "agreement": bool(all(checks.values())),
        "tuned": TUNED,
        "tuned_checks": tuned_checks,
        "targets": {"ks_nhits": {"value": ks["nhits"], "max": TARGETS["ks_nhits"],
                                 "met": bool(ks["nhits"] <= TARGETS["ks_nhits"])}},
        "spectra": _spectra(real, pooled, n_ev),
    }


def _spectra(real: dict[str, Any], pooled: dict[str, np.ndarray], n_ev: int) -> dict[str, list[float]]:
    """pT, eta and nhits histograms of the real event and of the simulated events (per event)."""

    def hist(values: np.ndarray, bins: np.ndarray, norm: float) -> list[float]:
        return (np.histogram(values, bins=bins)[0] / norm).tolist()

    out: dict[str, list[float]] = {}
    for key, bins in (("pt", PT_BINS), ("eta", ETA_BINS), ("nhits", NHITS_BINS)):
        out[f"{key}_bins"] = bins.tolist()
        out[f"{key}_real"] = hist(real[f"_{key}"], bins, 1.0)
        out[f"{key}_sim"] = hist(pooled[f"_{key}"], bins, n_ev)
    return out


def simulate_for_validation(settings: SimulationSettings, n_events: int, seed: int,
                            first_event: int = 900_000) -> tuple[list[pd.DataFrame], dict[str, float], list[int]]:  # fmt: skip
    """Simulate ``n_events`` events (strips on); return their particle tables, the event-to-event
    spread of the compared counts predicted from the generated interactions (compound Poisson:
    σ² = μ·E[n²] per interaction), and the number of interactions per event."""
    from tqdm import tqdm

    settings = replace(settings, strips=True)
    gen = EventGenerator(mu=settings.mu, hard_process=settings.hard_process, minimum_bias=settings.minimum_bias,
                         sqrt_s_gev=settings.sqrt_s_gev, beam_spot_mm=settings.beam_spot_mm,
                         decay_tau0_max_mm=settings.decay_tau0_max_mm, seed=seed)  # fmt: skip
    det = trackml_detector(strips=True, material_scale=settings.material_scale)
    tables, n_int = [], []
    per_vertex: dict[str, list[np.ndarray]] = {"n_primaries": [], "n_primaries_pt_gt_1": []}
    for i in tqdm(range(n_events), desc=f"validation events (mu={settings.mu:g})", unit="event"):
        event_id = first_event + i
        g = gen.generate(event_id)
        ev = build_event(g, det, settings, np.random.default_rng([seed, 5, event_id]))
        p = ev["particles"]
        k = _kinematics(p)
        prim = (k["r"] < PRIMARY_R_MM) & (np.abs(k["eta"]) < 4) & (k["pt"] > 0.1)
        hard = 1 if settings.hard_process != "none" else 0
        # pileup interactions only (vertex ids 1 + hard …), zero-particle interactions included
        vid = k["vertex"] - 1 - hard
        n_pu = g.n_interactions - hard
        for key, m in (("n_primaries", prim), ("n_primaries_pt_gt_1", prim & (k["pt"] > 1))):
            per_vertex[key].append(np.bincount(vid[m & (vid >= 0)], minlength=n_pu))
        tables.append(p)
        n_int.append(g.n_interactions)
    sigma = {}
    for key, arrs in per_vertex.items():
        n = np.concatenate(arrs).astype(float)
        sigma[key] = float(np.sqrt(settings.mu * np.mean(n**2))) if len(n) else 0.0
    return tables, sigma, n_int


def plot_validation(result: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Four panels: pT, η, nhits (real vs simulated per event) and the counts' ratios."""
    import matplotlib.pyplot as plt

    from trigml.plotting import label, save, style

    style()
    sp = result["spectra"]
    fig, axes = plt.subplots(2, 2, figsize=(14, 10))
    panels = [("pt", r"$p_T$ [GeV]", True), ("eta", r"$\eta$", False), ("nhits", "hits per particle", False)]
    for ax, (key, xlabel, logx) in zip(axes.flat, panels):
        bins = np.asarray(sp[f"{key}_bins"])
        real, sim = np.asarray(sp[f"{key}_real"]), np.asarray(sp[f"{key}_sim"])
        ax.stairs(real, bins, label="TrackML event 1000 (real)", color="black", linewidth=2)
        ax.stairs(
            sim, bins, label=f"simulation, mu={result['mu']:g} (per event)", color="tab:blue", linewidth=2
        )
        ax.set_xlabel(xlabel)
        ax.set_ylabel("primary particles")
        if logx:
            ax.set_xscale("log")
            ax.set_yscale("log")
        ks = result["ks"][key]
        ax.text(0.97, 0.95, f"KS = {ks:.3f}", transform=ax.transAxes, ha="right", va="top", fontsize=12)
        ax.legend(fontsize=10, loc="upper left" if key == "nhits" else "lower left")
        label(ax, "simulated", "vs real event 1000")
    ax = axes.flat[3]
    names = ["primaries", r"primaries $p_T$>1", "primaries/vertex", "median nhits", r"$\sigma_z$ vertices"]
    ratios = [
        result["counts"]["n_primaries"]["ratio"],
        result["counts"]["n_primaries_pt_gt_1"]["ratio"],
        result["sim"]["primaries_per_vertex_with_particles"]
        / result["real"]["primaries_per_vertex_with_particles"],
        result["sim"]["nhits_median_primaries"] / result["real"]["nhits_median_primaries"],
        1 + result["vertex_z_sigma_relative_difference"],
    ]
    errs = [
        result["counts"]["n_primaries"]["sigma_event"] / result["counts"]["n_primaries"]["real"],
        result["counts"]["n_primaries_pt_gt_1"]["sigma_event"]
        / result["counts"]["n_primaries_pt_gt_1"]["real"],
        0.0,
        0.0,
        0.0,
    ]
    ax.errorbar(range(5), ratios, yerr=errs, fmt="o", color="tab:blue", capsize=4, label="simulation / real")
    ax.axhline(1.0, color="black", linestyle="--")
    ax.set_xticks(range(5), names, rotation=20, fontsize=10)
    ax.set_ylabel("simulation / real")
    ax.set_ylim(0.5, 1.5)
    ax.legend(fontsize=10)
    label(ax, "simulated", "vs real event 1000")
    fig.tight_layout()
    # the figure's numbers are in validation.json itself (same stem), so no separate twin
    save(fig, path, twin=None)


def run_validation(reference: str | os.PathLike[str], settings: SimulationSettings, mu: float, n_events: int,
                   seed: int, json_path: str | os.PathLike[str], png_path: str | os.PathLike[str]) -> dict[str, Any]:  # fmt: skip
    """The ``validate_simulation`` rule: simulate at ``mu``, compare, write JSON and figure."""
    from trigml.files import write_json

    if n_events < 1:
        raise ValueError(f"n_events must be >= 1, got {n_events}")
    ref = read_reference(reference)
    settings = replace(settings, mu=float(mu))
    settings.check()
    tables, sigma, n_int = simulate_for_validation(settings, n_events, seed)
    result = validate(ref, tables, settings, sigma, n_int)
    result["reference"] = str(reference)
    plot_validation(result, png_path)
    write_json(json_path, result)
    log.info("validation: agreement=%s checks=%s", result["agreement"], result["checks"])
    return result
