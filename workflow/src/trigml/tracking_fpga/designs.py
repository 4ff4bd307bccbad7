"""Build the fixed-size designs from the tracking study's event graphs (one rule, all designs)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trigml.files import atomic_path, write_json

from .sectors import design_name, load_graph, pad_sectors, split_sectors
from .settings import SectorSettings

log = logging.getLogger(__name__)


def build_designs(
    graph_files: Sequence[str | Path],
    events: Sequence[int],
    designs: Sequence[Sequence[int]],
    out_files: Sequence[str | Path],
    summary_json: str | Path,
    *,
    sectors: SectorSettings,
) -> dict[str, Any]:
    """Split every event into sectors, pad/truncate to each design, write one npz per design and
    ``designs.json`` (per design: fractions of all and of true edges lost, fill, sector sizes)."""
    if len(graph_files) != len(events):
        raise ValueError(f"{len(graph_files)} graph files for {len(events)} events")
    if len(designs) != len(out_files):
        raise ValueError(f"{len(designs)} designs for {len(out_files)} output files")
    if not graph_files:
        raise ValueError("no graph files given")
    parts_all: list[tuple[int, int, Any]] = []
    cut = {"edges": 0, "true_edges": 0, "edges_cut_by_sectors": 0, "true_edges_cut_by_sectors": 0}
    for path, ev in zip(graph_files, events):
        g = load_graph(path)
        parts, st = split_sectors(g, **sectors.kwargs())
        cut["edges"] += g.n_edges
        cut["true_edges"] += int((g.y > 0.5).sum())
        for k in ("edges_cut_by_sectors", "true_edges_cut_by_sectors"):
            cut[k] += st[k]
        parts_all += [(int(ev), s, part) for s, part in enumerate(parts)]
        log.info("%s: %d nodes, %d edges -> %d sectors", path, g.n_nodes, g.n_edges, len(parts))
    summary: dict[str, Any] = {
        "sectors": sectors.to_dict(),
        "events": [int(e) for e in events],
        "event_edges": cut["edges"],
        "event_true_edges": cut["true_edges"],
        "fraction_edges_cut_by_sectors": cut["edges_cut_by_sectors"] / max(1, cut["edges"]),
        "fraction_true_edges_cut_by_sectors": cut["true_edges_cut_by_sectors"] / max(1, cut["true_edges"]),
        "designs": {},
    }
    for (n_nodes, n_edges), out in zip(designs, out_files):
        padded, st = pad_sectors(parts_all, int(n_nodes), int(n_edges))
        # losses relative to the whole events: sectoring cut + padding/truncation
        lost_all = cut["edges_cut_by_sectors"] + st["edges_lost"]
        lost_true = cut["true_edges_cut_by_sectors"] + st["true_edges_lost"]
        st["fraction_edges_lost_total"] = lost_all / max(1, cut["edges"])
        st["fraction_true_edges_lost_total"] = lost_true / max(1, cut["true_edges"])
        summary["designs"][design_name(n_nodes, n_edges)] = st
        with atomic_path(out) as tmp:
            with open(tmp, "wb") as fh:
                padded.save(fh)
        log.info(
            "%s: %d graphs, %.3f of edges and %.3f of true edges lost to truncation",
            design_name(n_nodes, n_edges),
            st["n_graphs"],
            st["fraction_edges_lost"],
            st["fraction_true_edges_lost"],
        )
    write_json(summary_json, summary)
    return summary
