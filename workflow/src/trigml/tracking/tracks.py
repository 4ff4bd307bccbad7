"""Track building from classified edges, and tracking efficiencies.

Track building (each returns one label per node; every node gets a track id >= 0):

* :func:`connected_components`: the edges with score >= threshold joined into components
  (``scipy.sparse.csgraph.connected_components``, undirected); optionally (``prune``) only the
  edges that are their source's best outgoing and their target's best incoming edge.
* :func:`dbscan_eta_phi` (the paper's): the edges with score > threshold (the validation working
  point) carry their hits' distance ``sqrt(deta^2 + dphi^2)``; DBSCAN (``metric="precomputed"``)
  on that *sparse, directed* matrix (row = inner hit, as the authors fill theirs, never N x N),
  with their eps = 0.4 and min_samples = 1;
* :func:`dbscan_tracks` (trigml's older option): DBSCAN on the sparse distance ``1 - score``.
  Unclustered hits become singletons.

Matching ``dezoort`` (the authors' ``measure_tracking_effs.py``): every cluster is a track; its
majority particle (most hits, ties to the smaller id) with purity f; LHC: f > 0.75; perfect: LHC
and the cluster has as many hits as the particle has in the graph; double majority: f > 0.5 and
the cluster holds > 50 % of the particle's hits; the denominator is every particle with a hit in
the graph (pT above the threshold). :func:`match_tracks_dezoort`.

Matching ``strict`` (trigml's own, :func:`match_tracks`; a *track* is a label with >= ``min_hits``
hits, a *reconstructable particle* one with >= ``min_hits`` hits in the graph):

* perfect: some track holds exactly the particle's hits, no more, no fewer;
* double majority (ATLAS / TrackML): some track has > 50 % of its hits from the particle and
  holds > 50 % of the particle's hits;
* LHC: some track whose majority particle is this one has purity >= 75 %;
* efficiency = matched reconstructable particles / reconstructable particles (each definition);
* fake rate (LHC) = tracks with purity < 75 % / tracks; fake rate (DM) = tracks that are no
  particle's double-majority match / tracks; duplicate rate (LHC) = LHC-matched tracks beyond
  the first of their particle / tracks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components as _cc
from sklearn.cluster import DBSCAN

__all__ = [
    "best_edges",
    "connected_components",
    "dbscan_eta_phi",
    "dbscan_tracks",
    "match_tracks_dezoort",
    "match_tracks",
    "Matching",
    "efficiency_summary",
    "binned_efficiency",
    "submission",
]


def _selected(n: int, edge_index: np.ndarray, scores: np.ndarray, threshold: float) -> tuple[np.ndarray, ...]:
    edge_index = np.asarray(edge_index, dtype=np.int64).reshape(2, -1)
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != (edge_index.shape[1],):
        raise ValueError(f"scores shape {scores.shape} does not match {edge_index.shape[1]} edges")
    if n and edge_index.size and (edge_index.min() < 0 or edge_index.max() >= n):
        raise ValueError(f"edge_index refers to nodes outside 0..{n - 1}")
    keep = scores >= threshold
    return edge_index[0, keep], edge_index[1, keep], scores[keep]


def best_edges(n: int, src: np.ndarray, dst: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Mask of the edges that are both their source's best outgoing and their target's best
    incoming edge (highest score; ties keep all). A particle leaves one hit per layer, so on its
    trajectory every hit has one successor and one predecessor: this drops the extra edges
    through which one fake edge above threshold would merge two tracks into one component."""
    best_out = np.full(n, -np.inf)
    best_in = np.full(n, -np.inf)
    np.maximum.at(best_out, src, scores)
    np.maximum.at(best_in, dst, scores)
    return (scores >= best_out[src]) & (scores >= best_in[dst])


