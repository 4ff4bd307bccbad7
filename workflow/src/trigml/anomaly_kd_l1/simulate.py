"""Pythia8 + FastJet events in the ADC2021 layout: the SM cocktail, the four signals, other SM processes.

Generator level (``pythia8mc``): one ``Pythia`` instance per process, initialised once per job; the
events come in batches (``Pythia.nextBatch``: the event records as arrays, no Python call per
particle), and pT, η, φ are computed with the operations of Pythia's own getters (same bits).
Detector level (a parametric L1-like detector, no pileup):

- electrons: final-state e± with pT > ``ele_pt_min`` and |η| < ``ele_eta_max``, pT smeared by ``ele_res``;
- muons: final-state μ± with pT > ``mu_pt_min`` and |η| < ``mu_eta_max``, pT smeared by ``mu_res``;
- jets: anti-kT R = 0.4 (FastJet) on the other visible final-state particles with |η| < ``jet_eta_max``,
  pT smeared by ``jet_stoch`` / sqrt(pT) ⊕ ``jet_const``, kept above ``jet_pt_min``;
- MET: minus the vector sum of the visible final-state particles with |η| < ``met_eta_max``, each
  component smeared by ``met_res`` · sqrt(ΣET);
- the lepton filter of the public set (one e or μ with pT > ``filter_pt_min``), applied to every
  sample: the detector only ever sees the lepton-filtered stream, so signals are evaluated in it too.

Within each group the objects are ordered by decreasing pT and truncated to the layout's slots.
"""

from __future__ import annotations

import logging
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .layout import N_FEATURES, N_OBJECTS, SLOTS

log = logging.getLogger(__name__)

NEUTRINOS = {12, 14, 16}
# Heavy-flavour hadrons whose decays are forced semileptonic in the QCD sample (biased generation:
# lepton-filtered QCD is dominated by semileptonic b/c decays; forcing them raises the filter efficiency).
HF_HADRONS = (411, 421, 431, 511, 521, 531, 4122, 5122)


@dataclass(frozen=True)
class Process:
    """One Pythia8 process: the settings that define it and whether the lepton filter applies."""

    settings: tuple[str, ...]
    lepton_filter: bool = True
    description: str = ""


PROCESSES: dict[str, Process] = {
    # --- SM cocktail of the public training set ---
    "W": Process(
        ("WeakSingleBoson:ffbar2W = on", "24:onMode = off", "24:onIfAny = 11 13 15"),
        description="W -> l nu (l = e, mu, tau)",
    ),
    "Z": Process(
        (
            "WeakSingleBoson:ffbar2gmZ = on",
            "23:onMode = off",
            "23:onIfAny = 11 13 15",
            "PhaseSpace:mHatMin = 40",
        ),
        description="Z/gamma* -> l l, m > 40 GeV",
    ),
    "ttbar": Process(("Top:gg2ttbar = on", "Top:qqbar2ttbar = on"), description="top-pair production"),
    "QCD": Process(
        (
            "HardQCD:hardbbbar = on",
            "HardQCD:hardccbar = on",
            "PhaseSpace:pTHatMin = 25",
            *(f"{h}:onMode = off" for h in HF_HADRONS),
            *(f"{h}:onIfAny = 11 13" for h in HF_HADRONS),
        ),
        description="heavy-flavour multijet, pTHat > 25 GeV, semileptonic decays forced",
    ),
    # --- the four signals of the public set ---
    "Ato4l": Process(
        (
            "Higgs:useBSM = on",
            "HiggsBSM:gg2A3 = on",
            "HiggsA3:coup2Z = 1.0",
            "36:m0 = 50",
            "36:onMode = off",
            "36:onIfMatch = 23 23",
            "23:onMode = off",
            "23:onIfAny = 11 13",
            "23:mMin = 1",
        ),
        description="A (50 GeV) -> Z* Z* -> 4 l",
    ),
    "leptoquark": Process(
        ("LeptoQuark:all = on", "42:m0 = 80", "42:0:products = 5 -15"),
        description="scalar leptoquark (80 GeV) -> b tau",
    ),
    "hToTauTau": Process(
        ("HiggsSM:gg2H = on", "25:m0 = 60", "25:onMode = off", "25:onIfMatch = 15 -15"),
        description="neutral scalar h0 (60 GeV) -> tau tau",
    ),
    "hChToTauNu": Process(
        (
            "Higgs:useBSM = on",
            "HiggsBSM:ffbar2H+- = on",
            "37:m0 = 60",
            "37:onMode = off",
            "37:onIfAny = 15 16",
            "15:onMode = off",
            "15:onIfAny = 11 13",
        ),
        description="charged scalar h+- (60 GeV) -> tau nu, tau -> l nu nu forced (the only decays the lepton filter keeps)",
    ),
    # --- SM processes absent from the training cocktail (pseudo-outliers, never evaluation signals) ---
    "diboson": Process(("WeakDoubleBoson:all = on",), description="WW, WZ, ZZ"),
    "single_top": Process(
        ("Top:qq2tq(t:W) = on", "Top:ffbar2tqbar(s:W) = on"),
        description="single top (t- and s-channel)",
    ),
}

