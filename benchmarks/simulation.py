"""Benchmark of the TrackML-like simulation: CPU seconds per μ = 200 event, and byte-identical files.

Run with ``make bench`` (``python -m benchmarks --only simulation``). Pythia8's initialisation (the
multiparton-interaction tables, once per job) is timed apart from the per-event cost. Per event the
benchmark times what the ``simulate_trackml`` rule does: simulate the bunch crossing (Pythia8 hard
process + pileup, propagation, hits, cells, weights) and write its four challenge CSV files. The
headline ``s_per_event`` is process CPU seconds of the simulation (as measured before issue 17:
1.07 s), ``s_per_event_with_write`` adds writing the files; CPU time depends far less than wall time
(reported too, with the 1-minute load average) on other load on a shared machine. Peak memory: the process's maximum
resident set size, and the Python-allocation peak (``tracemalloc``) of one more event simulated after
the timed ones (tracing every allocation slows the Python-heavy parts, so it stays out of the timing).

``identical``: a second simulator with the same seed, fresh from initialisation, writes one of the
events again (alone, not after the others): its four files must equal the first run's byte for byte.
"""

from __future__ import annotations

import os
import platform
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from trigml.data.simulation.events import TrackMLSimulator
from trigml.data.simulation.settings import SimulationSettings
from trigml.data.trackml import write_event
from trigml.files import write_json

__all__ = ["run", "measure", "identical_for_same_seed", "same_files"]

TARGET_S_PER_EVENT = 1.0


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def measure(mu: float, n_events: int, seed: int = 20211, out_dir: Path | None = None) -> dict[str, float]:
    """Simulate ``n_events`` at ``mu`` (default settings otherwise) and write each to ``out_dir``
    (a temporary folder if None); time and memory per event after the initialisation."""
    settings = SimulationSettings(mu=mu)
    w0, c0 = _clocks()
    sim = TrackMLSimulator(settings, seed)
    init_s, init_cpu = time.perf_counter() - w0, time.process_time() - c0
    sim_s = sim_cpu = write_s = write_cpu = 0.0
    n_hits = n_particles = 0
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(out_dir) if out_dir is not None else Path(tmp)
        for event_id in range(n_events):
            w0, c0 = _clocks()
            ev = sim.event(event_id)
            w1, c1 = _clocks()
            write_event(target, event_id, ev["hits"], ev["cells"], ev["particles"], ev["truth"])
            w2, c2 = _clocks()
            sim_s, sim_cpu = sim_s + w1 - w0, sim_cpu + c1 - c0
            write_s, write_cpu = write_s + w2 - w1, write_cpu + c2 - c1
            n_hits += len(ev["hits"])
            n_particles += len(ev["particles"])
    tracemalloc.start()
    sim.event(n_events)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total_s, total_cpu = sim_s + write_s, sim_cpu + write_cpu
    return {
        "mu": mu,
        "n_events": n_events,
        "init_s": round(init_s, 2),
        "init_cpu_s": round(init_cpu, 2),
        "cpu_seconds_per_event": round(total_cpu / n_events, 3),
        "seconds_per_event": round(total_s / n_events, 3),
        "events_per_second": round(n_events / total_s, 3),
        "events_per_cpu_second": round(n_events / total_cpu, 3),
        "simulate_cpu_seconds_per_event": round(sim_cpu / n_events, 3),
        "write_cpu_seconds_per_event": round(write_cpu / n_events, 3),
        "simulate_seconds_per_event": round(sim_s / n_events, 3),
        "write_seconds_per_event": round(write_s / n_events, 3),
        "hits_per_event": n_hits / n_events,
        "particles_per_event": n_particles / n_events,
        "peak_python_alloc_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _event_files(folder: Path, event_id: int) -> dict[str, bytes]:
    """The bytes of event ``event_id``'s files in ``folder``, by file name."""
    return {p.name: p.read_bytes() for p in sorted(Path(folder).glob(f"event{event_id:09d}-*"))}


def same_files(folder: Path, reference: Path, event_id: int) -> bool:
    """True if event ``event_id``'s four files in ``folder`` and ``reference`` are byte-identical."""
    mine = _event_files(folder, event_id)
    return len(mine) == 4 and mine == _event_files(reference, event_id)


def identical_for_same_seed(mu: float, seed: int = 20211, event_id: int = 7,
                            reference: Path | None = None) -> bool:  # fmt: skip
    """A fresh simulator with ``seed`` writes event ``event_id``; True if its four files equal
    those in ``reference`` (written by another simulator with the same seed, possibly among other
    events), or, without ``reference``, those of a second fresh simulator."""
    with tempfile.TemporaryDirectory() as tmp:
        folders = [Path(tmp) / "a", Path(tmp) / "b"]
        for folder in folders if reference is None else folders[:1]:
            ev = TrackMLSimulator(SimulationSettings(mu=mu), seed).event(event_id)
            write_event(folder, event_id, ev["hits"], ev["cells"], ev["particles"], ev["truth"])
        return same_files(folders[0], folders[1] if reference is None else Path(reference), event_id)


def run(out_dir: Path, quick: bool) -> list[Path]:
    mu, n = (20.0, 2) if quick else (200.0, 6)
    seed = 20211
    with tempfile.TemporaryDirectory() as tmp:
        timing = measure(mu, n, seed, out_dir=Path(tmp))
        identical = identical_for_same_seed(mu, seed, event_id=n - 1, reference=Path(tmp))
    results = {
        "benchmark": "TrackML-like simulation: CPU s per event after Pythia's initialisation (s_per_event), "
        "and with writing the four challenge CSV files (s_per_event_with_write); same-seed files byte-identical",
        "s_per_event": timing["simulate_cpu_seconds_per_event"],
        "s_per_event_with_write": timing["cpu_seconds_per_event"],
        "identical": identical,
        "target_s_per_event": TARGET_S_PER_EVENT,
        "meets_target": timing["simulate_cpu_seconds_per_event"] <= TARGET_S_PER_EVENT and identical,
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
        "load_average_1min": round(os.getloadavg()[0], 2),
        "note": f"mu = {mu:g} (the default config's mu is 200; --quick: 20), strips on, every other setting "
        "the default; one process, one thread",
        f"mu_{mu:g}": timing,
    }
    path = Path(out_dir) / "simulation.json"
    write_json(path, results)
    return [path]
