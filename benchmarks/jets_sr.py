"""Benchmarks of the jets_sr study (``make bench``): jets simulated per second (Pythia8 + FastJet +
features, one core) and the SR search time per class (pyoperon with the margin and latency
objectives, one thread, up to the largest complexity).

Writes ``jets_simulation.json`` and ``jets_sr_time.json`` under ``out_dir``.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
from trigml.config import load_schema
from trigml.files import write_json
from trigml.jets_sr.engines import OperonEngine
from trigml.jets_sr.features import CLASSES, FEATURES
from trigml.jets_sr.settings import LUTSettings, SRSettings
from trigml.jets_sr.simulate import JetSimConfig, class_seed, simulate_class
from trigml.jets_sr.sr import DEFAULT_OPERATOR_COMPLEXITY

log = logging.getLogger(__name__)


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    out_dir = Path(out_dir)
    n_per_class = 8 if quick else 100
    sim = load_schema("jets_sr.schema.yaml")["properties"]["data"]["properties"]["simulation"]["properties"]
    cfg = JetSimConfig(
        **{k: v["default"] for k, v in sim.items() if k != "jets_per_class"}
    )  # the schema's defaults
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
    settings = SRSettings(
        engine="pyoperon", features=["mass_mmdt"], n_train=len(y), complexities=[5, 10, 20, 40],
        operators=["add", "sub", "mul", "sin", "sc"], operator_complexity=dict(DEFAULT_OPERATOR_COMPLEXITY),
        generations=20 if quick else 60, population_size=100 if quick else 300, max_time=None,
        require_hls_range=True, hls_complexities=[40], complexity_source="table", restarts=1,
    )  # fmt: skip
    engine = OperonEngine(settings=settings, lut=LUTSettings(table_size=256, lo=-8.0, hi=8.0))
    seconds: dict[str, float] = {}
    for k, c in enumerate(CLASSES):
        t0 = time.perf_counter()
        engine.fit(X, np.where(y == k, 1.0, -1.0), max_complexity=40, seed=k)
        seconds[c] = time.perf_counter() - t0
    sr_path = out_dir / "jets_sr_time.json"
    write_json(sr_path, {
        "what": "pyoperon wall time per class (margin + latency objectives, complexity <= 40), one thread",
        "n_jets": int(len(y)), "generations": settings.generations, "population_size": settings.population_size,
        "seconds": seconds, "load_average_1min": os.getloadavg()[0],
    })  # fmt: skip
    return [sim_path, sr_path]