# Public-set composition of the training cocktail (Govorkova et al. 2022): fractions of events.
COCKTAIL = {"W": 0.592, "QCD": 0.338, "Z": 0.067, "ttbar": 0.003}

SAMPLES: dict[str, dict[str, float]] = {
    "background": COCKTAIL,
    "Ato4l": {"Ato4l": 1.0},
    "leptoquark": {"leptoquark": 1.0},
    "hToTauTau": {"hToTauTau": 1.0},
    "hChToTauNu": {"hChToTauNu": 1.0},
    "outliers": {"diboson": 0.5, "single_top": 0.5},
}

DEFAULT_DETECTOR = {
    "ele_pt_min": 3.0,
    "ele_eta_max": 3.0,
    "ele_res": 0.03,
    "mu_pt_min": 3.0,
    "mu_eta_max": 2.1,
    "mu_res": 0.02,
    "jet_pt_min": 15.0,
    "jet_eta_max": 4.0,
    "jet_stoch": 1.0,
    "jet_const": 0.05,
    "met_eta_max": 4.9,
    "met_res": 0.5,
    "filter_pt_min": 23.0,
    "angle_res": 0.01,
}


def process_seed(seed: int, name: str) -> int:
    """Pythia seed (1 ... 900,000,000) of one process, derived from the master seed and its name."""
    return (seed * 1_000_003 + zlib.crc32(name.encode())) % 900_000_000 + 1


def split_counts(n_events: int, fractions: Mapping[str, float]) -> dict[str, int]:
    """Integer event counts per process summing to ``n_events`` (largest-remainder rounding)."""
    if n_events < 0:
        raise ValueError(f"n_events must be >= 0, got {n_events}")
    total = float(sum(fractions.values()))
    if total <= 0 or any(f < 0 for f in fractions.values()):
        raise ValueError(f"process fractions must be >= 0 with a positive sum, got {dict(fractions)}")
    exact = {k: n_events * f / total for k, f in fractions.items()}
    counts = {k: int(math.floor(v)) for k, v in exact.items()}
    rest = n_events - sum(counts.values())
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:rest]:
        counts[k] += 1
    return counts


def _eta(px: float, py: float, pz: float, pt: float) -> float:
    """Pseudorapidity exactly as Pythia's ``Particle::eta()`` computes it (same operations, glibc's log)."""
    t = math.log((math.sqrt(px * px + py * py + pz * pz) + abs(pz)) / max(1e-20, pt))
    return t if pz > 0 else -t


