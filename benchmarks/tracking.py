"""``make bench`` for the tracking study: graph construction, training, track building, score.

Events are simulated at pileup mu = 200 with the project's simulation (``trigml.data.simulation``,
default settings otherwise). Everything runs in one process on one
thread (``torch.set_num_threads(1)``, ``OMP_NUM_THREADS`` as set by the caller).

Written under ``out_dir``:

* ``tracking_graphs.json``: per pT threshold, ms/event (best of several runs) of the hit
  filtering, of the edge search by the phi-sorted window (``graph.find_segments(method=
  "window")``), by all pairs in numpy (``method="allpairs"``: every hit of the inner layer
  against every hit of the outer one, then the same cuts), each in its own order and sorted by
  (source, target), and by all pairs through a pandas merge as in the paper's own code (the
  all-pairs searches at pT >= 1 GeV only, see ``ALLPAIRS_MIN_PT``), of the full graph build (search + features + labels), peak
  Python memory (tracemalloc) of both searches, and whether all methods gave the same edges;
* ``tracking_train.json``: IN training graphs/s (hidden 40, batch 1) on mu = 200 graphs at 2 GeV;
* ``tracking_tracks.json``: track building ms/event (connected components, DBSCAN) and TrackML
  score ms/event on mu = 200 graphs at 1 GeV with stand-in edge scores.
"""

from __future__ import annotations

import logging
import platform
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from trigml.files import write_json
from trigml.tracking.filtering import select_hits
from trigml.tracking.geometry import BARREL_HALF_LENGTH_MM, CROSSING_RADIUS_MM, LAYER_PAIRS, wrap_phi
from trigml.tracking.graph import build_graph, find_segments

log = logging.getLogger(__name__)

CUTS = {2.0: (0.006, 275.0), 1.5: (0.006, 275.0), 1.0: (0.007, 350.0), 0.5: (0.0085, 500.0)}
#: The all-pairs baselines run at and above this threshold only: below it one layer pair alone
#: holds ~10^7 hit pairs (~1 GB of temporaries in numpy, more through pandas).
ALLPAIRS_MIN_PT = 1.0


def _events(n: int, mu: float = 200.0, seed: int = 20211) -> tuple[list[tuple[pd.DataFrame, ...]], str]:
    """n events at pileup mu: (hits, particles, truth) each, and a word on where they come from."""
    from trigml.data.simulation import SimulationSettings
    from trigml.data.simulation.events import TrackMLSimulator

    sim = TrackMLSimulator(SimulationSettings(mu=mu), seed)
    evs = [sim.event(9000 + k) for k in range(n)]
    return [(e["hits"], e["particles"], e["truth"]) for e in evs], f"trigml.data.simulation, mu = {mu:g}"


def _best_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls [ms] and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return 1e3 * best, out


