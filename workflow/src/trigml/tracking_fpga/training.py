"""Training of the FPGA interaction network on the sector graphs themselves (Elabd et al. 2021).

The FPGA processes one sector graph at a time, so the network is trained on the sector graphs of
the training events (validated on those of the validation events), with phi local to the sector
(:func:`trigml.tracking_fpga.sectors.localize_phi`) when ``local_phi`` is set -- as in the authors'
sample files. The optimiser, schedule and early stopping are the tracking study's
(:func:`trigml.tracking.train.train`); the history records what the network was trained on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from trigml.files import write_json

from .sectors import Graph, load_graph, split_sectors
from .settings import SectorSettings

log = logging.getLogger(__name__)


def sector_graphs(paths: Sequence[str | Path], sectors: SectorSettings) -> list[Graph]:
    """Every non-empty sector graph (at least one edge) of the event graphs ``paths``."""
    out: list[Graph] = []
    for p in paths:
        parts, _ = split_sectors(load_graph(p), **sectors.kwargs())
        out += [g for g in parts if g.n_edges > 0]
    if not out:
        raise ValueError(f"no sector graph with an edge in {list(map(str, paths))}")
    return out


def to_data(g: Graph, direction: str) -> Any:
    """A sector graph as a PyG ``Data``; ``bidirectional`` appends the reversed edges (negated
    features, same label), as :func:`trigml.tracking.train.to_data` does for event graphs."""
    import torch
    from torch_geometric.data import Data

    ei, ea, y = g.edge_index, g.edge_attr, g.y
    if direction == "bidirectional":
        ei, ea, y = np.concatenate([ei, ei[::-1]], 1), np.concatenate([ea, -ea]), np.concatenate([y, y])
    return Data(
        x=torch.from_numpy(np.ascontiguousarray(g.x, np.float32)), edge_index=torch.from_numpy(np.ascontiguousarray(ei)),
        edge_attr=torch.from_numpy(np.ascontiguousarray(ea, np.float32)), y=torch.from_numpy(np.ascontiguousarray(y, np.float32)),
        num_nodes=g.n_nodes,
    )  # fmt: skip


def train_on_sectors(
    train_paths: Sequence[str], val_paths: Sequence[str], *, hidden_size: int, settings: dict[str, Any], seed: int,
    sectors: SectorSettings, model_path: str, history_path: str, prefer_device: str = "auto",
) -> dict[str, Any]:  # fmt: skip
    """Train the IN on the sector graphs of the training events; write the checkpoint and the history
    JSON (``trained_on`` says: sector graphs, how many, phi local or global)."""
    from trigml.tracking.metrics import json_safe
    from trigml.tracking.train import TrainSettings, save_checkpoint, train

    s = TrainSettings.from_mapping({**settings, "seed": seed})
    tr, va = sector_graphs(train_paths, sectors), sector_graphs(val_paths, sectors)
    model, history = train(
        [to_data(g, s.direction) for g in tr], [to_data(g, s.direction) for g in va], hidden_size=hidden_size,
        settings=s, prefer_device=prefer_device,
    )  # fmt: skip
    history["trained_on"] = {
        "graphs": "sector", "sectors": sectors.to_dict(), "n_train_sector_graphs": len(tr),
        "n_val_sector_graphs": len(va), "train_events": [Path(p).stem for p in train_paths],
        "val_events": [Path(p).stem for p in val_paths],
        "phi": "local: wrap(phi - sector centre) / (pi / n_phi)" if sectors.local_phi else "global: phi / pi",
    }  # fmt: skip
    save_checkpoint(model, history, model_path)
    write_json(history_path, json_safe(history))
    log.info("FPGA IN on %d sector graphs: best epoch %d, val AUC %.4f", len(tr), history["best_epoch"], history["val_auc"])
    return history