class EventSimulator:
    """Generates detector-level events of one process; Pythia is initialised once in the constructor.

    ``next_event()`` returns a (19, 4) array in the ADC2021 layout, or None if the event fails the
    lepton filter (or Pythia fails it).
    """

    def __init__(
        self,
        process: str,
        *,
        seed: int,
        ecm: float = 13000.0,
        mpi: bool = False,
        detector: Mapping[str, float] | None = None,
        qcd_pthat_min: float | None = None,
        batch_size: int = 256,
    ) -> None:
        import fastjet
        import pythia8mc

        if process not in PROCESSES:
            raise ValueError(f"unknown process {process!r}; known: {sorted(PROCESSES)}")
        self.process = process
        self.spec = PROCESSES[process]
        self.det = {**DEFAULT_DETECTOR, **(detector or {})}
        unknown = set(self.det) - set(DEFAULT_DETECTOR)
        if unknown:
            raise ValueError(
                f"unknown detector parameters {sorted(unknown)}; known: {sorted(DEFAULT_DETECTOR)}"
            )
        self.rng = np.random.default_rng(process_seed(seed, process + ":detector"))
        self.pythia = pythia8mc.Pythia("", False)
        common = [
            f"Beams:eCM = {ecm}",
            "Print:quiet = on",
            "Random:setSeed = on",
            f"Random:seed = {process_seed(seed, process)}",
            f"PartonLevel:MPI = {'on' if mpi else 'off'}",
        ]
        settings = list(self.spec.settings)
        if qcd_pthat_min is not None and process == "QCD":
            settings = [s for s in settings if not s.startswith("PhaseSpace:pTHatMin")]
            settings.append(f"PhaseSpace:pTHatMin = {qcd_pthat_min}")
        for s in (*common, *settings):
            if not self.pythia.readString(s):
                raise RuntimeError(f"Pythia rejected setting {s!r} of process {process}")
        if not self.pythia.init():
            raise RuntimeError(f"Pythia failed to initialise process {process}")
        self._fastjet = fastjet
        self.jet_def = fastjet.JetDefinition(fastjet.antikt_algorithm, 0.4)
        self.n_tried = 0
        self.n_accepted = 0
        self.batch_size = batch_size
        self._offsets: NDArray[np.int64] = np.zeros(1, np.int64)
        self._cols: dict[str, NDArray[Any]] = {}
        self._cursor = 0

    def _smear_pt(self, pt: NDArray[np.float64], rel: NDArray[np.float64] | float) -> NDArray[np.float64]:
        return np.clip(pt * (1.0 + rel * self.rng.standard_normal(pt.shape)), 0.0, None)

    def _smear_angles(self, eta: NDArray[np.float64], phi: NDArray[np.float64], scale: float = 1.0):
        s = self.det["angle_res"] * scale
        eta = eta + s * self.rng.standard_normal(eta.shape)
        phi = phi + s * self.rng.standard_normal(phi.shape)
        return eta, np.arctan2(np.sin(phi), np.cos(phi))

    def _refill(self) -> None:
        """Generate the next batch with Pythia's ``nextBatch`` (the event records come back as
        arrays: no Python call per particle) and flatten it to NumPy columns."""
        import awkward as ak

        batch = self.pythia.nextBatch(self.batch_size, "skip")  # failed events are skipped, as next() == False was
        prt = batch.prt
        self._offsets = np.concatenate([[0], np.cumsum(ak.to_numpy(ak.num(prt)))])
        self._cols = {
            "id": ak.to_numpy(ak.flatten(prt.id)),
            "status": ak.to_numpy(ak.flatten(prt.status)),
            **{c: ak.to_numpy(ak.flatten(prt.p[c])).astype(np.float64) for c in ("px", "py", "pz", "e")},
        }
        self._cursor = 0

    def next_event(self) -> NDArray[np.float32] | None:
        if self._cursor >= len(self._offsets) - 1:
            self._refill()
        k = self._cursor
        self._cursor += 1
        self.n_tried += 1
        sl = slice(self._offsets[k], self._offsets[k + 1])
        c = self._cols
        pid_i = c["id"][sl]
        final = (c["status"][sl] > 0) & ~np.isin(np.abs(pid_i), list(NEUTRINOS))
        if not final.any():
            return None
        d = self.det
        # the columns of the visible final-state particles, in event-record order; pT, |eta| and phi
        # as Pythia's Particle::pT(), eta(), phi() compute them (glibc's sqrt, log, atan2: the same bits)
        pid = pid_i[final].astype(np.float64)
        px, py, pz, e = (c[col][sl][final] for col in ("px", "py", "pz", "e"))
        pt = np.sqrt(px * px + py * py)
        apid = np.abs(pid)
        lepton = np.flatnonzero((apid == 11) | (apid == 13))
        eta = np.zeros(len(pid))
        eta[lepton] = [_eta(px[i], py[i], pz[i], pt[i]) for i in lepton]
        aeta = np.abs(eta)

        ele = (apid == 11) & (pt > d["ele_pt_min"]) & (aeta < d["ele_eta_max"])
        mu = (apid == 13) & (pt > d["mu_pt_min"]) & (aeta < d["mu_eta_max"])
        out = np.zeros((N_OBJECTS, N_FEATURES), dtype=np.float32)

        def fill(group: str, o_pt, o_eta, o_phi):
            first, n, code = SLOTS[group]
            order = np.argsort(-o_pt)[:n]
            k = len(order)
            out[first : first + k, 0] = o_pt[order]
            out[first : first + k, 1] = o_eta[order]
            out[first : first + k, 2] = o_phi[order]
            out[first : first + k, 3] = code

        e_pt = self._smear_pt(pt[ele], d["ele_res"])
        m_pt = self._smear_pt(pt[mu], d["mu_res"])
        keep_e = e_pt > d["ele_pt_min"]
        keep_m = m_pt > d["mu_pt_min"]
        if self.spec.lepton_filter:
            lead = max([*e_pt[keep_e], *m_pt[keep_m], 0.0])
            if lead <= d["filter_pt_min"]:
                return None
        eta = np.array([_eta(*v) for v in zip(px, py, pz, pt, strict=True)])  # every particle: jets, MET
        aeta = np.abs(eta)
        phi = np.zeros(len(pid))
        phi[lepton] = [math.atan2(py[i], px[i]) for i in lepton]
        fill("Ele", e_pt[keep_e], *self._smear_angles(eta[ele][keep_e], phi[ele][keep_e]))
        fill("Mu", m_pt[keep_m], *self._smear_angles(eta[mu][keep_m], phi[mu][keep_m]))

        # jets: anti-kT R=0.4 on the visible particles that are not reconstructed leptons
        cand = ~(ele | mu) & (aeta < d["jet_eta_max"])
        fj = self._fastjet
        inputs = [
            fj.PseudoJet(float(x), float(y), float(z), float(en))
            for x, y, z, en in zip(px[cand], py[cand], pz[cand], e[cand])
        ]
        if inputs:
            cs = fj.ClusterSequence(inputs, self.jet_def)
            jets = cs.inclusive_jets(0.5 * d["jet_pt_min"])
            if jets:
                j = np.array([(jt.pt(), jt.eta(), jt.phi_std()) for jt in jets], dtype=np.float64)
                jpt = j[:, 0]
                rel = np.hypot(d["jet_stoch"] / np.sqrt(np.maximum(jpt, 1e-3)), d["jet_const"])
                jpt = self._smear_pt(jpt, rel)
                keep = jpt > d["jet_pt_min"]
                fill("Jet", jpt[keep], *self._smear_angles(j[keep, 1], j[keep, 2], scale=5.0))

        # MET: minus the vector sum of visible particles, smeared with sqrt(sum ET)
        vis = aeta < d["met_eta_max"]
        mex, mey = -px[vis].sum(), -py[vis].sum()
        sigma = d["met_res"] * math.sqrt(max(pt[vis].sum(), 0.0))
        mex += sigma * self.rng.standard_normal()
        mey += sigma * self.rng.standard_normal()
        out[0] = (math.hypot(mex, mey), 0.0, math.atan2(mey, mex), 1)
        self.n_accepted += 1
        return out


