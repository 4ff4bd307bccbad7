"""Pythia8 event generation: one hard process plus Poisson(μ) minimum-bias pileup per bunch crossing.

Each generator is initialised once per job (the minimum-bias initialisation builds the multiparton
interaction tables, several seconds) and then re-seeded per event, so an event depends only on
the master seed and its event id, not on which other events the job makes.

Decays: Pythia decays every unstable particle with cτ < ``decay_tau0_max_mm`` (default 1 m) at
its true, displaced vertex, so K0S, Λ, Σ, Ξ, Ω and all heavy-flavour hadrons decay in the
generator, while π±, K±, μ±, K0L and neutrons stay stable: the detector simulation does no decays
(π± and K± decays in flight inside the tracker, a few per cent of low-pT pions, are not modelled).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

__all__ = ["GenParticles", "EventGenerator", "HARD_PROCESSES", "MINIMUM_BIAS"]

log = logging.getLogger(__name__)

HARD_PROCESSES = {
    "ttbar": ["Top:gg2ttbar = on", "Top:qqbar2ttbar = on"],
    "none": [],
}
MINIMUM_BIAS = {
    # non-diffractive + single/double/central diffractive: σ_inel ≈ 79 mb at 14 TeV
    "inelastic": ["SoftQCD:inelastic = on"],
    # plus elastic scattering: σ_tot ≈ 101 mb; μ then counts every pp interaction
    "all": ["SoftQCD:all = on"],
}


@dataclass
class GenParticles:
    """Final-state charged particles of one bunch crossing (numpy arrays of equal length)."""

    vertex: np.ndarray  # interaction index: 0 = hard process, 1 … = pileup
    pdg: np.ndarray
    q: np.ndarray  # charge in units of e
    mass: np.ndarray  # GeV
    pos: np.ndarray  # (n, 3) production vertex, mm (beam spot included)
    mom: np.ndarray  # (n, 3) GeV
    n_interactions: int  # hard process (if any) + pileup

    def __len__(self) -> int:
        return len(self.q)


def _pythia(lines: list[str], seed: int):  # type: ignore[no-untyped-def]
    import pythia8mc

    p = pythia8mc.Pythia("", False)
    for line in [
        "Print:quiet = on",
        "Random:setSeed = on",
        f"Random:seed = {seed}",
        *lines,
    ]:
        if not p.readString(line):
            raise ValueError(f"Pythia8 rejected the setting '{line}'")
    if not p.init():
        raise RuntimeError("Pythia8 initialisation failed (see the log above)")
    return p


class EventGenerator:
    """Hard process + Poisson(μ) pileup with a Gaussian beam spot; initialise once, generate many."""

    def __init__(
        self,
        *,
        mu: float,
        hard_process: str = "ttbar",
        minimum_bias: str = "inelastic",
        sqrt_s_gev: float = 14000.0,
        beam_spot_mm: tuple[float, float, float] = (0.015, 0.015, 5.5),
        decay_tau0_max_mm: float = 1000.0,
        seed: int = 1,
    ) -> None:
        if hard_process not in HARD_PROCESSES:
            raise ValueError(f"hard_process must be one of {sorted(HARD_PROCESSES)}, got {hard_process!r}")
        if minimum_bias not in MINIMUM_BIAS:
            raise ValueError(f"minimum_bias must be one of {sorted(MINIMUM_BIAS)}, got {minimum_bias!r}")
        if mu < 0 or not np.isfinite(mu):
            raise ValueError(f"mu must be a finite number >= 0, got {mu}")
        if any(s < 0 for s in beam_spot_mm) or len(beam_spot_mm) != 3:
            raise ValueError(f"beam_spot_mm must be three sigmas >= 0 (x, y, z), got {beam_spot_mm}")
        if hard_process == "none" and mu == 0:
            raise ValueError("hard_process 'none' with mu = 0 would give empty events")
        self.mu = float(mu)
        self.beam_spot = np.asarray(beam_spot_mm, dtype=float)
        self.seed = int(seed)
        common = [
            f"Beams:eCM = {sqrt_s_gev}",
            "ParticleDecays:limitTau0 = on",
            f"ParticleDecays:tau0Max = {decay_tau0_max_mm}",
        ]
        self._hard = (
            _pythia(common + HARD_PROCESSES[hard_process], self._seed(0)) if hard_process != "none" else None
        )
        self._mb = _pythia(common + MINIMUM_BIAS[minimum_bias], self._seed(1)) if mu > 0 else None

    def _seed(self, *keys: int) -> int:
        """A Pythia seed (1 … 900,000,000) derived from the master seed and ``keys``."""
        ss = np.random.SeedSequence([self.seed, *keys])
        return int(ss.generate_state(1, dtype=np.uint32)[0] % 900_000_000) + 1

    @staticmethod
    def _charged_final(pythia) -> tuple[np.ndarray, ...]:  # type: ignore[no-untyped-def]
        """(pdg, charge, mass, production vertex (n, 3), momentum (n, 3)) of the charged final-state
        particles: the event record as one list (``Event.particles``, faster than iterating the
        record), filtered, then each attribute read by ``map`` over the particles kept (no
        per-particle Python code)."""
        import pythia8mc

        P = pythia8mc.Particle
        kept = list(filter(P.isCharged, filter(P.isFinal, pythia.event.particles())))
        n = len(kept)

        def col(attr):  # type: ignore[no-untyped-def]
            return np.fromiter(map(attr, kept), dtype=float, count=n)

        pos = np.column_stack([col(P.xProd), col(P.yProd), col(P.zProd)]) if n else np.zeros((0, 3))
        mom = np.column_stack([col(P.px), col(P.py), col(P.pz)]) if n else np.zeros((0, 3))
        return np.fromiter(map(P.id, kept), dtype=np.int64, count=n), col(P.charge), col(P.m), pos, mom

    def _next(self, pythia, what: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(100):
            if pythia.next():
                return
        raise RuntimeError(f"Pythia8 failed to generate a {what} event 100 times in a row")

    def generate(self, event_id: int, attempt: int = 0) -> GenParticles:
        """All charged final-state particles of one bunch crossing (seeded by ``event_id``; a
        non-zero ``attempt`` gives another crossing for the same id, for redrawing empty ones)."""
        rng = np.random.default_rng([self.seed, 2, event_id, attempt])
        n_pu = int(rng.poisson(self.mu)) if self.mu > 0 else 0
        gens = ([(self._hard, "hard-process")] if self._hard is not None else []) + [
            (self._mb, "pileup")
        ] * n_pu
        for gen, key in ((self._hard, 3), (self._mb, 4)):
            if gen is not None:
                gen.rndm.init(self._seed(key, event_id, attempt))
        cols: dict[str, list] = {"vertex": [], "pdg": [], "q": [], "mass": [], "pos": [], "mom": []}
        vertices = rng.normal(size=(len(gens), 3)) * self.beam_spot
        for iv, (gen, what) in enumerate(gens):
            self._next(gen, what)
            pdg, q, m, v, p = self._charged_final(gen)
            cols["vertex"].append(np.full(len(q), iv, dtype=np.int64))
            cols["pdg"].append(pdg)
            cols["q"].append(q)
            cols["mass"].append(m)
            cols["pos"].append(v + vertices[iv])
            cols["mom"].append(p)
        if not gens:  # no interaction in this crossing (pileup only, Poisson gave 0)
            return GenParticles(vertex=np.zeros(0, np.int64), pdg=np.zeros(0, np.int64), q=np.zeros(0, np.int64),
                                mass=np.zeros(0), pos=np.zeros((0, 3)), mom=np.zeros((0, 3)), n_interactions=0)  # fmt: skip
        return GenParticles(
            vertex=np.concatenate(cols["vertex"]),
            pdg=np.concatenate(cols["pdg"]),
            q=np.rint(np.concatenate(cols["q"])).astype(np.int64),
            mass=np.concatenate(cols["mass"]),
            pos=np.concatenate(cols["pos"]),
            mom=np.concatenate(cols["mom"]),
            n_interactions=len(gens),
        )
