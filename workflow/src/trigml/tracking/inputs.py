"""Config-derived lists and input functions of the tracking rules (``workflow/rules/tracking.smk``).

Each function takes the validated config; those that depend on the ``{pt}`` wildcard return a
callable of ``wildcards`` for Snakemake's ``input:`` / ``params:``. Tested in
``tests/tracking/test_inputs.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from trigml import patterns
from trigml.workflow import trackml_event_ids

from .split import graph_cuts, subset_events, subset_graphs

__all__ = [
    "pt_labels", "events", "graphs", "filtered_hits", "graph_files", "event_csvs", "prefixes", "truth_files",
    "get_prefixes", "get_truth_files", "cut", "pt_min", "train_settings",
]  # fmt: skip


def pt_labels(config: Mapping[str, Any]) -> list[str]:
    """The ``{pt}`` wildcard values of ``tracking.pt_thresholds``."""
    return [patterns.tracking.pt_label(p) for p in config["tracking"]["pt_thresholds"]]


def events(config: Mapping[str, Any], subset: str) -> list[str]:
    """9-digit event ids of one subset (train, val, test) of ``data.trackml.events``."""
    return subset_events(trackml_event_ids(config), subset, **config["tracking"]["split"])


def graphs(config: Mapping[str, Any], subset: str) -> Callable[[Any], list[str]]:
    """Input function: the graph files of ``subset`` at the rule's ``{pt}``."""

    def get_graphs(wildcards: Any) -> list[str]:
        return subset_graphs(trackml_event_ids(config), wildcards.pt, subset, **config["tracking"]["split"])

    return get_graphs


def filtered_hits(config: Mapping[str, Any]) -> list[str]:
    """Filtered-hit files of every event (``{pt}`` left as a wildcard)."""
    return [patterns.tracking.filtered_hits(event=e) for e in trackml_event_ids(config)]


def graph_files(config: Mapping[str, Any]) -> list[str]:
    """Graph files of every event (``{pt}`` left as a wildcard)."""
    return [patterns.tracking.graph_file(event=e) for e in trackml_event_ids(config)]


def event_csvs(config: Mapping[str, Any]) -> list[str]:
    """The hits, particles and truth CSVs of every event (what filter_hits reads)."""
    return [
        patterns.data.trackml_event(event=e, part=part)
        for e in trackml_event_ids(config)
        for part in ("hits", "particles", "truth")
    ]


def prefixes(config: Mapping[str, Any], subset: str | None = None) -> list[str]:
    """``<trackml dir>/event<id>`` of every event, or of one subset."""
    ids = trackml_event_ids(config) if subset is None else events(config, subset)
    return [patterns.data.trackml_event(event=e, part="truth").removesuffix("-truth.csv") for e in ids]


def truth_files(config: Mapping[str, Any], subset: str) -> list[str]:
    return [patterns.data.trackml_event(event=e, part="truth") for e in events(config, subset)]


def get_prefixes(config: Mapping[str, Any], subset: str) -> Callable[[Any], list[str]]:
    """Param function: :func:`prefixes` of ``subset``, evaluated when the job is planned (so a
    config that does not run tracking never needs a valid split)."""

    def get(wildcards: Any) -> list[str]:
        return prefixes(config, subset)

    return get


def get_truth_files(config: Mapping[str, Any], subset: str) -> Callable[[Any], list[str]]:
    """Input function: :func:`truth_files` of ``subset`` (evaluated lazily, see :func:`get_prefixes`)."""

    def get(wildcards: Any) -> list[str]:
        return truth_files(config, subset)

    return get


def cut(config: Mapping[str, Any], key: str) -> Callable[[Any], float]:
    """Param function: ``phi_slope_max`` or ``z0_max`` of the ``tracking.graph.cuts`` row of ``{pt}``."""

    def get_cut(wildcards: Any) -> float:
        return graph_cuts(config["tracking"]["graph"]["cuts"], wildcards.pt)[key]

    return get_cut


def pt_min(wildcards: Any) -> float:
    """Param function: the threshold [GeV] of the ``{pt}`` wildcard."""
    return float(wildcards.pt)


def train_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """``tracking.train`` without ``hidden_size`` (the TrainSettings fields but the seed)."""
    return {k: v for k, v in config["tracking"]["train"].items() if k != "hidden_size"}