def simulate_sample(
    fractions: Mapping[str, float],
    n_events: int,
    *,
    seed: int,
    ecm: float = 13000.0,
    mpi: bool = False,
    detector: Mapping[str, float] | None = None,
    qcd_pthat_min: float | None = None,
    max_tries_factor: float = 200.0,
    progress: bool = True,
) -> tuple[NDArray[np.float32], NDArray[np.int16], dict[str, dict[str, float]]]:
    """``n_events`` accepted events mixed from ``fractions`` (process -> fraction).

    Returns (particles (N, 19, 4), process index per event (order of ``fractions``), per-process
    statistics: accepted, tried, filter efficiency, generation rate). Events are shuffled with the seed.
    """
    import time

    from tqdm import tqdm

    unknown = set(fractions) - set(PROCESSES)
    if unknown:
        raise ValueError(f"unknown processes {sorted(unknown)}; known: {sorted(PROCESSES)}")
    counts = split_counts(n_events, fractions)
    names = list(fractions)
    chunks, labels, stats = [], [], {}
    for idx, name in enumerate(names):
        n = counts[name]
        if n == 0:
            continue
        t0 = time.perf_counter()
        sim = EventSimulator(
            name, seed=seed, ecm=ecm, mpi=mpi, detector=detector, qcd_pthat_min=qcd_pthat_min
        )
        got: list[NDArray[np.float32]] = []
        limit = int(max_tries_factor * n) + 100
        with tqdm(total=n, desc=name, disable=not progress, leave=False) as bar:
            while len(got) < n:
                if sim.n_tried >= limit:
                    raise RuntimeError(
                        f"process {name}: only {len(got)} of {n} events passed the selection in {sim.n_tried} tries "
                        f"(efficiency below 1/{max_tries_factor:g}); loosen the lepton filter or raise max_tries_factor"
                    )
                ev = sim.next_event()
                if ev is not None:
                    got.append(ev)
                    bar.update(1)
                    if len(got) % max(1, n // 5) == 0 and len(got) < n:
                        log.info("%s: %d / %d events accepted (%d tried)", name, len(got), n, sim.n_tried)
        dt = time.perf_counter() - t0
        stats[name] = {
            "accepted": n,
            "tried": sim.n_tried,
            "efficiency": n / sim.n_tried,
            "generated_per_s": sim.n_tried / dt,
            "lepton_filter": PROCESSES[name].lepton_filter,
        }
        log.info(
            "%s: %d events accepted of %d tried (%.1f %%), %.0f generated/s",
            name,
            n,
            sim.n_tried,
            100 * n / sim.n_tried,
            sim.n_tried / dt,
        )
        chunks.append(np.stack(got))
        labels.append(np.full(n, idx, dtype=np.int16))
    if not chunks:
        return np.zeros((0, N_OBJECTS, N_FEATURES), np.float32), np.zeros(0, np.int16), stats
    x = np.concatenate(chunks)
    y = np.concatenate(labels)
    perm = np.random.default_rng(process_seed(seed, "shuffle:" + ",".join(names))).permutation(len(x))
    return x[perm], y[perm], stats


def sample_plan(sample: str, sim: Mapping[str, Any]) -> tuple[int, dict[str, float] | None]:
    """(events to simulate, process mix or None for the sample's own) of ``sample`` under the
    config's ``anomaly_kd_l1.simulation`` block."""
    if sample not in SAMPLES:
        raise ValueError(f"unknown sample {sample!r}; known: {sorted(SAMPLES)}")
    if sample == "background":
        return int(sim["n_background"]), dict(sim["cocktail"])
    if sample == "outliers":
        return int(sim["n_outliers"]), None
    return int(sim["n_signal"]), None


def write_sample(
    sample: str,
    path: str,
    *,
    n_events: int,
    seed: int,
    fractions: Mapping[str, float] | None = None,
    ecm: float = 13000.0,
    mpi: bool = False,
    detector: Mapping[str, float] | None = None,
    qcd_pthat_min: float | None = None,
    progress: bool = True,
) -> dict[str, object]:
    """Simulate one sample of :data:`SAMPLES` (``fractions`` overrides its process mix) and write it
    in the ADC2021 layout, with a per-event ``process`` dataset and the generation record as attributes."""
    import json

    import pythia8mc

    from .layout import write_particles

    if sample not in SAMPLES:
        raise ValueError(f"unknown sample {sample!r}; known: {sorted(SAMPLES)}")
    mix = dict(fractions or SAMPLES[sample])
    x, labels, stats = simulate_sample(
        mix,
        n_events,
        seed=seed,
        ecm=ecm,
        mpi=mpi,
        detector=detector,
        qcd_pthat_min=qcd_pthat_min,
        progress=progress,
    )
    record = {
        "sample": sample,
        "processes": json.dumps({k: PROCESSES[k].description for k in mix}),
        "process_index": json.dumps(list(mix)),
        "fractions": json.dumps(mix),
        "stats": json.dumps(stats),
        "seed": seed,
        "ecm": ecm,
        "mpi": mpi,
        "detector": json.dumps({**DEFAULT_DETECTOR, **(detector or {})}),
        "generator": f"pythia8mc {getattr(pythia8mc, '__version__', 'unknown')} + fastjet anti-kT R=0.4",
    }
    write_particles(path, x, attrs=record, extra={"process": labels})
    return {"n_events": int(len(x)), "stats": stats}
