"""Training of the interaction network edge classifier (DeZoort et al. 2021, section 4).

Binary cross-entropy on the edge scores, Adam, StepLR, optional augmentation of the training
graphs by the detector's symmetries (a random rotation in phi, the mirror image in z), one pass
over the validation graphs per epoch, the checkpoint of the epoch with the lowest validation loss kept, early stopping after
``patience`` epochs without improvement. Seeded: the same graphs and settings give the same
weights on the CPU. Runs on CUDA when present (``trigml.runtime.device()``).

Checkpoint format (``torch.save`` of a dict; read it back with :func:`load_model`)::

    {
        "state_dict": InteractionNetwork.state_dict(),   # best validation epoch
        "hidden_size": int, "node_dim": 3, "edge_dim": 4,
        "feature_scale": {"x": [1000, pi, 1000], "edge_attr": [1000, pi, 1000, 1],
                          "units": "..."},           # raw (mm, rad) / scale = network input
        "threshold": float,                            # edge-score cut where TPR = TNR on validation
        "best_epoch": int, "val_loss": float, "settings": {...}, "version": 1,
    }

The graphs already hold scaled features (``trigml.tracking.graph``), so the network is applied
to ``x``, ``edge_attr`` of a graph file as they are.
"""

from __future__ import annotations

import copy
import logging
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch_geometric.data import Data
from torch_geometric.loader import DataLoader

from trigml.files import atomic_path
from trigml.runtime import device

from .geometry import FEATURE_SCALE
from .graph import load_graph
from .metrics import roc_auc, threshold_tpr_eq_tnr
from .model import InteractionNetwork, count_parameters

log = logging.getLogger(__name__)

CHECKPOINT_VERSION = 1
FEATURE_SCALE_INFO = {
    "x": FEATURE_SCALE.tolist(),
    "edge_attr": [*FEATURE_SCALE.tolist(), 1.0],
    "units": "x = (r [mm], phi [rad], z [mm]) / x; edge_attr = (dr [mm], dphi [rad], dz [mm], dR) / edge_attr",
}


@dataclass(frozen=True)
class TrainSettings:
    """Training hyper-parameters (defaults = the schema defaults of ``tracking.train``)."""

    epochs: int = 300
    lr: float = 0.01
    step_size: int = 40
    gamma: float = 0.7
    patience: int = 60
    batch_size: int = 1
    augment: bool = True
    seed: int = 0

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None) -> TrainSettings:
        values = dict(values or {})
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown training setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)


def to_data(path: str | Path) -> Data:
    """One graph file as a PyG ``Data`` (x, edge_index, edge_attr, y as float)."""
    g = load_graph(path)
    return Data(
        x=torch.from_numpy(g.x),
        edge_index=torch.from_numpy(g.edge_index),
        edge_attr=torch.from_numpy(g.edge_attr),
        y=torch.from_numpy(g.y),
        num_nodes=g.num_nodes,
    )


def load_graphs(paths: list[str | Path]) -> list[Data]:
    """The graphs with at least one edge (an empty graph carries no training signal)."""
    graphs = [to_data(p) for p in paths]
    kept = [g for g in graphs if g.edge_index.shape[1] > 0]
    if len(kept) < len(graphs):
        log.warning("%d of %d graph(s) have no edge and are skipped", len(graphs) - len(kept), len(graphs))
    return kept


