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

from trigml.files import atomic_path, read_json, write_json

from .filtering import HIT_COLUMNS, select_hits
from .graph import Graph, build_graph, load_graph
from .metrics import json_safe

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
    for prefix, out in zip(event_prefixes, out_paths, strict=True):
        hits, particles, truth = load_event(prefix, parts=("hits", "particles", "truth"))
        sel = select_hits(hits, particles, truth, pt_min=pt_min, source=f"{prefix}-*.csv")
        log.info("%s: %d of %d hits kept at pT > %s GeV", event_label(prefix), len(sel), len(hits), pt_min)
        with atomic_path(out) as tmp:
            sel.to_parquet(tmp, index=False)


def read_hits(path: str | Path) -> pd.DataFrame:
    df = pd.read_parquet(path)
    missing = [c for c in HIT_COLUMNS if c not in df.columns]
    if missing:
        raise KeyError(f"{path}: filtered-hit file lacks column(s) {', '.join(missing)}")
    return df


def build_graphs(
    hit_paths: list[str], out_paths: list[str], *, pt_min: float, phi_slope_max: float, z0_max: float, labels: str
) -> None:
    """One graph file per filtered-hit file; the log line splits read, build and write time."""
    if len(hit_paths) != len(out_paths):
        raise ValueError(f"{len(hit_paths)} hit files but {len(out_paths)} outputs")
    for src, out in zip(hit_paths, out_paths, strict=True):
        t0 = time.perf_counter()
        hits = read_hits(src)
        t1 = time.perf_counter()
        g = build_graph(hits, pt_min=pt_min, phi_slope_max=phi_slope_max, z0_max=z0_max, labels=labels)
        t2 = time.perf_counter()
        g.save(out)
        t3 = time.perf_counter()
        log.info(
            "%s: %d nodes, %d edges (%d true, %d of %d segments); read %.1f ms, build %.1f ms, write %.1f ms",
            event_label(src), g.num_nodes, g.num_edges, int(g.y.sum()), int(g.n_segment_edges),
            int(g.n_true_segments), 1e3 * (t1 - t0), 1e3 * (t2 - t1), 1e3 * (t3 - t2),
        )  # fmt: skip


def graph_summary(
    graph_paths: list[str], *, pt_min: float, phi_slope_max: float, z0_max: float
) -> dict[str, Any]:
    """Edge efficiency (segment edges / true segments) and purity (true edges / edges) pooled, with
    Clopper-Pearson intervals; mean nodes and edges per event with their standard error."""
    from .stats import clopper_pearson

    graphs = [load_graph(p) for p in graph_paths]
    n_true = sum(int(g.y.sum()) for g in graphs)
    n_seg_edges = sum(int(g.n_segment_edges) for g in graphs)
    n_seg = sum(int(g.n_true_segments) for g in graphs)
    n_edges = sum(g.num_edges for g in graphs)
    nodes = np.array([g.num_nodes for g in graphs], float)
    edges = np.array([g.num_edges for g in graphs], float)

    def mean_err(a: np.ndarray) -> dict[str, float]:
        return {"mean": float(a.mean()), "sem": float(a.std(ddof=1) / np.sqrt(len(a))) if len(a) > 1 else float("nan")}

    eff, pur = clopper_pearson(n_seg_edges, n_seg), clopper_pearson(n_true, n_edges)
    return json_safe({
        "pt_min": pt_min, "phi_slope_max": phi_slope_max, "z0_max": z0_max, "n_events": len(graphs),
        "edge_efficiency": eff["value"], "edge_purity": pur["value"],
        "mean_nodes": float(nodes.mean()) if len(graphs) else float("nan"),
        "mean_edges": float(edges.mean()) if len(graphs) else float("nan"),
        "mean_true_edges": n_true / len(graphs) if graphs else float("nan"),
        "intervals": {"edge_efficiency": eff, "edge_purity": pur,
                      "nodes": mean_err(nodes) if len(graphs) else None,
                      "edges": mean_err(edges) if len(graphs) else None},
        "per_event": {
            event_label(p): {"nodes": g.num_nodes, "edges": g.num_edges, "true_edges": int(g.y.sum())}
            for p, g in zip(graph_paths, graphs, strict=True)
        },
    })  # fmt: skip