def _same(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    """Same edge set (order aside)."""
    ka = np.sort(a[0].astype(np.int64) * (1 << 32) + a[1])
    kb = np.sort(b[0].astype(np.int64) * (1 << 32) + b[1])
    return bool(np.array_equal(ka, kb))


def _peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def pandas_merge_segments(
    hits: pd.DataFrame, phi_slope_max: float, z0_max: float
) -> tuple[np.ndarray, np.ndarray]:
    """All-pairs edge search written as in DeZoort et al.'s code: a pandas cross merge of the two
    layers' hits, then the cuts as column arithmetic. Baseline for the benchmark only."""
    h = hits[["layer", "r", "phi", "z"]].reset_index(names="idx")
    src, dst = [], []
    for la, lb in LAYER_PAIRS:
        pairs = h[h["layer"] == la].merge(h[h["layer"] == lb], how="cross", suffixes=("_1", "_2"))
        dr = pairs["r_2"] - pairs["r_1"]
        dphi = pd.Series(wrap_phi((pairs["phi_2"] - pairs["phi_1"]).to_numpy()), index=pairs.index)
        dz = pairs["z_2"] - pairs["z_1"]
        z0 = pairs["z_1"] - pairs["r_1"] * dz / dr
        good = ((dphi / dr).abs() < phi_slope_max) & (z0.abs() < z0_max)
        r_c = CROSSING_RADIUS_MM.get((la, lb))
        if r_c is not None:
            good &= ~((z0 + r_c * dz / dr).abs() < BARREL_HALF_LENGTH_MM)
        src.append(pairs.loc[good, "idx_1"].to_numpy())
        dst.append(pairs.loc[good, "idx_2"].to_numpy())
    return np.concatenate(src).astype(np.int64), np.concatenate(dst).astype(np.int64)


def _write_ms(g: Any, repeat: int) -> tuple[float, float]:
    """ms to write one graph with ``Graph.save`` (uncompressed .npz, the format chosen) and with
    ``np.savez_compressed`` of the same fields, best of ``repeat``."""
    import tempfile
    from dataclasses import fields

    with tempfile.TemporaryDirectory() as tmp:
        t_plain, _ = _best_ms(lambda: g.save(f"{tmp}/g.npz"), repeat)
        arrays = {f.name: getattr(g, f.name) for f in fields(g)}
        t_zip, _ = _best_ms(lambda: np.savez_compressed(f"{tmp}/z.npz", **arrays), repeat)
    return t_plain, t_zip


def bench_graphs(
    events: list[tuple[pd.DataFrame, ...]], thresholds: list[float], repeat: int
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pt in thresholds:
        slope, z0 = CUTS[pt]
        rows = []
        for hits, particles, truth in events:
            t_filter, sel = _best_ms(lambda: select_hits(hits, particles, truth, pt_min=pt), repeat)  # noqa: B023
            kw = {"phi_slope_max": slope, "z0_max": z0}
            win = lambda srt: find_segments(sel, method="window", sort=srt, **kw)  # noqa: B023, E731
            allp = lambda srt: find_segments(sel, method="allpairs", sort=srt, **kw)  # noqa: B023, E731
            t_win, e_win = _best_ms(lambda: win(False), repeat)  # noqa: B023
            t_win_s, _ = _best_ms(lambda: win(True), repeat)  # noqa: B023
            t_build, g = _best_ms(lambda: build_graph(sel, pt_min=pt, labels="dezoort", **kw), repeat)  # noqa: B023
            t_write, t_write_z = _write_ms(g, repeat)
            row: dict[str, Any] = {
                "write_npz_ms": t_write,
                "write_npz_compressed_ms": t_write_z,
                "nodes": len(sel),
                "edges": int(len(e_win[0])),
                "filter_ms": t_filter,
                "window_ms": t_win,
                "window_sorted_ms": t_win_s,
                "build_graph_ms": t_build,
                "window_peak_mb": _peak_mb(lambda: win(False)),  # noqa: B023
                "edge_efficiency": float(int(g.n_segment_edges) / max(int(g.n_true_segments), 1)),
                "edge_purity": float(g.y.mean()) if g.num_edges else float("nan"),
            }
            if pt >= ALLPAIRS_MIN_PT:
                t_all, e_all = _best_ms(lambda: allp(False), max(1, repeat // 2))  # noqa: B023
                t_all_s, e_all_s = _best_ms(lambda: allp(True), max(1, repeat // 2))  # noqa: B023
                t_pd, e_pd = _best_ms(lambda: pandas_merge_segments(sel, slope, z0), 1)  # noqa: B023
                e_win_s = win(True)
                row.update(
                    allpairs_numpy_ms=t_all,
                    allpairs_numpy_sorted_ms=t_all_s,
                    allpairs_pandas_ms=t_pd,
                    allpairs_numpy_peak_mb=_peak_mb(lambda: allp(False)),  # noqa: B023
                    identical_numpy=_same(e_win, e_all)
                    and bool(
                        np.array_equal(e_win_s[0], e_all_s[0]) and np.array_equal(e_win_s[1], e_all_s[1])
                    ),
                    identical_pandas=_same(e_win, e_pd),
                )
            rows.append(row)
        mean = {k: float(np.mean([r[k] for r in rows])) for k in rows[0] if not k.startswith("identical")}
        if pt >= ALLPAIRS_MIN_PT:
            mean["speedup_vs_allpairs_numpy"] = mean["allpairs_numpy_ms"] / mean["window_ms"]
            mean["speedup_vs_allpairs_numpy_sorted"] = (
                mean["allpairs_numpy_sorted_ms"] / mean["window_sorted_ms"]
            )
            mean["speedup_vs_allpairs_pandas"] = mean["allpairs_pandas_ms"] / mean["window_ms"]
            mean["identical_edges"] = all(r["identical_numpy"] and r["identical_pandas"] for r in rows)
        out[str(pt)] = {"mean": mean, "per_event": rows}
        log.info(
            "pT > %s: %d nodes, %d edges; window %.1f ms, all pairs %s ms",
            pt, mean["nodes"], mean["edges"], mean["window_ms"], mean.get("allpairs_numpy_ms", "(not run)"),
        )  # fmt: skip
    return out


def bench_train(events: list[tuple[pd.DataFrame, ...]], epochs: int) -> dict[str, Any]:
    import torch
    from torch_geometric.data import Data
    from trigml.tracking.train import TrainSettings, train

    torch.set_num_threads(1)
    slope, z0 = CUTS[2.0]
    graphs = []
    for hits, particles, truth in events:
        g = build_graph(
            select_hits(hits, particles, truth, pt_min=2.0), pt_min=2.0, phi_slope_max=slope, z0_max=z0,
            labels="dezoort",
        )
        graphs.append(
            Data(x=torch.from_numpy(g.x), edge_index=torch.from_numpy(g.edge_index),
                 edge_attr=torch.from_numpy(g.edge_attr), y=torch.from_numpy(g.y))
        )  # fmt: skip
    _, hist = train(
        graphs,
        graphs[:1],
        hidden_size=40,
        settings=TrainSettings(epochs=epochs, lr=0.01, step_size=20, gamma=0.7, patience=epochs, batch_size=1,
                               augment=False, direction="inner_to_outer", combine="min", seed=0),
        prefer_device="cpu",
    )
    return {
        "graphs_per_second": hist["timing"]["train_graphs_per_second"],
        "mean_edges": float(np.mean([g.edge_index.shape[1] for g in graphs])),
        "mean_nodes": float(np.mean([g.num_nodes for g in graphs])),
        "epochs": epochs,
        "n_graphs": len(graphs),
        "device": hist["device"],
        "hidden_size": 40,
        "n_parameters": hist["n_parameters"],
    }


def bench_tracks(events: list[tuple[pd.DataFrame, ...]], repeat: int) -> dict[str, Any]:
    from trigml.data.trackml import score_event
    from trigml.tracking.tracks import connected_components, dbscan_tracks

    rng = np.random.default_rng(0)
    slope, z0 = CUTS[1.0]
    cc, db, sc, n_edges = [], [], [], []
    for hits, particles, truth in events:
        g = build_graph(
            select_hits(hits, particles, truth, pt_min=1.0), pt_min=1.0, phi_slope_max=slope, z0_max=z0,
            labels="dezoort",
        )
        # stand-in scores of a good classifier: true edges high, fakes low, with overlap
        s = np.clip(
            np.where(g.y > 0, rng.normal(0.9, 0.1, g.num_edges), rng.normal(0.1, 0.1, g.num_edges)), 0, 1
        )
        t_cc, labels = _best_ms(lambda: connected_components(g.num_nodes, g.edge_index, s, 0.5), repeat)  # noqa: B023
        t_db, _ = _best_ms(lambda: dbscan_tracks(g.num_nodes, g.edge_index, s, eps=0.5), repeat)  # noqa: B023
        sub = pd.DataFrame({"hit_id": g.hit_id, "track_id": labels})
        t_sc, _ = _best_ms(lambda: score_event(truth, sub), repeat)  # noqa: B023
        cc.append(t_cc)
        db.append(t_db)
        sc.append(t_sc)
        n_edges.append(g.num_edges)
    return {
        "pt_min": 1.0,
        "mean_edges": float(np.mean(n_edges)),
        "connected_components_ms": float(np.mean(cc)),
        "dbscan_ms": float(np.mean(db)),
        "trackml_score_ms": float(np.mean(sc)),
        "note": "stand-in edge scores: N(0.9, 0.1) for true edges, N(0.1, 0.1) for fakes; score on the full event truth",
    }


def run(out_dir: Path, quick: bool) -> list[Path]:
    import torch

    torch.set_num_threads(1)
    out_dir = Path(out_dir)
    n_events = 1 if quick else 3
    events, source = _events(n_events)
    machine = {"python": platform.python_version(), "processor": platform.processor() or platform.machine()}
    common = {"machine": machine, "events": source, "n_events": n_events, "threads": 1}
    thresholds = [2.0, 1.0] if quick else [2.0, 1.5, 1.0, 0.5]
    files = []
    graphs = {
        **common,
        "aim": "window search at pT > 1 GeV well under 100 ms/event and >= 20x the all-pairs build",
    }
    graphs["thresholds"] = bench_graphs(events, thresholds, repeat=2 if quick else 5)
    files.append(out_dir / "tracking_graphs.json")
    write_json(files[-1], graphs)
    files.append(out_dir / "tracking_train.json")
    write_json(files[-1], {**common, **bench_train(events, epochs=2 if quick else 5)})
    files.append(out_dir / "tracking_tracks.json")
    write_json(files[-1], {**common, **bench_tracks(events, repeat=1 if quick else 3)})
    return files