def augment(
    x: torch.Tensor, edge_attr: torch.Tensor, gen: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """A random rotation in phi and, half of the time, the mirror image z -> -z of one batch.

    The detector and the physics are symmetric under both, and the edge features (dr, dphi, dz,
    dR) change only in the sign of dz, so the labels stay right; the network sees more distinct
    node positions than the few training events hold.
    """
    shift = 2 * torch.rand((), generator=gen).item() - 1  # in units of pi
    x = x.clone()
    x[:, 1] = torch.remainder(x[:, 1] + shift + 1, 2) - 1
    if torch.rand((), generator=gen).item() < 0.5:
        x[:, 2] = -x[:, 2]
        edge_attr = edge_attr.clone()
        edge_attr[:, 2] = -edge_attr[:, 2]
    return x, edge_attr


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


@torch.no_grad()
def predict(model: InteractionNetwork, graphs: list[Data], dev: str = "cpu") -> list[np.ndarray]:
    """Edge scores of each graph."""
    model.eval()
    return [model(g.x.to(dev), g.edge_index.to(dev), g.edge_attr.to(dev)).cpu().numpy() for g in graphs]


def _evaluate(model: InteractionNetwork, graphs: list[Data], dev: str) -> dict[str, float]:
    scores = predict(model, graphs, dev)
    s = np.concatenate(scores) if scores else np.zeros(0)
    y = np.concatenate([g.y.numpy() for g in graphs]) if graphs else np.zeros(0)
    s_t = torch.from_numpy(s).double().clamp(1e-7, 1 - 1e-7)
    loss = float(F.binary_cross_entropy(s_t, torch.from_numpy(y).double())) if len(y) else float("nan")
    return {
        "loss": loss,
        "acc": float(((s > 0.5) == (y > 0.5)).mean()) if len(y) else float("nan"),
        "auc": roc_auc(y, s),
    }


def train(
    train_graphs: list[Data],
    val_graphs: list[Data],
    *,
    hidden_size: int,
    settings: TrainSettings,
    prefer_device: str = "auto",
) -> tuple[InteractionNetwork, dict[str, Any]]:
    """Train an IN; returns the best-validation model (on the CPU) and the history."""
    if not train_graphs:
        raise ValueError("no training graph with edges: check the event split and the pT threshold")
    if not val_graphs:
        raise ValueError("no validation graph with edges: check the event split and the pT threshold")
    seed_everything(settings.seed)
    dev = device(prefer_device)
    model = InteractionNetwork(hidden_size=hidden_size).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=settings.lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=settings.step_size, gamma=settings.gamma)
    gen = torch.Generator().manual_seed(settings.seed)
    loader = DataLoader(train_graphs, batch_size=settings.batch_size, shuffle=True, generator=gen)
    history: dict[str, Any] = {
        "hidden_size": hidden_size,
        "n_parameters": count_parameters(model),
        "device": dev,
        "settings": asdict(settings),
        "n_train_graphs": len(train_graphs),
        "n_val_graphs": len(val_graphs),
        "epochs": [],
    }
    best_loss, best_state, best_epoch, waited = float("inf"), None, -1, 0
    n_graphs_seen, t_train = 0, 0.0
    for epoch in range(1, settings.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        tot_loss, tot_right, tot_edges = 0.0, 0, 0
        for batch in loader:
            x, edge_attr = batch.x, batch.edge_attr
            if settings.augment:
                x, edge_attr = augment(x, edge_attr, gen)
            batch = batch.to(dev)
            opt.zero_grad()
            out = model(x.to(dev), batch.edge_index, edge_attr.to(dev))
            loss = F.binary_cross_entropy(out, batch.y)
            loss.backward()
            opt.step()
            tot_loss += float(loss.detach()) * batch.y.numel()
            tot_right += int(((out > 0.5) == (batch.y > 0.5)).sum())
            tot_edges += batch.y.numel()
            n_graphs_seen += batch.num_graphs
        t_train += time.perf_counter() - t0
        sched.step()
        val = _evaluate(model, val_graphs, dev)
        row = {
            "epoch": epoch,
            "train_loss": tot_loss / tot_edges,
            "train_acc": tot_right / tot_edges,
            "val_loss": val["loss"],
            "val_acc": val["acc"],
            "val_auc": val["auc"],
            "lr": opt.param_groups[0]["lr"],
            "seconds": time.perf_counter() - t0,
        }
        history["epochs"].append(row)
        log.info(
            "epoch %3d  train loss %.4f acc %.4f | val loss %.4f acc %.4f auc %.4f",
            epoch, row["train_loss"], row["train_acc"], row["val_loss"], row["val_acc"], row["val_auc"],
        )  # fmt: skip
        if val["loss"] < best_loss:
            best_loss, best_epoch, waited = val["loss"], epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if waited >= settings.patience:
                log.info("early stopping: no improvement for %d epochs", waited)
                break
    assert best_state is not None
    model.load_state_dict(best_state)
    model = model.cpu().eval()
    val_scores = np.concatenate(predict(model, val_graphs))
    val_y = np.concatenate([g.y.numpy() for g in val_graphs])
    history.update(
        best_epoch=best_epoch,
        best_val_loss=best_loss,
        threshold=threshold_tpr_eq_tnr(val_y, val_scores),
        val_auc=roc_auc(val_y, val_scores),
        train_graphs_per_second=n_graphs_seen / t_train if t_train > 0 else float("nan"),
        stopped_epoch=len(history["epochs"]),
    )
    return model, history


def save_checkpoint(model: InteractionNetwork, history: dict[str, Any], path: str | Path) -> None:
    """Write the checkpoint dict documented in this module (atomically)."""
    ckpt = {
        "state_dict": model.state_dict(),
        "hidden_size": model.hidden_size,
        "node_dim": model.node_dim_in,
        "edge_dim": model.edge_dim_in,
        "feature_scale": FEATURE_SCALE_INFO,
        "threshold": float(history["threshold"]),
        "best_epoch": int(history["best_epoch"]),
        "val_loss": float(history["best_val_loss"]),
        "settings": history["settings"],
        "version": CHECKPOINT_VERSION,
    }
    with atomic_path(path) as tmp:
        torch.save(ckpt, tmp)


def load_checkpoint(path: str | Path) -> dict[str, Any]:
    """The checkpoint dict; a file that is not one names the missing key."""
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    if not isinstance(ckpt, dict):
        raise ValueError(f"{path}: not a trigml IN checkpoint (a {type(ckpt).__name__})")
    for key in ("state_dict", "hidden_size", "node_dim", "edge_dim", "feature_scale", "threshold"):
        if key not in ckpt:
            raise KeyError(f"{path}: checkpoint lacks '{key}'")
    return ckpt


def load_model(path: str | Path) -> InteractionNetwork:
    """The trained InteractionNetwork of a checkpoint, on the CPU, in eval mode."""
    ckpt = load_checkpoint(path)
    model = InteractionNetwork(
        node_dim=int(ckpt["node_dim"]), edge_dim=int(ckpt["edge_dim"]), hidden_size=int(ckpt["hidden_size"])
    )
    model.load_state_dict(ckpt["state_dict"])
    return model.eval()