def train_model(
    train_paths: list[str],
    val_paths: list[str],
    *,
    hidden_size: int,
    settings: dict[str, Any],
    seed: int,
    model_path: str,
    history_path: str,
    prefer_device: str = "auto",
) -> dict[str, Any]:
    """Train the IN on the given graphs (in ``settings["direction"]``); write the checkpoint and
    the history JSON."""
    from .train import TrainSettings, load_graphs, save_checkpoint, train

    s = TrainSettings.from_mapping({**settings, "seed": seed})
    model, history = train(
        load_graphs(train_paths, s.direction), load_graphs(val_paths, s.direction), hidden_size=hidden_size,
        settings=s, prefer_device=prefer_device,
    )  # fmt: skip
    history["train_events"] = [event_label(p) for p in train_paths]
    history["val_events"] = [event_label(p) for p in val_paths]
    timing = history.pop("timing")  # wall-clock facts stay in the log: the JSON is byte-reproducible
    log.info("training speed: %.1f graphs/s", timing["train_graphs_per_second"])
    save_checkpoint(model, history, model_path)
    write_json(history_path, json_safe(history))
    log.info("best epoch %d, val loss %.4f, val AUC %.4f, threshold %.4f",
             history["best_epoch"], history["best_val_loss"], history["val_auc"], history["threshold"])  # fmt: skip
    return history


def evaluate_edges(
    model_path: str,
    val_paths: list[str],
    test_paths: list[str],
    *,
    n_boot: int,
    seed: int,
    metrics_path: str,
    scores_path: str,
) -> dict[str, Any]:
    """Threshold where TPR = TNR on validation graphs, metrics on test graphs with event-bootstrap
    intervals, per-event test scores (the two directions combined as the checkpoint says)."""
    import torch

    from .metrics import edge_metrics_with_errors, threshold_tpr_eq_tnr
    from .train import TrainSettings, combined_scores, load_checkpoint, load_model, to_data

    ckpt = load_checkpoint(model_path)
    s = TrainSettings.from_mapping(ckpt["settings"])
    model = load_model(model_path)
    threshold = threshold_tpr_eq_tnr(*combined_scores(model, [to_data(p, s.direction) for p in val_paths], s))
    test = [to_data(p, s.direction) for p in test_paths]
    t0 = time.perf_counter()
    per_event = [combined_scores(model, [g], s) for g in test]
    infer_ms = 1e3 * (time.perf_counter() - t0) / max(len(test), 1)
    metrics = edge_metrics_with_errors(per_event, threshold, n_boot=n_boot, seed=seed)
    metrics.update(
        n_test_events=len(test), test_events=[event_label(p) for p in test_paths],
        val_events=[event_label(p) for p in val_paths],
        torch_threads=torch.get_num_threads(), hidden_size=model.hidden_size,
        direction=s.direction, combine=s.combine,
    )  # fmt: skip
    with atomic_path(scores_path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **{event_label(p): sc for p, (_, sc) in zip(test_paths, per_event, strict=True)})
    write_json(metrics_path, json_safe(metrics))
    log.info("test AUC %s, accuracy %.4f at threshold %.4f", metrics["auc"], metrics["accuracy"], threshold)
    log.info("inference: %.1f ms per test event on %d torch thread(s)", infer_ms, torch.get_num_threads())
    return metrics


def _finite_mean(values: list[float]) -> float:
    """Mean of the finite values (events with no graph hit give NaN and are left out)."""
    finite = [v for v in values if np.isfinite(v)]
    return float(np.mean(finite)) if finite else float("nan")


def _full_truth(prefix: str) -> pd.DataFrame:
    from trigml.data.trackml import load_event

    (truth,) = load_event(prefix, parts=("truth",))
    return truth


def _labels(method: str, g: Graph, scores: np.ndarray, threshold: float, ts: Any) -> np.ndarray:
    """Track label per node of one graph by one building method (``TrackSettings.methods``)."""
    from .tracks import connected_components, dbscan_eta_phi, dbscan_tracks

    if method == "dbscan_eta_phi":
        r, phi, z = g.rphiz().T
        eta = np.arcsinh(z / np.where(r > 0, r, np.nan))
        return dbscan_eta_phi(g.num_nodes, g.edge_index, scores, threshold, eta=eta, phi=phi,
                              eps=ts.dbscan_eps, min_samples=ts.dbscan_min_samples)  # fmt: skip
    if method == "dbscan_score":
        return dbscan_tracks(g.num_nodes, g.edge_index, scores, eps=ts.score_eps, min_samples=ts.dbscan_min_samples)
    return connected_components(g.num_nodes, g.edge_index, scores, threshold, prune=ts.prune)


