"""Paths of the tracking study (DeZoort et al. 2021)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = ["tracking_dir", "graph_file", "in_checkpoint", "in_history"]


def tracking_dir() -> str:
    return f"{RESULTS}/tracking"


def graph_file(**wc: object) -> str:
    """One event's graph at one pT threshold (npz: x, edge_index, edge_attr, y, hit_id, particle_id)."""
    return fmt(f"{RESULTS}/tracking/graphs/pt{{pt}}/event{{event}}.npz", **wc)


def in_checkpoint(**wc: object) -> str:
    """Best checkpoint of the interaction network trained at one pT threshold."""
    return fmt(f"{RESULTS}/tracking/train/pt{{pt}}/model.pt", **wc)


def in_history(**wc: object) -> str:
    """Per-epoch losses/accuracies of that training."""
    return fmt(f"{RESULTS}/tracking/train/pt{{pt}}/history.json", **wc)
