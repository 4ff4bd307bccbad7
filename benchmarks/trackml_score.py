"""Benchmarks of the TrackML format code: the score (``trackml_score.json``) and the read time per
event, csv vs csv.gz (``trackml_io.json``).

Score: :func:`trigml.data.trackml.score_event` (one compiled pass: hash codes of the particles, a
Boyer-Moore majority vote per track, a second pass for the candidate's hits) against :func:`pandas_score`, the challenge library's method (``trackml.score``:
merge of truth and submission, per (track, particle) counts, the majority particle of each track,
the double-majority selection) written here with pandas merge + groupby for the benchmark, on one
simulated mu = 200 event and eight kinds of submission; the two scores are asserted equal to 1e-12.

The event is synthetic but sized like a real μ = 200 TrackML event (event 1000: 12,263 particles,
≈ 110k hits, ≈ 5 cells per hit): particles with Poisson(8.1) hits each, 10 % noise hits, values
rounded as in the challenge's files (0.1 µm positions, 6-digit momenta), so the CSV text — and
hence the parse and gunzip cost — is that of a real event. The timings are those of
:func:`trigml.data.trackml.load_event`, checks included; bare ``pandas.read_csv`` is timed beside it.
"""

from __future__ import annotations

import gzip
import logging
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from trigml.data.trackml import PARTS, event_filename, event_prefix, load_event, write_event
from trigml.files import write_json

log = logging.getLogger("benchmarks.trackml_score")


