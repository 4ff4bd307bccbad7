"""Benchmarks of the jets_sr study (``make bench``): jets simulated per second (Pythia8 + FastJet +
features, one core) and SR wall time per class vs maximum complexity (pyoperon, one thread).

Writes ``jets_simulation.json`` and ``jets_sr_time.json`` under ``out_dir``.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
from trigml.files import write_json
from trigml.jets_sr.features import CLASSES, FEATURES
from trigml.jets_sr.simulate import JetSimConfig, class_seed, simulate_class
from trigml.jets_sr.sr import OperonEngine

log = logging.getLogger(__name__)


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    out_dir = Path(out_dir)
    n_per_class = 8 if quick else 100
    cfg = JetSimConfig()
    frames, per_class = [], []
    for c in CLASSES:
        df, stats = simulate_class(c, n_per_class, cfg, class_seed(1, c))
        frames.append(df)
        per_class.append(stats)
    total = sum(s["wall_s"] for s in per_class)
    sim_path = out_dir / "jets_simulation.json"
    write_json(sim_path, {
        "what": "selected jets per second on one core: Pythia8 13 TeV event + anti-kT R=0.8 + mMDT + 16 features",
        "n_jets_per_class": n_per_class, "per_class": per_class,
        "jets_per_s": len(CLASSES) * n_per_class / total, "cpu_count": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
    })  # fmt: skip

    data = pd.concat(frames, ignore_index=True)
    X = data[FEATURES].to_numpy(np.float64)
    X = (X - X.mean(0)) / np.where(X.std(0) > 0, X.std(0), 1.0)
    X = X[
        :,
        [
            FEATURES.index(f)
            for f in ("mass_mmdt", "multiplicity", "zlogz", "c1_b0_mmdt", "c2_b1_mmdt", "d2_b1_mmdt")
        ],
    ]
    y = data["class"].map({c: i for i, c in enumerate(CLASSES)}).to_numpy()
    complexities = [5, 10, 20] if quick else [5, 10, 20, 40]
    engine = OperonEngine(generations=20 if quick else 60, population_size=100 if quick else 300)
    seconds: dict[str, dict[str, float]] = {}
    for k, c in enumerate(CLASSES):
        t = np.where(y == k, 1.0, -1.0)
        seconds[c] = {}
        for cmax in complexities:
            t0 = time.perf_counter()
            engine.fit(X, t, max_complexity=cmax, seed=k)
            seconds[c][str(cmax)] = time.perf_counter() - t0
    sr_path = out_dir / "jets_sr_time.json"
    write_json(sr_path, {
        "what": "pyoperon wall time per (class, max complexity) run, one thread",
        "n_jets": int(len(y)), "generations": engine.generations, "population_size": engine.population_size,
        "seconds": seconds, "load_average_1min": os.getloadavg()[0],
    })  # fmt: skip
    return [sim_path, sr_path]
