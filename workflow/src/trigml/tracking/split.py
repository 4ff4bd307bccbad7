"""The event split and the per-threshold cuts of the tracking study, as the workflow uses them.

Events are split by their position in ``data.trackml.events``: the training events first, then
``n_val`` validation events, then the last ``n_test`` test events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigml import patterns

SUBSETS = ("train", "val", "test")


def split_events(events: Sequence[str], *, n_val: int, n_test: int) -> dict[str, list[str]]:
    """``{"train": [...], "val": [...], "test": [...]}``; at least one training event."""
    events = list(events)
    n_train = len(events) - n_val - n_test
    if n_val < 1 or n_test < 1 or n_train < 1:
        raise ValueError(
            f"config keys 'tracking.split.n_val' ({n_val}) and 'tracking.split.n_test' ({n_test}) must be >= 1 "
            f"and leave at least one training event of the {len(events)} in data.trackml.events"
        )
    return {
        "train": events[:n_train],
        "val": events[n_train : n_train + n_val],
        "test": events[n_train + n_val :],
    }


def subset_events(events: Sequence[str], subset: str, *, n_val: int, n_test: int) -> list[str]:
    if subset not in SUBSETS:
        raise ValueError(f"unknown subset '{subset}' (one of {', '.join(SUBSETS)})")
    return split_events(events, n_val=n_val, n_test=n_test)[subset]


def subset_graphs(events: Sequence[str], pt: str, subset: str, *, n_val: int, n_test: int) -> list[str]:
    """Graph files of one subset at threshold ``pt`` (the wildcard value)."""
    return [
        patterns.tracking.graph_file(pt=pt, event=e)
        for e in subset_events(events, subset, n_val=n_val, n_test=n_test)
    ]


def graph_cuts(cuts: Sequence[Mapping[str, Any]], pt: str) -> dict[str, float]:
    """The ``tracking.graph.cuts`` row of threshold ``pt`` (a wildcard value, e.g. "2.0")."""
    for row in cuts:
        if patterns.tracking.pt_label(row["pt"]) == pt:
            return {"phi_slope_max": float(row["phi_slope_max"]), "z0_max": float(row["z0_max"])}
    raise ValueError(
        f"config key 'tracking.graph.cuts' has no row with pt {pt} (every tracking.pt_thresholds entry needs one)"
    )