def connected_components(
    n: int, edge_index: np.ndarray, scores: np.ndarray, threshold: float, *, prune: bool = False
) -> np.ndarray:
    """Track label of each of ``n`` nodes: components of the edges with score >= ``threshold``
    (with ``prune``, of those among them kept by :func:`best_edges`)."""
    src, dst, s = _selected(n, edge_index, scores, threshold)
    if n == 0:
        return np.zeros(0, np.int64)
    if prune and len(src):
        keep = best_edges(n, src, dst, s)
        src, dst = src[keep], dst[keep]
    adj = sp.coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n)).tocsr()
    _, labels = _cc(adj, directed=False)
    return labels.astype(np.int64)


def dbscan_tracks(
    n: int, edge_index: np.ndarray, scores: np.ndarray, *, eps: float = 0.5, min_samples: int = 2
) -> np.ndarray:
    """Track label of each node from DBSCAN on the sparse distance graph d = 1 - score.

    Only stored entries are neighbours; distances are floored at 1e-9 so that an edge with
    score 1 is not mistaken for a missing entry.
    """
    src, dst, s = _selected(n, edge_index, scores, 1.0 - eps)
    if n == 0:
        return np.zeros(0, np.int64)
    d = np.maximum(1.0 - s, 1e-9)
    dist = sp.coo_matrix(
        (np.concatenate([d, d]), (np.concatenate([src, dst]), np.concatenate([dst, src]))), (n, n)
    )
    dist = dist.tocsr()
    dist.sum_duplicates()
    labels = DBSCAN(eps=eps, min_samples=min_samples, metric="precomputed").fit_predict(dist).astype(np.int64)
    lone = labels < 0
    labels[lone] = labels.max(initial=-1) + 1 + np.arange(int(lone.sum()))
    return labels


def dbscan_eta_phi(
    n: int,
    edge_index: np.ndarray,
    scores: np.ndarray,
    threshold: float,
    *,
    eta: np.ndarray,
    phi: np.ndarray,
    eps: float,
    min_samples: int,
) -> np.ndarray:
    """Track label of each node: DBSCAN on the eta-phi distance of the edges with score > threshold.

    ``eta``, ``phi`` are the hits' (from their positions). The matrix holds one entry per selected
    edge at [inner hit, outer hit] (the authors fill one direction only; every other pair is
    "far"), floored at 1e-9 so that a zero distance stays a stored neighbour.
    """
    src, dst, s = _selected(n, edge_index, scores, threshold)
    keep = s > threshold
    src, dst = src[keep], dst[keep]
    if n == 0:
        return np.zeros(0, np.int64)
    dphi = np.asarray(phi, np.float64)[dst] - np.asarray(phi, np.float64)[src]
    dphi = np.where(dphi > np.pi, dphi - 2 * np.pi, np.where(dphi < -np.pi, dphi + 2 * np.pi, dphi))
    deta = np.asarray(eta, np.float64)[dst] - np.asarray(eta, np.float64)[src]
    d = np.maximum(np.hypot(deta, dphi), 1e-9)
    dist = sp.csr_matrix((d, (src, dst)), shape=(n, n))
    dist.sum_duplicates()
    labels = DBSCAN(eps=eps, min_samples=min_samples, metric="precomputed").fit_predict(dist).astype(np.int64)
    lone = labels < 0
    labels[lone] = labels.max(initial=-1) + 1 + np.arange(int(lone.sum()))
    return labels


