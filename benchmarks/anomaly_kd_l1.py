"""Benchmarks of the L1 half (``make bench``): simulation speed per process, teacher vs student
inference time on the CPU (batch 1 and 1024), and hls4ml C-simulation throughput of the student."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np
from trigml.files import write_json

log = logging.getLogger(__name__)


def _simulation(quick: bool) -> dict[str, object]:
    from trigml.anomaly_kd_l1.simulate import PROCESSES, EventSimulator

    n = 50 if quick else 500
    out: dict[str, object] = {"events_tried_per_process": n}
    for name in PROCESSES:
        t0 = time.perf_counter()
        sim = EventSimulator(name, seed=1)
        t_init = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(n):
            sim.next_event()
        dt = time.perf_counter() - t0
        out[name] = {
            "init_s": t_init,
            "generated_per_s": n / dt,
            "accepted_per_s": sim.n_accepted / dt,
            "filter_efficiency": sim.n_accepted / n,
        }
        log.info("%s: %.0f generated/s, %.1f accepted/s", name, n / dt, sim.n_accepted / dt)
    return out


def _time_call(fn, x, repeat: int) -> float:
    fn(x)  # warm-up (tracing)
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn(x)
    return (time.perf_counter() - t0) / repeat


def _inference(out_dir: Path, quick: bool) -> dict[str, object]:
    from trigml.hardware.hls4ml import quiet_tensorflow

    quiet_tensorflow()
    import tensorflow as tf
    from trigml.anomaly_kd_l1 import hls, models

    teacher = models.teacher_autoencoder(hidden=(128, 64), latent=16)
    student = models.student_regressor(hidden=(16, 8))
    rng = np.random.default_rng(0)
    res: dict[str, object] = {
        "teacher_params": models.n_params(teacher),
        "student_params": models.n_params(student),
    }
    repeat = 20 if quick else 200
    for name, m in (("teacher", teacher), ("student", student)):
        for batch in (1, 1024):
            x = rng.uniform(0, 1, (batch, 57)).astype(np.float32)
            fn = tf.function(lambda v, m=m: m(v, training=False))  # graph mode: no eager per-op overhead
            sec = _time_call(fn, tf.constant(x), repeat)
            res[f"{name}_batch{batch}_us_per_event"] = 1e6 * sec / batch
    hm = hls.convert(student, out_dir / "anomaly_l1_hls_bench")
    x = rng.uniform(0, 1, (1024 if quick else 10000, 57)).astype(np.float32)
    sec = _time_call(hm.predict, x, 1 if quick else 3)
    res["csim_events_per_s"] = len(x) / sec
    return res


def run(out_dir: Path, quick: bool) -> list[Path]:
    """Write ``anomaly_l1_simulation.json`` and ``anomaly_l1_inference.json`` under ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sim = out_dir / "anomaly_l1_simulation.json"
    write_json(sim, _simulation(quick))
    inf = out_dir / "anomaly_l1_inference.json"
    write_json(inf, _inference(out_dir, quick))
    return [sim, inf]
