"""Jets at pT ≈ 1 TeV from Pythia 8 (13 TeV pp), clustered with FastJet, in the dataset's format.

One generator per class, initialised once per call:

* ``g``: QCD 2→2 with gluons out (gg→gg, qq̄→gg), the leading jet matched to an outgoing gluon;
* ``q``: QCD 2→2 with light quarks out (qq→qq, qq̄→q'q̄', gg→qq̄ with u, d, s), matched to a
  light quark;
* ``w`` / ``z``: a boosted W / Z recoiling against a parton (qq̄→Vg, qg→Vq), V → hadrons;
* ``t``: tt̄ with W → hadrons, matched to a top quark.

Final-state visible particles (no neutrinos) are clustered with anti-kT R = 0.8; the leading jet is
kept when its pT lies in the window and it lies within ``match_dr`` of the generated object of its
class. The features are those of :mod:`trigml.jets_sr.features`. Events are generator-level (no
detector), which is the main difference to the public dataset (see the study README).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .features import CLASSES, FEATURES, jet_features

log = logging.getLogger(__name__)

HADRONIC = "onIfAny = 1 2 3 4 5"

PROCESSES: dict[str, list[str]] = {
    "g": ["HardQCD:gg2gg = on", "HardQCD:qqbar2gg = on"],
    "q": [
        "HardQCD:qq2qq = on",
        "HardQCD:qqbar2qqbarNew = on",
        "HardQCD:gg2qqbar = on",
        "HardQCD:nQuarkNew = 3",
    ],
    "w": [
        "WeakBosonAndParton:qqbar2Wg = on",
        "WeakBosonAndParton:qg2Wq = on",
        "24:onMode = off",
        f"24:{HADRONIC}",
    ],
    "z": [
        "WeakBosonAndParton:qqbar2gmZg = on",
        "WeakBosonAndParton:qg2gmZq = on",
        "WeakZ0:gmZmode = 2",
        "23:onMode = off",
        f"23:{HADRONIC}",
    ],
    "t": ["Top:gg2ttbar = on", "Top:qqbar2ttbar = on", "24:onMode = off", f"24:{HADRONIC}"],
}
"""Pythia settings that select each class's hard process."""

TRUTH_IDS: dict[str, set[int]] = {"g": {21}, "q": {1, 2, 3}, "w": {24}, "z": {23}, "t": {6}}
"""|PDG id| of the hard-process object a jet of each class must be matched to."""

QUIET = [
    "Next:numberCount = 0",
    "Next:numberShowEvent = 0",
    "Next:numberShowInfo = 0",
    "Next:numberShowProcess = 0",
    "Init:showChangedSettings = off",
    "Init:showChangedParticleData = off",
    "Init:showProcesses = off",
    "Print:quiet = on",
]


@dataclass(frozen=True)
class JetSimConfig:
    """What to simulate (the ``jets_sr.data.simulation`` config block, without ``jets_per_class``;
    the defaults are the schema's). ``extra_settings``: more Pythia settings (tests, studies)."""

    ecm: float
    pthat_min: float
    pthat_max: float
    jet_pt_min: float
    jet_pt_max: float
    jet_abs_eta_max: float
    radius: float
    zcut: float
    match_dr: float
    extra_settings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not 0 < self.pthat_min < self.pthat_max:
            raise ValueError(f"need 0 < pthat_min < pthat_max, got {self.pthat_min}, {self.pthat_max}")
        if not 0 < self.jet_pt_min < self.jet_pt_max:
            raise ValueError(f"need 0 < jet_pt_min < jet_pt_max, got {self.jet_pt_min}, {self.jet_pt_max}")
        if self.radius <= 0 or self.match_dr <= 0:
            raise ValueError("radius and match_dr must be positive")


def make_pythia(jet_class: str, cfg: JetSimConfig, seed: int):  # type: ignore[no-untyped-def]
    """An initialised Pythia generator for one class (done once per job: ≈ 1 s)."""
    import pythia8mc

    if jet_class not in PROCESSES:
        raise ValueError(f"unknown jet class {jet_class!r}; expected one of {CLASSES}")
    if not 0 <= seed <= 900_000_000:
        raise ValueError(f"Pythia seeds must be in [0, 900000000], got {seed}")
    py = pythia8mc.Pythia("", False)
    settings = [
        f"Beams:eCM = {cfg.ecm}",
        f"PhaseSpace:pTHatMin = {cfg.pthat_min}",
        f"PhaseSpace:pTHatMax = {cfg.pthat_max}",
        "Random:setSeed = on",
        f"Random:seed = {seed}",
        *PROCESSES[jet_class],
        *QUIET,
        *cfg.extra_settings,
    ]
    for s in settings:
        if not py.readString(s):
            raise ValueError(f"Pythia rejected the setting {s!r}")
    if not py.init():
        raise RuntimeError(f"Pythia failed to initialise for class {jet_class!r}")
    return py


def _truth_directions(process, ids: set[int]) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """(y, φ) of the outgoing hard-process objects whose |id| is in ``ids``."""
    out = []
    for i in range(process.size()):
        p = process[i]
        if abs(p.id()) in ids and abs(p.status()) in (22, 23):
            out.append((p.y(), p.phi()))
    return out