def _pairs(particle_id: np.ndarray, labels: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
    """Per (track, particle) hit counts with the track's (t_n) and particle's (p_n) hit counts."""
    particle_id = np.asarray(particle_id, dtype=np.int64)
    labels = np.asarray(labels, dtype=np.int64)
    if particle_id.shape != labels.shape:
        raise ValueError(f"{particle_id.shape[0]} particle ids but {labels.shape[0]} track labels")
    hits = pd.DataFrame({"particle_id": particle_id, "track_id": labels})
    p_n = hits.groupby("particle_id").size().rename("nhits")
    t_n = hits.groupby("track_id").size().rename("nhits")
    pair = hits.groupby(["track_id", "particle_id"]).size().rename("n").reset_index()
    pair["t_n"] = t_n.reindex(pair["track_id"]).to_numpy()
    pair["p_n"] = p_n.reindex(pair["particle_id"]).to_numpy()
    return pair, p_n


def _majority(pair: pd.DataFrame) -> pd.DataFrame:
    """One row per track: its majority particle (most hits, ties to the smaller particle id)."""
    major = pair.sort_values(["track_id", "n", "particle_id"], ascending=[True, False, True])
    major = major.drop_duplicates("track_id")
    tracks = pd.DataFrame({
        "track_id": major["track_id"].to_numpy(), "nhits": major["t_n"].to_numpy(),
        "major_particle_id": major["particle_id"].to_numpy(), "major_nhits": major["n"].to_numpy(),
        "major_particle_nhits": major["p_n"].to_numpy(),
    })  # fmt: skip
    tracks["purity"] = tracks["major_nhits"] / tracks["nhits"]
    return tracks


def match_tracks_dezoort(particle_id: np.ndarray, labels: np.ndarray) -> Matching:
    """The authors' matching (module docstring): every cluster a track, every particle counted."""
    pair, p_n = _pairs(particle_id, labels)
    tracks = _majority(pair)
    tracks["lhc"] = tracks["purity"] > 0.75
    perfect = tracks["lhc"] & (tracks["major_particle_nhits"] == tracks["nhits"])
    tracks["dm"] = (tracks["purity"] > 0.5) & (2 * tracks["major_nhits"] > tracks["major_particle_nhits"])
    particles = p_n.reset_index()
    particles["reconstructable"] = True
    for col, mask in (("perfect", perfect), ("double_majority", tracks["dm"]), ("lhc", tracks["lhc"])):
        particles[col] = particles["particle_id"].isin(tracks.loc[mask, "major_particle_id"])
    return Matching(particles=particles, tracks=tracks)


@dataclass
class Matching:
    """Per-particle and per-track results of :func:`match_tracks`."""

    particles: pd.DataFrame  # particle_id, nhits, reconstructable, perfect, double_majority, lhc
    tracks: pd.DataFrame  # track_id, nhits, major_particle_id, major_nhits, purity, lhc, dm


def match_tracks(particle_id: np.ndarray, labels: np.ndarray, *, min_hits: int = 3) -> Matching:
    """Match tracks (node labels) to particles (node particle ids) under the three definitions."""
    pair, p_n = _pairs(particle_id, labels)
    pair = pair[pair["t_n"] >= min_hits]  # only tracks with enough hits count
    # majority particle of each track: most hits, ties to the smaller particle id
    major = pair.sort_values(["track_id", "n", "particle_id"], ascending=[True, False, True]).drop_duplicates(
        "track_id"
    )
    tracks = pd.DataFrame(
        {
            "track_id": major["track_id"].to_numpy(),
            "nhits": major["t_n"].to_numpy(),
            "major_particle_id": major["particle_id"].to_numpy(),
            "major_nhits": major["n"].to_numpy(),
        }
    )
    tracks["purity"] = tracks["major_nhits"] / tracks["nhits"]
    tracks["lhc"] = tracks["purity"] >= 0.75
    dm_pair = (2 * pair["n"] > pair["t_n"]) & (2 * pair["n"] > pair["p_n"])
    perfect_pair = (pair["n"] == pair["t_n"]) & (pair["n"] == pair["p_n"])
    tracks["dm"] = tracks["track_id"].isin(pair.loc[dm_pair, "track_id"])

    particles = p_n.reset_index()
    particles["reconstructable"] = particles["nhits"] >= min_hits
    particles["perfect"] = particles["particle_id"].isin(pair.loc[perfect_pair, "particle_id"])
    particles["double_majority"] = particles["particle_id"].isin(pair.loc[dm_pair, "particle_id"])
    particles["lhc"] = particles["particle_id"].isin(tracks.loc[tracks["lhc"], "major_particle_id"])
    for col in ("perfect", "double_majority", "lhc"):
        particles[col] &= particles["reconstructable"]
    return Matching(particles=particles, tracks=tracks)


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def efficiency_summary(matchings: list[Matching]) -> dict[str, object]:
    """Efficiencies and fake rates pooled over events (counts summed before dividing), each also
    under ``intervals`` with its Clopper-Pearson interval (``trigml.tracking.stats``), and the
    authors' per-event mean with its spread (``per_event``)."""
    from .stats import clopper_pearson

    parts = pd.concat([m.particles for m in matchings]) if matchings else pd.DataFrame()
    tracks = pd.concat([m.tracks for m in matchings]) if matchings else pd.DataFrame()
    n_rec = int(parts["reconstructable"].sum()) if len(parts) else 0
    n_trk = len(tracks)
    n_dup = sum(int(m.tracks["lhc"].sum()) - m.tracks.loc[m.tracks["lhc"], "major_particle_id"].nunique()
                for m in matchings)  # fmt: skip  (duplicates per event: particle ids repeat across events)
    counts = {
        "eff_perfect": (int(parts["perfect"].sum()) if n_rec else 0, n_rec),
        "eff_double_majority": (int(parts["double_majority"].sum()) if n_rec else 0, n_rec),
        "eff_lhc": (int(parts["lhc"].sum()) if n_rec else 0, n_rec),
        "fake_rate_lhc": (int((~tracks["lhc"]).sum()) if n_trk else 0, n_trk),
        "fake_rate_double_majority": (int((~tracks["dm"]).sum()) if n_trk else 0, n_trk),
        "duplicate_rate_lhc": (n_dup, n_trk),
    }
    out: dict[str, object] = {"n_particles": n_rec, "n_tracks": n_trk}
    intervals = {k: clopper_pearson(*kn) for k, kn in counts.items()}
    out.update({k: iv["value"] if iv["value"] is not None else float("nan") for k, iv in intervals.items()})
    out["intervals"] = intervals
    per_event = {}
    for d in ("perfect", "double_majority", "lhc"):
        effs = [float(m.particles.loc[m.particles["reconstructable"], d].mean()) for m in matchings
                if m.particles["reconstructable"].any()]  # fmt: skip
        per_event[f"eff_{d}"] = {"mean": float(np.mean(effs)) if effs else None,
                                 "std": float(np.std(effs)) if effs else None}  # fmt: skip
    out["per_event"] = per_event
    return out


def binned_efficiency(values: np.ndarray, matched: np.ndarray, edges: np.ndarray) -> dict[str, list]:
    """Efficiency per bin of ``values`` with its Clopper-Pearson interval (``lo``, ``hi``) and the
    binomial error ``err``; empty bins give None."""
    from .stats import clopper_pearson

    values, matched = np.asarray(values, np.float64), np.asarray(matched, bool)
    idx = np.digitize(values, edges) - 1
    ok = (idx >= 0) & (idx < len(edges) - 1)
    n = np.bincount(idx[ok], minlength=len(edges) - 1)
    k = np.bincount(idx[ok], weights=matched[ok].astype(float), minlength=len(edges) - 1).astype(int)
    iv = [clopper_pearson(kk, nn) for kk, nn in zip(k, n, strict=True)]
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = k / n
        err = np.sqrt(eff * (1 - eff) / n)
    return {
        "edges": [float(e) for e in edges],
        "n": n.astype(int).tolist(),
        "eff": [float(v) if np.isfinite(v) else None for v in eff],
        "err": [float(v) if np.isfinite(v) else None for v in err],
        "lo": [i["lo"] for i in iv],
        "hi": [i["hi"] for i in iv],
    }


def submission(hit_id: np.ndarray, labels: np.ndarray) -> pd.DataFrame:
    """TrackML submission frame (hit_id, track_id) of the graph's hits."""
    return pd.DataFrame({"hit_id": np.asarray(hit_id, np.int64), "track_id": np.asarray(labels, np.int64)})
