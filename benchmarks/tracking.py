"""``make bench`` for the tracking study: graph construction, training, track building, score.

Events are simulated at pileup mu = 200 with the project's simulation (``trigml.data.simulation``,
default settings otherwise), in the challenge files' dtypes (float32 positions and momenta, the same
tables for both sides: the authors' column arithmetic runs in float32 as on the challenge files). Everything runs in one
process on one thread (``torch.set_num_threads(1)``, ``OMP_NUM_THREADS`` as set by the caller).

Written under ``out_dir``:

* ``tracking_graphs.json``: per pT threshold, trigml's per-event path (``filtering.select_hits``
  + ``graph.build_graph``: edges, features, labels) against the authors' own (DeZoort et al.
  2021, github.com/GageDeZoort/interaction_network_paper, ``graph_construction/
  build_geometric.py``: ``select_hits``, ``split_detector_sections`` with one section,
  ``construct_graph``), rewritten here with the same pandas operations -- hits grouped by layer,
  for each layer pair a merge of every inner hit with every outer hit, dphi / eta / dR / z0 as
  column arithmetic over all pairs, the cuts, a label loop per particle -- as :func:`paper_graph`.
  Wall time (best of several runs, after one untimed call that compiles or loads trigml's numba
  loops) and CPU time of the process for each step; the speed-ups of the
  build alone and of the whole path; identical edge sets (as hit-id pairs), labels and features
  checked for every event (and against ``method="allpairs"`` at pT >= ``ALLPAIRS_MIN_PT``);
  the time to write the graph file (``Graph.save``) beside other formats of the same arrays;
* ``tracking_train.json``: IN training graphs/s (hidden 40, batch 1) on mu = 200 graphs at 2 GeV;
* ``tracking_tracks.json``: track building ms/event (connected components, DBSCAN) and TrackML
  score ms/event on mu = 200 graphs at 1 GeV with stand-in edge scores.

Top-level keys of ``tracking_graphs.json`` for the summary: ``speedup_pt<X>`` (build alone, wall),
``speedup_event_path_pt<X>`` (hit selection + build, wall), the same with ``_cpu``,
``write_over_build_pt<X>`` and ``identical``.
"""

from __future__ import annotations

import logging
import os
import pickle
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from trigml.files import write_json
from trigml.tracking.filtering import select_hits
from trigml.tracking.geometry import BARREL_HALF_LENGTH_MM, BARREL_RADIUS_MM, FEATURE_SCALE, PIXEL_LAYERS
from trigml.tracking.graph import build_graph, find_segments

log = logging.getLogger(__name__)

CUTS = {2.0: (0.006, 275.0), 1.5: (0.006, 275.0), 1.0: (0.007, 350.0), 0.5: (0.0085, 500.0)}
#: The numpy all-pairs check runs at and above this threshold only (below it one layer pair alone
#: holds ~10^7 hit pairs); the authors' pandas builder runs at every threshold.
ALLPAIRS_MIN_PT = 1.0


def _events(n: int, mu: float = 200.0, seed: int = 20211) -> tuple[list[tuple[pd.DataFrame, ...]], str]:
    """n events at pileup mu: (hits, particles, truth) each, and a word on where they come from."""
    from trigml.data.simulation import SimulationSettings
    from trigml.data.simulation.events import TrackMLSimulator

    sim = TrackMLSimulator(SimulationSettings(mu=mu), seed)
    evs = [challenge_dtypes(sim.event(9000 + k)) for k in range(n)]
    return evs, f"trigml.data.simulation, mu = {mu:g}, challenge dtypes (float32 positions and momenta)"


def challenge_dtypes(event: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, ...]:
    """(hits, particles, truth) with the dtypes of the challenge's files (float32 positions and
    momenta), as both the authors' reader and trigml's give them: their pandas arithmetic then
    runs in float32, as when they built their graphs."""
    from trigml.data.trackml import check_event

    hits, _, particles, truth = check_event(event["hits"], None, event["particles"], event["truth"])
    return hits, particles, truth


