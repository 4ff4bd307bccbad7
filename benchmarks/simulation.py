"""Benchmark of the simulation: events per second and peak memory at the default μ and at μ = 200.

Run with ``make bench`` (``python -m benchmarks --only simulation``). Initialisation (Pythia8's
multiparton-interaction tables) is timed separately from the per-event cost, in wall-clock and in
process CPU time (the latter does not depend on other load on the machine); peak memory is the
process's maximum resident set size (``resource.getrusage``) and the Python-allocation peak
(``tracemalloc``) over the event loop.
"""

from __future__ import annotations

import os
import platform
import resource
import time
import tracemalloc
from pathlib import Path

from trigml.data.simulation.events import TrackMLSimulator
from trigml.data.simulation.settings import SimulationSettings
from trigml.files import write_json

__all__ = ["run", "measure"]


def measure(mu: float, n_events: int, seed: int = 20211) -> dict[str, float]:
    """Simulate ``n_events`` at ``mu`` (default settings otherwise) in memory; time and memory."""
    settings = SimulationSettings(mu=mu)
    t0, c0 = time.perf_counter(), time.process_time()
    sim = TrackMLSimulator(settings, seed)
    init_s, init_cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    n_hits = n_particles = 0
    for event_id in range(n_events):
        ev = sim.event(event_id)
        n_hits += len(ev["hits"])
        n_particles += len(ev["particles"])
    loop_s, loop_cpu = time.perf_counter() - t0, time.process_time() - c0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "mu": mu,
        "n_events": n_events,
        "init_s": round(init_s, 2),
        "init_cpu_s": round(init_cpu, 2),
        "seconds_per_event": round(loop_s / n_events, 3),
        "events_per_second": round(n_events / loop_s, 3),
        "cpu_seconds_per_event": round(loop_cpu / n_events, 3),
        "events_per_cpu_second": round(n_events / loop_cpu, 3),
        "hits_per_event": n_hits / n_events,
        "particles_per_event": n_particles / n_events,
        "peak_python_alloc_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def identical_for_same_seed(mu: float, seed: int = 20211, event_id: int = 7) -> bool:
    """Two simulators with the same seed write byte-identical CSV files for the same event."""
    from trigml.data.trackml.io import _to_csv_bytes

    texts = []
    for _ in range(2):
        ev = TrackMLSimulator(SimulationSettings(mu=mu), seed).event(event_id)
        texts.append([_to_csv_bytes(ev[part]) for part in ("hits", "cells", "particles", "truth")])
    return texts[0] == texts[1]


def run(out_dir: Path, quick: bool) -> list[Path]:
    n = 2 if quick else 6
    mu200 = measure(200.0, n)
    results = {
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
        },
        "note": "strips on, all default settings except mu (the default config's mu is 200); one process, "
        "one thread; cpu_seconds_per_event after Pythia's initialisation",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "mu_200": mu200,
        "target_cpu_seconds_per_event": 1.0,
        "meets_target": mu200["cpu_seconds_per_event"] <= 1.0,
        "byte_identical_same_seed": identical_for_same_seed(20.0 if quick else 200.0),
    }
    path = Path(out_dir) / "simulation.json"
    write_json(path, results)
    return [path]
