"""Tests-only events without Pythia: particles with chosen kinematics pushed through the project's
real detector simulation (``trigml.data.simulation.build_event``: the TrackML-like geometry,
helices with multiple scattering, overlap duplicates, inefficiency, noise).

Same names as the removed ``trigml.tracking.toy`` (``toy_event``, ``write_toy_event``) so the
tracking and tracking_fpga tests can use either. pT follows p(pT) ~ pT^-(1 + alpha) above
``pt_lo``; eta is uniform in |eta| < ``eta_max``; vertices on the beam line with Gaussian z.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from trigml.data.simulation import SimulationSettings, build_event, trackml_detector
from trigml.data.simulation.generator import GenParticles
from trigml.data.trackml import write_event

_DETECTOR = {}


def _detector():  # type: ignore[no-untyped-def]
    if "det" not in _DETECTOR:
        _DETECTOR["det"] = trackml_detector(strips=True, material_scale=1.0)
    return _DETECTOR["det"]


def toy_event(
    n_particles: int = 200,
    *,
    seed: int = 0,
    pt_lo: float = 0.5,
    alpha: float = 1.0,
    eta_max: float = 3.0,
    vz_sigma: float = 50.0,
    duplicate_fraction: float | None = None,
    n_noise: int = 50,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(hits, particles, truth) with the challenge's columns. ``duplicate_fraction`` is accepted
    for the old signature: overlap duplicates come from the detector's module overlaps."""
    del duplicate_fraction
    ev = toy_tables(n_particles, seed=seed, pt_lo=pt_lo, alpha=alpha, eta_max=eta_max,
                    vz_sigma=vz_sigma, n_noise=n_noise)  # fmt: skip
    return ev["hits"], ev["particles"], ev["truth"]


def toy_tables(n_particles: int, *, seed: int, pt_lo: float = 0.5, alpha: float = 1.0, eta_max: float = 3.0,
               vz_sigma: float = 50.0, n_noise: int = 50) -> dict[str, pd.DataFrame]:  # fmt: skip
    """All four challenge tables of one toy event."""
    rng = np.random.default_rng(seed)
    n = int(n_particles)
    pt = pt_lo * rng.uniform(0, 1, n) ** (-1.0 / alpha)
    eta = rng.uniform(-eta_max, eta_max, n)
    phi = rng.uniform(-np.pi, np.pi, n)
    mom = np.column_stack([pt * np.cos(phi), pt * np.sin(phi), pt * np.sinh(eta)])
    pos = np.column_stack([np.zeros(n), np.zeros(n), rng.normal(0, vz_sigma, n)])
    gen = GenParticles(vertex=np.zeros(n, np.int64), pdg=np.full(n, 211), q=rng.choice([-1, 1], n).astype(float),
                       mass=np.full(n, 0.13957), pos=pos, mom=mom, n_interactions=1)  # fmt: skip
    n_true = max(n * 10, 1)
    s = SimulationSettings.from_dict({"mu": 0, "noise_fraction": n_noise / n_true, "max_eta": 4.0})
    return build_event(gen, _detector(), s, rng)


def write_toy_event(outdir: str, event_id: int, *, n_particles: int = 200, seed: int = 0, **kwargs: object) -> list:
    """Write one toy event's four challenge CSVs into ``outdir``."""
    ev = toy_tables(n_particles, seed=seed, **kwargs)  # type: ignore[arg-type]
    return write_event(outdir, event_id, ev["hits"], ev["cells"], ev["particles"], ev["truth"])


def schema_defaults(block: str) -> dict:
    """The schema defaults of ``tracking.<block>`` (what a validated config holds)."""
    import yaml
    from trigml.config import SCHEMA_DIR

    props = yaml.safe_load((SCHEMA_DIR / "tracking.schema.yaml").read_text())["properties"][block]["properties"]
    return {k: spec["default"] for k, spec in props.items()}


def train_settings(**overrides: object) -> dict:
    """``tracking.train`` defaults without hidden_size, with overrides (the train_in params)."""
    s = {k: v for k, v in schema_defaults("train").items() if k != "hidden_size"}
    return {**s, **overrides}


def track_settings(**overrides: object) -> dict:
    """``tracking.tracks`` defaults with overrides (the build_tracks params)."""
    return {**schema_defaults("tracks"), **overrides}
