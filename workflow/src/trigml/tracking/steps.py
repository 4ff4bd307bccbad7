"""The tracking study's stages as functions of file paths, one per workflow rule.

Each function reads its inputs, calls the library, and writes its outputs atomically; the thin
scripts in ``scripts/tracking/`` only parse arguments and call one of them.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from trigml.files import atomic_path, read_json, write_json

from .filtering import HIT_COLUMNS, select_hits
from .graph import Graph, build_graph, load_graph
from .metrics import edge_metrics, json_safe

log = logging.getLogger(__name__)

#: DeZoort et al. (2021), table 1 / figure 5, TrackML at mu = 200 (pixel detector, one event):
#: edge purity, mean edges and nodes per event at three pT thresholds [GeV]; the edge efficiency
#: is quoted as one number (0.987) for the graphs, without a pT dependence.
PAPER_GRAPHS = {
    "efficiency": 0.987,
    "purity": {"2.0": 0.198, "1.0": 0.043, "0.5": 0.010},
    "edges": {"2.0": 4.4e3, "1.0": 99e3, "0.5": 1.27e6},
    "nodes": {"2.0": 1.1e3, "1.0": 5.3e3, "0.5": 16.2e3},
}


def event_label(path: str | Path) -> str:
    """``event000001000`` from any file of that event."""
    name = Path(path).name
    return name.split("-")[0].split(".")[0]


def filter_events(event_prefixes: list[str], out_paths: list[str], *, pt_min: float) -> None:
    """Filtered hits (``filtering.select_hits``) of each event as parquet."""
    from trigml.data.trackml import load_event

    if len(event_prefixes) != len(out_paths):
        raise ValueError(f"{len(event_prefixes)} events but {len(out_paths)} outputs")
    for prefix, out in tqdm(list(zip(event_prefixes, out_paths, strict=True)), desc=f"filter pT>{pt_min}"):
        hits, particles, truth = load_event(prefix, parts=("hits", "particles", "truth"))
        sel = select_hits(hits, particles, truth, pt_min=pt_min, source=f"{prefix}-*.csv")
        log.info("%s: %d of %d hits kept at pT >= %s GeV", event_label(prefix), len(sel), len(hits), pt_min)
        with atomic_path(out) as tmp:
            sel.to_parquet(tmp, index=False)


def read_hits(path: str | Path) -> pd.DataFrame:
    df = pd.read_parquet(path)
    missing = [c for c in HIT_COLUMNS if c not in df.columns]
    if missing:
        raise KeyError(f"{path}: filtered-hit file lacks column(s) {', '.join(missing)}")
    return df


def build_graphs(
    hit_paths: list[str], out_paths: list[str], *, pt_min: float, phi_slope_max: float, z0_max: float
) -> None:
    """One graph file per filtered-hit file."""
    if len(hit_paths) != len(out_paths):
        raise ValueError(f"{len(hit_paths)} hit files but {len(out_paths)} outputs")
    for src, out in tqdm(list(zip(hit_paths, out_paths, strict=True)), desc=f"graphs pT>{pt_min}"):
        t0 = time.perf_counter()
        g = build_graph(read_hits(src), pt_min=pt_min, phi_slope_max=phi_slope_max, z0_max=z0_max)
        g.save(out)
        log.info(
            "%s: %d nodes, %d edges (%d true of %d segments) in %.1f ms",
            event_label(src), g.num_nodes, g.num_edges, int(g.y.sum()), int(g.n_true_segments),
            1e3 * (time.perf_counter() - t0),
        )  # fmt: skip


def graph_summary(
    graph_paths: list[str], *, pt_min: float, phi_slope_max: float, z0_max: float
) -> dict[str, Any]:
    """Edge efficiency (true edges / true segments), purity, mean nodes/edges per event (pooled)."""
    graphs = [load_graph(p) for p in graph_paths]
    n_true = sum(float(g.y.sum()) for g in graphs)
    n_seg = sum(int(g.n_true_segments) for g in graphs)
    n_edges = sum(g.num_edges for g in graphs)
    return json_safe(
        {
            "pt_min": pt_min,
            "phi_slope_max": phi_slope_max,
            "z0_max": z0_max,
            "n_events": len(graphs),
            "edge_efficiency": n_true / n_seg if n_seg else float("nan"),
            "edge_purity": n_true / n_edges if n_edges else float("nan"),
            "mean_nodes": float(np.mean([g.num_nodes for g in graphs])) if graphs else float("nan"),
            "mean_edges": float(np.mean([g.num_edges for g in graphs])) if graphs else float("nan"),
            "mean_true_edges": n_true / len(graphs) if graphs else float("nan"),
            "per_event": {
                event_label(p): {"nodes": g.num_nodes, "edges": g.num_edges, "true_edges": int(g.y.sum())}
                for p, g in zip(graph_paths, graphs, strict=True)
            },
        }
    )


def train_model(
    train_paths: list[str],
    val_paths: list[str],
    *,
    hidden_size: int,
    settings: dict[str, Any] | None,
    seed: int,
    model_path: str,
    history_path: str,
    prefer_device: str = "auto",
) -> dict[str, Any]:
    """Train the IN on the given graphs; write the checkpoint and the history JSON."""
    from .train import TrainSettings, load_graphs, save_checkpoint, train

    s = TrainSettings.from_mapping({**(settings or {}), "seed": seed})
    model, history = train(
        load_graphs(train_paths), load_graphs(val_paths), hidden_size=hidden_size, settings=s,
        prefer_device=prefer_device,
    )  # fmt: skip
    history["train_events"] = [event_label(p) for p in train_paths]
    history["val_events"] = [event_label(p) for p in val_paths]
    save_checkpoint(model, history, model_path)
    write_json(history_path, json_safe(history))
    log.info(
        "best epoch %d, val loss %.4f, val AUC %.4f",
        history["best_epoch"],
        history["best_val_loss"],
        history["val_auc"],
    )
    return history


def evaluate_edges(
    model_path: str, val_paths: list[str], test_paths: list[str], *, metrics_path: str, scores_path: str
) -> dict[str, Any]:
    """Threshold where TPR = TNR on validation graphs, metrics on test graphs, per-event test scores."""
    import torch

    from .metrics import threshold_tpr_eq_tnr
    from .train import load_model, predict, to_data

    model = load_model(model_path)
    val = [to_data(p) for p in val_paths]
    test = [to_data(p) for p in test_paths]
    val_s = predict(model, val)
    threshold = threshold_tpr_eq_tnr(
        np.concatenate([g.y.numpy() for g in val]) if val else np.zeros(0),
        np.concatenate(val_s) if val else np.zeros(0),
    )
    t0 = time.perf_counter()
    test_s = predict(model, test)
    infer_ms = 1e3 * (time.perf_counter() - t0) / max(len(test), 1)
    y = np.concatenate([g.y.numpy() for g in test]) if test else np.zeros(0)
    s = np.concatenate(test_s) if test else np.zeros(0)
    metrics = edge_metrics(y, s, threshold)
    metrics.update(
        n_test_events=len(test),
        test_events=[event_label(p) for p in test_paths],
        val_events=[event_label(p) for p in val_paths],
        inference_ms_per_event_cpu=infer_ms,
        torch_threads=torch.get_num_threads(),
        hidden_size=model.hidden_size,
    )
    with atomic_path(scores_path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, **{event_label(p): sc for p, sc in zip(test_paths, test_s, strict=True)})
    write_json(metrics_path, json_safe(metrics))
    log.info(
        "test AUC %.4f, accuracy %.4f at threshold %.3f",
        metrics["auc"] or np.nan,
        metrics["accuracy"],
        threshold,
    )
    return metrics


def _finite_mean(values: list[float]) -> float:
    """Mean of the finite values (events with no graph hit give NaN and are left out)."""
    finite = [v for v in values if np.isfinite(v)]
    return float(np.mean(finite)) if finite else float("nan")


def _full_truth(prefix: str) -> pd.DataFrame:
    from trigml.data.trackml import load_event

    (truth,) = load_event(prefix, parts=("truth",))
    return truth


def reconstruct_tracks(
    graph_paths: list[str],
    scores_path: str,
    event_prefixes: list[str],
    *,
    threshold: float | None,
    edge_metrics_path: str,
    prune: bool,
    min_hits: int,
    dbscan_eps: float,
    dbscan_min_samples: int,
    pt_bins: list[float],
    eta_bins: list[float],
    out_path: str,
) -> dict[str, Any]:
    """Tracks by connected components and by DBSCAN on the test events; efficiencies, fake rates,
    TrackML scores, and efficiency vs pT and eta per method."""
    from trigml.data.trackml import score_event

    from .tracks import (
        binned_efficiency,
        connected_components,
        dbscan_tracks,
        efficiency_summary,
        match_tracks,
    )

    if threshold is None:
        threshold = float(read_json(edge_metrics_path)["threshold"])
    with np.load(scores_path) as npz:
        scores = {k: npz[k] for k in npz.files}
    methods = {
        "connected_components": lambda g, s: connected_components(
            g.num_nodes, g.edge_index, s, threshold, prune=prune
        ),
        "dbscan": lambda g, s: dbscan_tracks(
            g.num_nodes, g.edge_index, s, eps=dbscan_eps, min_samples=dbscan_min_samples
        ),
    }
    result: dict[str, Any] = {
        "threshold": threshold,
        "prune": prune,
        "min_hits": min_hits,
        "dbscan": {"eps": dbscan_eps, "min_samples": dbscan_min_samples},
        "events": [event_label(p) for p in graph_paths],
    }
    for name, fn in methods.items():
        matchings, score_full, score_graph, t_build, t_score = [], [], [], 0.0, 0.0
        per_particle = []
        for gpath, prefix in zip(graph_paths, event_prefixes, strict=True):
            g: Graph = load_graph(gpath)
            key = event_label(gpath)
            if key not in scores:
                raise KeyError(f"{scores_path}: no edge scores for {key}")
            t0 = time.perf_counter()
            labels = fn(g, scores[key])
            t_build += time.perf_counter() - t0
            m = match_tracks(g.particle_id, labels, min_hits=min_hits)
            matchings.append(m)
            info = pd.DataFrame({"particle_id": g.particle_id, "pt": g.pt, "eta": g.eta}).drop_duplicates(
                "particle_id"
            )
            per_particle.append(m.particles.merge(info, on="particle_id", how="left"))
            sub = pd.DataFrame({"hit_id": g.hit_id, "track_id": labels})
            truth = _full_truth(prefix)
            t0 = time.perf_counter()
            score_full.append(score_event(truth, sub))
            t_score += time.perf_counter() - t0
            graph_truth = truth[truth["hit_id"].isin(g.hit_id)]
            score_graph.append(score_event(graph_truth, sub) if len(graph_truth) else float("nan"))
        summary = efficiency_summary(matchings)
        n_ev = max(len(graph_paths), 1)
        summary.update(
            trackml_score=float(np.mean(score_full)) if score_full else float("nan"),
            trackml_score_graph_hits=_finite_mean(score_graph),
            build_ms_per_event=1e3 * t_build / n_ev,
            score_ms_per_event=1e3 * t_score / n_ev,
        )
        parts = (
            pd.concat(per_particle)
            if per_particle
            else pd.DataFrame(columns=["pt", "eta", "reconstructable"])
        )
        rec = parts[parts["reconstructable"]] if len(parts) else parts
        summary["vs_pt"] = {
            d: binned_efficiency(rec["pt"].to_numpy(), rec[d].to_numpy(), np.asarray(pt_bins))
            for d in ("perfect", "double_majority", "lhc")
        }
        summary["vs_eta"] = {
            d: binned_efficiency(rec["eta"].to_numpy(), rec[d].to_numpy(), np.asarray(eta_bins))
            for d in ("perfect", "double_majority", "lhc")
        }
        result[name] = summary
        log.info(
            "%s: efficiency perfect %.3f, double-majority %.3f, LHC %.3f; fake rate (LHC) %.3f; TrackML score %.3f",
            name, summary["eff_perfect"], summary["eff_double_majority"], summary["eff_lhc"],
            summary["fake_rate_lhc"], summary["trackml_score"],
        )  # fmt: skip
    result = json_safe(result)
    write_json(out_path, result)
    return result