def _build_method(method: str, graphs: list[tuple[Graph, np.ndarray, pd.DataFrame]], threshold: float,
                  ts: Any) -> dict[str, Any]:  # fmt: skip
    """Efficiencies (with intervals), fake rates, TrackML scores and binned efficiencies of one method."""
    from trigml.data.trackml import score_event

    from .tracks import binned_efficiency, efficiency_summary, match_tracks, match_tracks_dezoort

    matchings, per_particle, score_full, score_graph, t_build = [], [], [], [], 0.0
    for g, sc, truth in graphs:
        t0 = time.perf_counter()
        labels = _labels(method, g, sc, threshold, ts)
        t_build += time.perf_counter() - t0
        m = (match_tracks_dezoort(g.particle_id, labels) if ts.matching == "dezoort"
             else match_tracks(g.particle_id, labels, min_hits=ts.min_hits))  # fmt: skip
        matchings.append(m)
        info = pd.DataFrame({"particle_id": g.particle_id, "pt": g.pt, "eta": g.eta}).drop_duplicates("particle_id")
        per_particle.append(m.particles.merge(info, on="particle_id", how="left"))
        sub = pd.DataFrame({"hit_id": g.hit_id, "track_id": labels})
        score_full.append(score_event(truth, sub))
        graph_truth = truth[truth["hit_id"].isin(g.hit_id)]
        score_graph.append(score_event(graph_truth, sub) if len(graph_truth) else float("nan"))
    summary = efficiency_summary(matchings)
    summary.update(
        trackml_score=float(np.mean(score_full)) if score_full else float("nan"),
        trackml_score_graph_hits=_finite_mean(score_graph),
    )
    log.info("track building: %.1f ms per event", 1e3 * t_build / max(len(graphs), 1))
    parts = pd.concat(per_particle) if per_particle else pd.DataFrame(columns=["pt", "eta", "reconstructable"])
    rec = parts[parts["reconstructable"].astype(bool)] if len(parts) else parts
    for var, bins in (("pt", ts.pt_bins), ("eta", ts.eta_bins)):
        summary[f"vs_{var}"] = {
            d: binned_efficiency(rec[var].to_numpy(), rec[d].to_numpy(), np.asarray(bins))
            for d in ("perfect", "double_majority", "lhc")
        }
    return summary


def reconstruct_tracks(
    graph_paths: list[str],
    scores_path: str,
    event_prefixes: list[str],
    *,
    tracks: dict[str, Any],
    edge_metrics_path: str,
    out_path: str,
) -> dict[str, Any]:
    """Tracks by each configured method on the test events; efficiencies with intervals, fake
    rates, TrackML scores, efficiency vs pT and eta. The edge threshold is the validation working
    point of ``edge_metrics_path`` unless ``tracks.threshold`` fixes one."""
    from .settings import TrackSettings

    ts = TrackSettings.from_mapping(tracks)
    threshold = ts.threshold if ts.threshold is not None else float(read_json(edge_metrics_path)["threshold"])
    with np.load(scores_path) as npz:
        scores = {k: npz[k] for k in npz.files}
    graphs = []
    for gpath, prefix in zip(graph_paths, event_prefixes, strict=True):
        key = event_label(gpath)
        if key not in scores:
            raise KeyError(f"{scores_path}: no edge scores for {key}")
        graphs.append((load_graph(gpath), scores[key], _full_truth(prefix)))
    result: dict[str, Any] = {
        "threshold": threshold, "threshold_source": "fixed" if ts.threshold is not None else "validation TPR = TNR",
        "settings": {k: v for k, v in tracks.items() if k not in ("pt_bins", "eta_bins")},
        "events": [event_label(p) for p in graph_paths], "headline_method": ts.methods[0],
    }  # fmt: skip
    for method in ts.methods:
        summary = _build_method(method, graphs, threshold, ts)
        result[method] = summary
        iv = summary["intervals"]
        log.info(
            "%s: efficiency perfect %.3f, double-majority %.3f [%.3f, %.3f], LHC %.3f; fake rate (LHC) %.3f",
            method, summary["eff_perfect"], summary["eff_double_majority"], iv["eff_double_majority"]["lo"] or 0,
            iv["eff_double_majority"]["hi"] or 0, summary["eff_lhc"], summary["fake_rate_lhc"],
        )  # fmt: skip
    result = json_safe(result)
    write_json(out_path, result)
    return result
