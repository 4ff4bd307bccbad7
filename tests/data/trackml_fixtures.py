"""Tiny TrackML events built in memory for the data tests (no committed data files)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def make_event(
    n_particles: int = 6, hits_per_particle: int = 5, n_noise: int = 3, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A consistent event in the challenge format: hits, cells, particles, truth.

    Values have many significant digits (float32 round trips are tested with them); particle ids
    are large int64 values as in the challenge; weights sum to 1 over particle hits.
    """
    rng = np.random.default_rng(seed)
    pids = (rng.integers(1, 2**50, n_particles, dtype=np.int64) << 10) | 1
    n_hits = n_particles * hits_per_particle + n_noise
    hit_id = np.arange(1, n_hits + 1, dtype=np.int64)
    pid_of_hit = np.concatenate([np.repeat(pids, hits_per_particle), np.zeros(n_noise, dtype=np.int64)])
    perm = rng.permutation(n_hits)  # hits are not grouped by particle in real files
    pid_of_hit = pid_of_hit[perm]
    xyz = rng.normal(0, 300, (n_hits, 3)).astype(np.float32)
    hits = pd.DataFrame(
        {
            "hit_id": hit_id,
            "x": xyz[:, 0],
            "y": xyz[:, 1],
            "z": xyz[:, 2],
            "volume_id": rng.choice([7, 8, 9], n_hits).astype(np.int32),
            "layer_id": rng.choice([2, 4, 6, 8], n_hits).astype(np.int32),
            "module_id": rng.integers(1, 3000, n_hits).astype(np.int32),
        }
    )
    ncell = rng.integers(1, 4, n_hits)
    cells = pd.DataFrame(
        {
            "hit_id": np.repeat(hit_id, ncell),
            "ch0": rng.integers(0, 1200, ncell.sum()).astype(np.int32),
            "ch1": rng.integers(0, 1200, ncell.sum()).astype(np.int32),
            "value": rng.uniform(0, 1, ncell.sum()).astype(np.float32),
        }
    )
    p = rng.normal(0, 2, (n_particles, 3)).astype(np.float32)
    particles = pd.DataFrame(
        {
            "particle_id": pids,
            "vx": rng.normal(0, 0.01, n_particles).astype(np.float32),
            "vy": rng.normal(0, 0.01, n_particles).astype(np.float32),
            "vz": rng.normal(0, 6, n_particles).astype(np.float32),
            "px": p[:, 0],
            "py": p[:, 1],
            "pz": p[:, 2],
            "q": rng.choice([-1, 1], n_particles).astype(np.int32),
            "nhits": np.full(n_particles, hits_per_particle, dtype=np.int32),
        }
    )
    w = np.where(pid_of_hit == 0, 0.0, rng.uniform(0.5, 1.5, n_hits))
    tp = rng.normal(0, 2, (n_hits, 3)).astype(np.float32)
    truth = pd.DataFrame(
        {
            "hit_id": hit_id,
            "particle_id": pid_of_hit,
            "tx": xyz[:, 0] + np.float32(0.01),
            "ty": xyz[:, 1],
            "tz": xyz[:, 2],
            "tpx": tp[:, 0],
            "tpy": tp[:, 1],
            "tpz": tp[:, 2],
            "weight": (w / w.sum()).astype(np.float32),
        }
    )
    return hits, cells, particles, truth