def _dr(y1: float, phi1: float, y2: float, phi2: float) -> float:
    dphi = (phi1 - phi2 + np.pi) % (2 * np.pi) - np.pi
    return float(np.hypot(y1 - y2, dphi))


def generate_class(
    jet_class: str, n_jets: int, cfg: JetSimConfig, seed: int, *, max_tries_factor: int = 50
) -> Iterator[dict[str, float]]:
    """Yield the features of ``n_jets`` selected jets of one class (one generator for all)."""
    import fastjet as fj
    import pythia8mc

    if n_jets < 0:
        raise ValueError(f"n_jets must be ≥ 0, got {n_jets}")
    py = make_pythia(jet_class, cfg, seed)
    # anti-kT on the visible final state inside Pythia (its SlowJet with the bundled fjcore: the
    # same clustering as FastJet, without a Python loop over ~1,000 particles per event)
    slow = pythia8mc.SlowJet(-1, cfg.radius, 0.5 * cfg.jet_pt_min, 25.0, 2, 2, None, True)
    ids = TRUTH_IDS[jet_class]
    made = tried = 0
    while made < n_jets:
        tried += 1
        if tried > max_tries_factor * max(n_jets, 10):
            raise RuntimeError(
                f"class {jet_class}: only {made} of {n_jets} jets passed the selection after {tried - 1} events; "
                "widen the jet pT window or the pT-hat range"
            )
        if not py.next() or not slow.analyze(py.event) or slow.sizeJet() == 0:
            continue
        pt, rap, phi = slow.pT(0), slow.y(0), slow.phi(0)
        if not (cfg.jet_pt_min <= pt <= cfg.jet_pt_max) or abs(slow.p(0).eta()) > cfg.jet_abs_eta_max:
            continue
        truth = _truth_directions(py.process, ids)
        if not any(_dr(rap, phi, y, p) < cfg.match_dr for y, p in truth):
            continue
        made += 1
        event = py.event
        constituents = [
            fj.PseudoJet(event[i].px(), event[i].py(), event[i].pz(), event[i].e())
            for i in slow.constituents(0)
        ]
        yield jet_features(constituents, zcut=cfg.zcut, radius=cfg.radius)
    log.info(
        "class %s: %d jets from %d events (selection efficiency %.2f)",
        jet_class,
        made,
        tried,
        made / max(tried, 1),
    )


def simulate_class(
    jet_class: str, n_jets: int, cfg: JetSimConfig, seed: int
) -> tuple[pd.DataFrame, dict[str, float]]:
    """A DataFrame of ``n_jets`` jets of one class (16 float32 features + ``class``) and timing info."""
    t0, c0 = time.perf_counter(), time.process_time()
    rows = list(generate_class(jet_class, n_jets, cfg, seed))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    df = pd.DataFrame(rows, columns=FEATURES).astype(np.float32)
    df["class"] = jet_class
    stats = {
        "class": jet_class,
        "n_jets": n_jets,
        "wall_s": wall,
        "cpu_s": cpu,
        "jets_per_s": n_jets / wall if wall > 0 else 0.0,
        "jets_per_cpu_s": n_jets / cpu if cpu > 0 else 0.0,
    }
    log.info("class %s: %d jets in %.1f s (%.1f jets/s)", jet_class, n_jets, wall, stats["jets_per_s"])
    return df, stats


def simulate_to_files(
    jet_class: str, n_jets: int, cfg: JetSimConfig, seed: int, out_parquet: str, out_json: str
) -> None:
    """Simulate one class and write its parquet and its timing JSON (atomically)."""
    from trigml.files import write_json

    from .dataset import write_jets

    df, stats = simulate_class(jet_class, n_jets, cfg, seed)
    write_jets(df, out_parquet)
    write_json(out_json, {**stats, "seed": seed, "config": vars(cfg)})


def class_seed(seed: int, jet_class: str) -> int:
    """A distinct, reproducible Pythia seed per class."""
    return (int(seed) * 7919 + 104729 * (CLASSES.index(jet_class) + 1)) % 900_000_000


def merge_classes(
    parquets: list[str], stats: list[str], out_parquet: str, out_json: str, *, seed: int = 0
) -> pd.DataFrame:
    """Concatenate the per-class files (shuffled, seeded) into the dataset; sum up the timing."""
    from trigml.files import read_json, write_json

    from .dataset import read_jets, write_jets

    if not parquets:
        raise ValueError("no per-class jet files to merge")
    df = pd.concat([read_jets(p) for p in parquets], ignore_index=True)
    df = df.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    write_jets(df, out_parquet)
    per_class = [read_json(s) for s in stats]
    total_jets = sum(s["n_jets"] for s in per_class)
    total_wall = sum(s["wall_s"] for s in per_class)
    write_json(
        out_json,
        {
            "n_jets": total_jets,
            "wall_s": total_wall,
            "jets_per_s_one_core": total_jets / total_wall if total_wall > 0 else 0.0,
            "cpu_s": sum(s["cpu_s"] for s in per_class),
            "jets_per_cpu_s": total_jets / max(sum(s["cpu_s"] for s in per_class), 1e-9),
            "per_class": per_class,
        },
    )
    return df