def _best_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls [ms] and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return 1e3 * best, out


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best wall time and best CPU time (this process) of ``repeat`` calls [ms], last result."""
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        out = fn()
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return 1e3 * wall, 1e3 * cpu, out


# --------------------------------------------------------------------------------------------
# the authors' graph construction, rewritten for the benchmark (same operations, same order)
# --------------------------------------------------------------------------------------------

#: Their layer pairs in their order: barrel, left endcap, right endcap, barrel -> left, -> right.
PAPER_PAIRS = (
    [(0, 1), (1, 2), (2, 3)] + [(k, k + 1) for k in range(4, 10)] + [(k, k + 1) for k in range(11, 17)]
    + [(k, 4) for k in range(4)] + [(k, 11) for k in range(4)]
)  # fmt: skip


def _paper_eta(r: Any, z: Any) -> Any:
    return -1.0 * np.log(np.tan(np.arctan2(r, z) / 2.0))


def paper_select_hits(
    hits: pd.DataFrame, particles: pd.DataFrame, truth: pd.DataFrame, pt_min: float
) -> pd.DataFrame:
    """The authors' ``select_hits`` (endcaps on) and ``split_detector_sections`` with one section in
    phi and eta (|eta| < 5): layer groups concatenated, pT from the particles, two merges, the
    smallest-r hit per (particle, layer) by ``groupby().idxmin()``."""
    groups = hits.groupby(["volume_id", "layer_id"])
    hits = pd.concat([groups.get_group(vl).assign(layer=i) for i, vl in enumerate(PIXEL_LAYERS)])
    pt = np.sqrt(particles.px**2 + particles.py**2)
    particles = particles.assign(pt=pt, eta=_paper_eta(pt, particles.pz))  # they add the columns in place
    particles = particles[pt > pt_min]
    truth = truth[["hit_id", "particle_id"]].merge(particles[["particle_id", "pt", "eta"]], on="particle_id")
    r = np.sqrt(hits.x**2 + hits.y**2)
    phi = np.arctan2(hits.y, hits.x)
    hits = (
        hits[["hit_id", "z", "layer"]]
        .assign(r=r, phi=phi)
        .merge(truth[["hit_id", "particle_id", "pt", "eta"]], on="hit_id")
    )
    hits = hits.loc[hits.groupby(["particle_id", "layer"]).r.idxmin().to_numpy()].assign(evtid=0)
    section = hits[(hits.phi > -np.pi) & (hits.phi < np.pi)]
    section = section.assign(phi=section.phi - 0.0, phi_section=0)
    eta = _paper_eta(section.r, section.z)
    return section[(eta > -5) & (eta < 5)].assign(eta_section=0)


def _paper_segments(
    h1: pd.DataFrame, h2: pd.DataFrame, slope: float, z0_max: float, l1: int, l2: int
) -> tuple:
    """Their ``select_segments``: every pair of the two layers by a merge on the event id, then
    dphi, dz, dr, eta, dR, phi slope, z0 and the crossing cut over all pairs."""
    keys = ["evtid", "r", "phi", "z"]
    p = h1[keys].reset_index().merge(h2[keys].reset_index(), on="evtid", suffixes=("_1", "_2"))
    dphi = p.phi_2 - p.phi_1
    dphi[dphi > np.pi] -= 2 * np.pi
    dphi[dphi < -np.pi] += 2 * np.pi
    dz = p.z_2 - p.z_1
    dr = p.r_2 - p.r_1
    dR = np.sqrt((_paper_eta(p.r_2, p.z_2) - _paper_eta(p.r_1, p.z_1)) ** 2 + dphi**2)
    phi_slope = dphi / dr
    z0 = p.z_1 - p.r_1 * dz / dr
    crossed = dr.abs() < -1
    if l1 in (0, 1) and l2 in (4, 11):
        zc = BARREL_RADIUS_MM[l1 + 1] * dz / dr + z0
        crossed = np.logical_and(zc > -BARREL_HALF_LENGTH_MM, zc < BARREL_HALF_LENGTH_MM)
    good = (phi_slope.abs() < slope) & (z0.abs() < z0_max) & (crossed == False)  # noqa: E712 (theirs)
    return p[["index_1", "index_2"]][good], dr[good], dphi[good], dz[good], dR[good]


def paper_graph(hits: pd.DataFrame, slope: float, z0_max: float) -> dict[str, np.ndarray]:
    """Their ``construct_graph``: segments per layer pair, features, positional edge index by a
    label lookup, same-particle labels and their per-particle loop over barrel -> endcap edges."""
    groups = hits.groupby("layer")
    parts = []
    for l1, l2 in PAPER_PAIRS:
        try:
            h1, h2 = groups.get_group(l1), groups.get_group(l2)
        except KeyError:
            continue
        parts.append(_paper_segments(h1, h2, slope, z0_max, l1, l2))
    seg = pd.concat([q[0] for q in parts])
    dr, dphi, dz, dR = (pd.concat([q[k] for q in parts]) for k in (1, 2, 3, 4))
    x = (hits[["r", "phi", "z"]].values / FEATURE_SCALE).astype(np.float32)
    edge_attr = np.stack((dr / FEATURE_SCALE[0], dphi / FEATURE_SCALE[1], dz / FEATURE_SCALE[2], dR))
    hit_idx = pd.Series(np.arange(hits.shape[0]), index=hits.index)
    edge_index = np.stack((hit_idx.loc[seg.index_1].values, hit_idx.loc[seg.index_2].values))
    pid = hits.particle_id
    pid_mapped = pid.map({old: new for new, old in enumerate(np.unique(pid.values))})
    pid1, pid2 = pid.loc[seg.index_1].values, pid.loc[seg.index_2].values
    y = (pid1 == pid2).astype(np.float32)
    layer1, layer2 = hits.layer.loc[seg.index_1].values, hits.layer.loc[seg.index_2].values
    t = y > 0.5
    tl1, tl2, tp1, tp2 = layer1[t], layer2[t], pid1[t], pid2[t]
    tz1 = hits.z.loc[seg.index_1].values[t]
    lookup: dict[Any, list] = {}
    for p in np.unique(tp1):
        lookup[p] = [0, 0, -1, -1]
        a, b, za = tl1[tp1 == p], tl2[tp2 == p], tz1[tp1 == p]
        for k in range(len(a)):
            if a[k] in [0, 1, 2, 3] and (b[k] == 4 or b[k] == 11):
                rec = lookup[p]
                rec[0] += 1
                if abs(rec[1]) < abs(za[k]):
                    if rec[0] > 1:  # their message print left out
                        y[(pid1 == pid2) & (pid1 == p) & (layer1 == rec[2]) & (layer2 == rec[3])] = 0
                    rec[1], rec[2], rec[3] = abs(za[k]), a[k], b[k]
                lookup[p] = rec
    return {"x": x, "edge_attr": edge_attr, "edge_index": edge_index, "y": y, "pid": pid_mapped.to_numpy(),
            "hit_id": hits.hit_id.to_numpy()}  # fmt: skip


# --------------------------------------------------------------------------------------------
# comparison and file formats
# --------------------------------------------------------------------------------------------


def _by_hit_ids(hit_id: np.ndarray, edge_index: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """Edges as (inner hit id, outer hit id) keys, sorted, with ``columns`` in the same order."""
    key = hit_id[edge_index[0]].astype(np.int64) * (1 << 32) + hit_id[edge_index[1]]
    order = np.argsort(key, kind="stable")
    return (key[order], *(c[order] for c in columns))


def same_graph(g: Any, ref: dict[str, np.ndarray]) -> dict[str, bool]:
    """trigml's graph against the authors': the same edges (as hit-id pairs), the same labels, the
    same features to 1e-5 (their float32 columns: dphi / pi rounded in float32, and eta as
    -log tan(theta / 2) in float32, which moves dR by up to ~4e-6)."""
    ka, ya, fa = _by_hit_ids(g.hit_id, g.edge_index, g.y, g.edge_attr)
    kb, yb, fb = _by_hit_ids(
        ref["hit_id"], ref["edge_index"], ref["y"], ref["edge_attr"].T.astype(np.float32)
    )
    edges = bool(np.array_equal(ka, kb))
    return {
        "edges": edges,
        "labels": edges and bool(np.array_equal(ya, yb)),
        "features": edges and bool(np.allclose(fa, fb, rtol=0, atol=1e-5)),
    }


def _write_formats(g: Any, repeat: int, compressed: bool) -> dict[str, float]:
    """ms to write the graph's arrays in several formats (best of ``repeat``; compressed once)."""
    import h5py

    arrays = {f.name: getattr(g, f.name) for f in fields(g)}

    def h5(path: str) -> None:
        with h5py.File(path, "w") as fh:
            for k, v in arrays.items():
                fh.create_dataset(k, data=v)

    def pkl(path: str) -> None:
        with open(path, "wb") as fh:
            pickle.dump(arrays, fh, protocol=5)

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        ways = {"trigml_save": lambda p: g.save(p), "np_savez": lambda p: np.savez(p, **arrays), "hdf5": h5,
                "pickle5": pkl}  # fmt: skip
        if compressed:
            ways["np_savez_compressed"] = lambda p: np.savez_compressed(p, **arrays)
        for name, write in ways.items():
            path = os.path.join(tmp, f"{name}.npz")  # np.savez adds .npz to any other name
            out[f"{name}_ms"] = _best_ms(
                lambda write=write, path=path: write(path), 1 if "compressed" in name else repeat
            )[0]
            out[f"{name}_mb"] = os.path.getsize(path) / 1e6
    return out