def synthetic_event(
    n_particles: int = 12_263,
    mean_hits: float = 8.1,
    noise_fraction: float = 0.1,
    mean_cells: float = 5.0,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A consistent TrackML event of realistic size and number formatting (not realistic physics)."""
    rng = np.random.default_rng(seed)
    nh = rng.poisson(mean_hits, n_particles)
    pids = np.sort(rng.choice(2**52, n_particles, replace=False).astype(np.int64)) + 4_500_000_000_000_000
    n_signal = int(nh.sum())
    n_noise = int(noise_fraction * n_signal / (1 - noise_fraction))
    n_hits = n_signal + n_noise
    pid_of_hit = np.concatenate([np.repeat(pids, nh), np.zeros(n_noise, dtype=np.int64)])[
        rng.permutation(n_hits)
    ]
    hit_id = np.arange(1, n_hits + 1, dtype=np.int64)
    r = rng.uniform(30, 1000, n_hits)
    phi = rng.uniform(-np.pi, np.pi, n_hits)
    z = rng.uniform(-3000, 3000, n_hits)
    x, y = np.round(r * np.cos(phi), 4), np.round(r * np.sin(phi), 4)
    z = np.round(z, 4)
    f32 = np.float32
    hits = pd.DataFrame(
        {
            "hit_id": hit_id,
            "x": x.astype(f32),
            "y": y.astype(f32),
            "z": z.astype(f32),
            "volume_id": rng.choice([7, 8, 9, 12, 13, 14, 16, 17, 18], n_hits).astype(np.int32),
            "layer_id": (2 * rng.integers(1, 8, n_hits)).astype(np.int32),
            "module_id": rng.integers(1, 3200, n_hits).astype(np.int32),
        }
    )
    ncell = 1 + rng.poisson(mean_cells - 1, n_hits)
    n_cells = int(ncell.sum())
    cells = pd.DataFrame(
        {
            "hit_id": np.repeat(hit_id, ncell),
            "ch0": rng.integers(0, 1200, n_cells).astype(np.int32),
            "ch1": rng.integers(0, 1200, n_cells).astype(np.int32),
            "value": np.round(rng.uniform(0, 1, n_cells), 6).astype(f32),
        }
    )
    p = np.round(rng.standard_cauchy((n_particles, 3)).clip(-50, 50), 5)
    particles = pd.DataFrame(
        {
            "particle_id": pids,
            "vx": np.round(rng.normal(0, 0.01, n_particles), 6).astype(f32),
            "vy": np.round(rng.normal(0, 0.01, n_particles), 6).astype(f32),
            "vz": np.round(rng.normal(0, 6, n_particles), 4).astype(f32),
            "px": p[:, 0].astype(f32),
            "py": p[:, 1].astype(f32),
            "pz": p[:, 2].astype(f32),
            "q": rng.choice([-1, 1], n_particles).astype(np.int32),
            "nhits": nh.astype(np.int32),
        }
    )
    w = np.where(pid_of_hit == 0, 0.0, rng.uniform(0, 1, n_hits))
    tp = np.round(rng.standard_cauchy((n_hits, 3)).clip(-50, 50), 5).astype(f32)
    truth = pd.DataFrame(
        {
            "hit_id": hit_id,
            "particle_id": pid_of_hit,
            "tx": x.astype(f32),
            "ty": y.astype(f32),
            "tz": z.astype(f32),
            "tpx": tp[:, 0],
            "tpy": tp[:, 1],
            "tpz": tp[:, 2],
            "weight": np.round(w / w.sum(), 10).astype(f32),
        }
    )
    return hits, cells, particles, truth


def _time(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def pandas_score(truth: pd.DataFrame, submission: pd.DataFrame) -> float:
    """The challenge library's score with pandas merge + groupby (the benchmark's baseline)."""
    t = truth[["hit_id", "particle_id", "weight"]].astype({"weight": np.float64})
    nh = t.groupby("particle_id")["hit_id"].transform("size")
    t.loc[(t["particle_id"] == 0) | (nh < 4), "weight"] = 0.0
    t["weight"] = t["weight"] / t["weight"].sum()
    particle_nhits = t["particle_id"].value_counts()
    ev = t.merge(submission[["hit_id", "track_id"]], on="hit_id", how="inner", validate="one_to_one")
    pairs = (
        ev.groupby(["track_id", "particle_id"]).agg(n=("hit_id", "size"), w=("weight", "sum")).reset_index()
    )
    pairs["nhits"] = pairs.groupby("track_id")["n"].transform("sum")
    major = pairs.sort_values(["track_id", "n"], ascending=[True, False], kind="stable").drop_duplicates(
        "track_id"
    )
    pn = particle_nhits.reindex(major["particle_id"]).to_numpy()
    good = (2 * major["n"] > major["nhits"]).to_numpy() & (2 * major["n"].to_numpy() > pn)
    return float(major["w"].to_numpy()[good].sum())


def submissions(truth: pd.DataFrame, seed: int = 3) -> dict[str, pd.DataFrame]:
    """Eight kinds of submission of one event's hits (as in the challenge library's tests)."""
    rng = np.random.default_rng(seed)
    hit, pid = truth["hit_id"].to_numpy(), truth["particle_id"].to_numpy()
    n = len(hit)
    _, by_particle = np.unique(pid, return_inverse=True)
    shuffled = by_particle.copy()
    flip = rng.random(n) < 0.2
    shuffled[flip] = rng.integers(0, by_particle.max() + 1, int(flip.sum()))
    keep = rng.random(n) < 0.7
    return {
        "perfect": pd.DataFrame({"hit_id": hit, "track_id": by_particle}),
        "one_track": pd.DataFrame({"hit_id": hit, "track_id": np.zeros(n, np.int64)}),
        "one_hit_per_track": pd.DataFrame({"hit_id": hit, "track_id": np.arange(n)}),
        "random_1000": pd.DataFrame({"hit_id": hit, "track_id": rng.integers(0, 1000, n)}),
        "20pc_reassigned": pd.DataFrame({"hit_id": hit, "track_id": shuffled}),
        "70pc_of_hits": pd.DataFrame({"hit_id": hit[keep], "track_id": by_particle[keep]}),
        "pairs_merged": pd.DataFrame({"hit_id": hit, "track_id": by_particle // 2}),
        "split_in_two": pd.DataFrame({"hit_id": hit, "track_id": 2 * by_particle + (rng.random(n) < 0.5)}),
    }


def run_score(out_dir: Path, quick: bool = False) -> Path:
    """Score speed-up on a simulated mu = 200 event; ``out_dir/trackml_score.json``."""
    from trigml.data.simulation import SimulationSettings, TrackMLSimulator
    from trigml.data.trackml import score_event

    truth = TrackMLSimulator(SimulationSettings.from_dict({"mu": 20 if quick else 200}), 11).event(5)["truth"]
    repeats = 2 if quick else 5
    rows, t_ours, t_pd = {}, 0.0, 0.0
    score_event(truth, submissions(truth)["perfect"])  # compile, or load the compiled loop (numba)
    for name, sub in submissions(truth).items():
        ours, ref = score_event(truth, sub), pandas_score(truth, sub)
        assert abs(ours - ref) <= 1e-12, (name, ours, ref)
        a = min(_time(lambda sub=sub: score_event(truth, sub), repeats))
        b = min(_time(lambda sub=sub: pandas_score(truth, sub), repeats))
        rows[name] = {"score": ours, "pandas_score": ref, "trigml_ms": 1e3 * a, "pandas_ms": 1e3 * b}
        t_ours, t_pd = t_ours + a, t_pd + b
    result = {
        "what": "TrackML score of 8 submissions of one simulated event: trigml (compiled majority vote) vs "
        "the challenge library's method with pandas merge + groupby; best of repeats",
        "n_hits": len(truth), "repeats": repeats, "quick": quick, "submissions": rows,
        "trigml_ms_total": 1e3 * t_ours, "pandas_ms_total": 1e3 * t_pd,
        "speedup": t_pd / t_ours, "identical": True, "identical_1e-12": True,
        "load_average_1_5_15": list(os.getloadavg()),
    }  # fmt: skip
    path = Path(out_dir) / "trackml_score.json"
    write_json(path, result)
    log.info("score: %.1f ms vs %.1f ms (pandas), speed-up %.1f", 1e3 * t_ours, 1e3 * t_pd, t_pd / t_ours)
    return path


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    return [run_score(out_dir, quick), *run_io(out_dir, quick)]


def run_io(out_dir: Path, quick: bool = False) -> list[Path]:
    """Time reading one μ≈200-sized event (csv vs csv.gz); write ``out_dir/trackml_io.json``."""
    out_dir = Path(out_dir)
    n_particles = 2_000 if quick else 12_263
    repeats = 2 if quick else 5
    event = synthetic_event(n_particles=n_particles, seed=1)
    sizes = {part: len(df) for part, df in zip(PARTS, event, strict=True)}
    results: dict[str, object] = {
        "what": "read one TrackML event (4 files) with trigml.data.trackml.load_event, checks included",
        "event": {"synthetic": True, "n_particles": n_particles, "rows": sizes},
        "repeats": repeats,
        "quick": quick,
        "machine": {
            "python": platform.python_version(),
            "pandas": pd.__version__,
            "cpu": platform.processor() or platform.machine(),
        },
        "formats": {},
    }
    with tempfile.TemporaryDirectory(prefix="trackml-bench-") as tmp:
        for fmt, compress in (("csv", False), ("csv.gz", True)):
            folder = Path(tmp) / fmt
            t0 = time.perf_counter()
            paths = write_event(folder, 1000, *event, compress=compress)
            write_s = time.perf_counter() - t0
            prefix = event_prefix(folder, 1000)
            load_event(prefix)  # warm the page cache and imports
            full = _time(lambda prefix=prefix: load_event(prefix), repeats)
            hits_only = _time(lambda prefix=prefix: load_event(prefix, parts=["hits"]), repeats)

            def bare(folder=folder, compress=compress):
                for part in PARTS:
                    path = folder / event_filename(1000, part, compress)
                    pd.read_csv(path, compression="gzip" if compress else None)

            raw = _time(bare, repeats)
            size = {p.name.split("-")[1].split(".")[0]: p.stat().st_size for p in paths}
            results["formats"][fmt] = {  # type: ignore[index]
                "read_event_s": statistics.median(full),
                "read_event_s_all": full,
                "read_hits_s": statistics.median(hits_only),
                "bare_pandas_read_csv_s": statistics.median(raw),
                "write_event_s": write_s,
                "bytes": size,
                "total_mb": sum(size.values()) / 1e6,
            }
            log.info(
                "%s: read %.3f s per event (%.1f MB)", fmt, statistics.median(full), sum(size.values()) / 1e6
            )
        # gzip sanity: the compressed copy decompresses to the plain text
        plain = (Path(tmp) / "csv" / event_filename(1000, "hits")).read_bytes()
        assert (
            gzip.decompress((Path(tmp) / "csv.gz" / event_filename(1000, "hits", True)).read_bytes()) == plain
        )
    f = results["formats"]  # type: ignore[assignment]
    results["gz_over_csv_read_time"] = f["csv.gz"]["read_event_s"] / f["csv"]["read_event_s"]  # type: ignore[index]
    results["gz_over_csv_size"] = f["csv.gz"]["total_mb"] / f["csv"]["total_mb"]  # type: ignore[index]
    path = out_dir / "trackml_io.json"
    write_json(path, results)
    return [path]
