"""Paths of the tracking study (DeZoort et al. 2021).

``{pt}`` is a pT threshold written as ``str(float(pt))`` (2.0 -> ``2.0``, 0.75 -> ``0.75``),
see :func:`pt_label`; ``{event}`` the 9-digit TrackML event id.
"""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "pt_label",
    "root",
    "filtered_hits",
    "graph_file",
    "graph_summary",
    "graph_summary_png",
    "in_checkpoint",
    "in_history",
    "training_png",
    "edge_metrics",
    "edge_scores",
    "roc_png",
    "track_metrics",
    "efficiency_png",
]


def pt_label(pt: float | str) -> str:
    """The ``{pt}`` wildcard value of a threshold in GeV: ``str(float(pt))``."""
    return str(float(pt))


def root() -> str:
    return f"{RESULTS}/tracking"


def filtered_hits(**wc: object) -> str:
    """One event's hits after filtering at one pT threshold (parquet, ``filtering.HIT_COLUMNS``)."""
    return fmt(f"{RESULTS}/tracking/hits/pt{{pt}}/event{{event}}.parquet", **wc)


def graph_file(**wc: object) -> str:
    """One event's graph at one pT threshold (npz: x, edge_index, edge_attr, y, hit_id, particle_id, ...)."""
    return fmt(f"{RESULTS}/tracking/graphs/pt{{pt}}/event{{event}}.npz", **wc)


def graph_summary(**wc: object) -> str:
    """Edge efficiency, purity, mean nodes and edges per event at one pT threshold."""
    return fmt(f"{RESULTS}/tracking/graphs/pt{{pt}}/summary.json", **wc)


def graph_summary_png() -> str:
    """The graph summaries vs pT threshold, with the paper's values."""
    return f"{RESULTS}/tracking/graphs/summary.png"


def in_checkpoint(**wc: object) -> str:
    """Best checkpoint of the interaction network trained at one pT threshold."""
    return fmt(f"{RESULTS}/tracking/train/pt{{pt}}/model.pt", **wc)


def in_history(**wc: object) -> str:
    """Per-epoch losses/accuracies of that training."""
    return fmt(f"{RESULTS}/tracking/train/pt{{pt}}/history.json", **wc)


def training_png(**wc: object) -> str:
    return fmt(f"{RESULTS}/tracking/train/pt{{pt}}/training.png", **wc)


def edge_metrics(**wc: object) -> str:
    """Edge-classification metrics on the test events (threshold from validation)."""
    return fmt(f"{RESULTS}/tracking/edges/pt{{pt}}/metrics.json", **wc)


def edge_scores(**wc: object) -> str:
    """Edge scores of the test events (npz, one array per event label)."""
    return fmt(f"{RESULTS}/tracking/edges/pt{{pt}}/scores.npz", **wc)


def roc_png(**wc: object) -> str:
    return fmt(f"{RESULTS}/tracking/edges/pt{{pt}}/roc.png", **wc)


def track_metrics(**wc: object) -> str:
    """Tracking efficiencies, fake rates and TrackML scores of both track-building methods."""
    return fmt(f"{RESULTS}/tracking/tracks/pt{{pt}}/metrics.json", **wc)


def efficiency_png(**wc: object) -> str:
    """Efficiency vs ``{var}`` (pt or eta)."""
    return fmt(f"{RESULTS}/tracking/tracks/pt{{pt}}/efficiency_{{var}}.png", **wc)