def _one_event(event: tuple[pd.DataFrame, ...], pt: float, repeat: int, formats: bool) -> dict[str, Any]:
    """One event at one threshold: both paths timed step by step, outputs compared."""
    hits, particles, truth = event
    slope, z0 = CUTS[pt]
    kw = {"phi_slope_max": slope, "z0_max": z0}
    slow = max(1, repeat // 3) if pt >= ALLPAIRS_MIN_PT else 1  # the authors' build takes seconds below 1 GeV
    sel_w, sel_c, sel = _timed(lambda: select_hits(hits, particles, truth, pt_min=pt), repeat)
    build_w, build_c, g = _timed(lambda: build_graph(sel, pt_min=pt, labels="dezoort", **kw), repeat)
    psel_w, psel_c, psel = _timed(lambda: paper_select_hits(hits, particles, truth, pt), slow)
    pbuild_w, pbuild_c, ref = _timed(lambda: paper_graph(psel, slope, z0), slow)
    with tempfile.TemporaryDirectory() as tmp:
        write_w, write_c, _ = _timed(lambda: g.save(f"{tmp}/g.npz"), repeat)
    row: dict[str, Any] = {
        "nodes": g.num_nodes, "edges": g.num_edges, "paper_nodes": len(psel),
        "select_ms": sel_w, "build_ms": build_w, "write_ms": write_w,
        "paper_select_ms": psel_w, "paper_build_ms": pbuild_w,
        "select_cpu_ms": sel_c, "build_cpu_ms": build_c, "write_cpu_ms": write_c,
        "paper_select_cpu_ms": psel_c, "paper_build_cpu_ms": pbuild_c,
        "edge_efficiency": float(int(g.n_segment_edges) / max(int(g.n_true_segments), 1)),
        "edge_purity": float(g.y.mean()) if g.num_edges else float("nan"),
        "identical_to_paper": same_graph(g, ref),
    }  # fmt: skip
    if pt >= ALLPAIRS_MIN_PT:
        win, allp = (find_segments(sel, method=m, **kw) for m in ("window", "allpairs"))
        row["identical_to_allpairs"] = bool(
            np.array_equal(win[0], allp[0]) and np.array_equal(win[1], allp[1])
        )
    if formats:
        row["write_formats"] = _write_formats(g, repeat, compressed=True)
    return row


def bench_graphs(
    events: list[tuple[pd.DataFrame, ...]], thresholds: list[float], repeat: int
) -> dict[str, Any]:
    """Per threshold: the mean over events of every timing, the speed-ups, the identity checks."""
    out: dict[str, Any] = {}
    slope, z0 = CUTS[thresholds[0]]
    # compile, or load the compiled loops (numba) of select_hits and build_graph, untimed
    build_graph(select_hits(*events[0], pt_min=thresholds[0]), pt_min=thresholds[0], phi_slope_max=slope, z0_max=z0,
                labels="dezoort")  # fmt: skip
    for pt in thresholds:
        rows = [_one_event(ev, pt, repeat, formats=k == 0) for k, ev in enumerate(events)]
        mean = {
            k: float(np.mean([r[k] for r in rows]))
            for k, v in rows[0].items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        }
        for suffix in ("", "_cpu"):
            ours, paper = mean[f"build{suffix}_ms"], mean[f"paper_build{suffix}_ms"]
            path = mean[f"select{suffix}_ms"] + ours
            paper_path = mean[f"paper_select{suffix}_ms"] + paper
            mean[f"speedup_build{suffix}"] = paper / ours
            mean[f"speedup_event_path{suffix}"] = paper_path / path
        mean["write_over_build"] = mean["write_ms"] / mean["build_ms"]
        checks = [
            all(r["identical_to_paper"].values()) and r.get("identical_to_allpairs", True) for r in rows
        ]
        out[str(pt)] = {"mean": mean, "identical": all(checks), "write_formats": rows[0]["write_formats"],
                        "per_event": rows}  # fmt: skip
        log.info(
            "pT > %s: %d nodes, %d edges; build %.1f ms vs the authors' %.0f ms (x%.0f), path x%.0f, "
            "write %.1f ms, identical %s", pt, mean["nodes"], mean["edges"], mean["build_ms"],
            mean["paper_build_ms"], mean["speedup_build"], mean["speedup_event_path"], mean["write_ms"], all(checks),
        )  # fmt: skip
    return out


def summary_keys(graphs: dict[str, Any]) -> dict[str, Any]:
    """The flat top-level block of ``tracking_graphs.json`` (the lead's summary reads it)."""
    flat: dict[str, Any] = {}
    for pt, res in graphs.items():
        tag = f"pt{float(pt):g}"
        m = res["mean"]
        flat[f"speedup_{tag}"] = m["speedup_build"]
        flat[f"speedup_event_path_{tag}"] = m["speedup_event_path"]
        flat[f"speedup_cpu_{tag}"] = m["speedup_build_cpu"]
        flat[f"speedup_event_path_cpu_{tag}"] = m["speedup_event_path_cpu"]
        flat[f"write_over_build_{tag}"] = m["write_over_build"]
    flat["identical"] = all(res["identical"] for res in graphs.values())
    return flat


def bench_train(events: list[tuple[pd.DataFrame, ...]], epochs: int) -> dict[str, Any]:
    import torch
    from torch_geometric.data import Data
    from trigml.tracking.train import TrainSettings, train

    torch.set_num_threads(1)
    slope, z0 = CUTS[2.0]
    graphs = []
    for hits, particles, truth in events:
        g = build_graph(
            select_hits(hits, particles, truth, pt_min=2.0),
            pt_min=2.0,
            phi_slope_max=slope,
            z0_max=z0,
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
        settings=TrainSettings(
            epochs=epochs,
            lr=0.01,
            step_size=20,
            gamma=0.7,
            patience=epochs,
            batch_size=1,
            augment=False,
            direction="inner_to_outer",
            combine="min",
            seed=0,
        ),
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
            select_hits(hits, particles, truth, pt_min=1.0),
            pt_min=1.0,
            phi_slope_max=slope,
            z0_max=z0,
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
    machine = {"python": platform.python_version(), "processor": platform.processor() or platform.machine(),
               "load_average_1_5_15": list(os.getloadavg())}  # fmt: skip
    common = {"machine": machine, "events": source, "n_events": n_events, "threads": 1}
    thresholds = [2.0, 1.0] if quick else [2.0, 1.0, 0.5]
    files = []
    graphs = bench_graphs(events, thresholds, repeat=3 if quick else 7)
    machine["load_average_after"] = list(os.getloadavg())
    result = {
        **summary_keys(graphs),
        **common,
        "what": "per event: trigml select_hits + build_graph vs the authors' select_hits + construct_graph "
        "(rewritten with their pandas operations); wall = best of repeats, cpu = process time",
        "thresholds": graphs,
    }
    files.append(out_dir / "tracking_graphs.json")
    write_json(files[-1], result)
    files.append(out_dir / "tracking_train.json")
    write_json(files[-1], {**common, **bench_train(events, epochs=2 if quick else 5)})
    files.append(out_dir / "tracking_tracks.json")
    write_json(files[-1], {**common, **bench_tracks(events, repeat=1 if quick else 3)})
    return files
