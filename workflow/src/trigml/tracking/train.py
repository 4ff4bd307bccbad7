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
    """Training hyper-parameters: the validated ``tracking.train`` block (defaults in the schema).

    ``direction``: ``bidirectional`` (the authors' dataset: every edge also reversed, with negated
    features and the same label) or ``inner_to_outer``; ``combine``: how an edge's two directed
    scores make its score (``min``, the authors' track building; ``mean``).
    """

    epochs: int
    lr: float
    step_size: int
    gamma: float
    patience: int
    batch_size: int
    augment: bool
    direction: str
    combine: str
    seed: int

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> TrainSettings:
        values = dict(values)
        names = set(cls.__dataclass_fields__)
        unknown, missing = set(values) - names, names - set(values)
        if unknown:
            raise ValueError(f"unknown training setting(s): {', '.join(sorted(unknown))}")
        if missing:
            raise ValueError(f"tracking.train lacks setting(s): {', '.join(sorted(missing))}")
        if values["direction"] not in DIRECTIONS:
            raise ValueError(f"tracking.train.direction '{values['direction']}' is not one of {DIRECTIONS}")
        if values["combine"] not in COMBINE:
            raise ValueError(f"tracking.train.combine '{values['combine']}' is not one of {COMBINE}")
        return cls(**values)


DIRECTIONS = ("bidirectional", "inner_to_outer")
COMBINE = ("min", "mean")


def to_data(path: str | Path, direction: str = "inner_to_outer") -> Data:
    """One graph file as a PyG ``Data`` (x, edge_index, edge_attr, y as float).

    With ``direction="bidirectional"`` the edges (E of them in the file) are followed by their
    reverses: edge_index [[s, d], [d, s]], edge_attr [a, -a], y [y, y] -- the authors'
    ``GraphDataset``; :func:`combine_scores` folds the 2E scores back onto the E file edges.
    """
    g = load_graph(path)
    ei, ea, y = g.edge_index, g.edge_attr, g.y
    if direction == "bidirectional":
        ei = np.concatenate([ei, ei[::-1]], axis=1)
        ea = np.concatenate([ea, -ea], axis=0)
        y = np.concatenate([y, y])
    elif direction != "inner_to_outer":
        raise ValueError(f"unknown edge direction '{direction}' ({', '.join(DIRECTIONS)})")
    return Data(
        x=torch.from_numpy(g.x),
        edge_index=torch.from_numpy(np.ascontiguousarray(ei)),
        edge_attr=torch.from_numpy(np.ascontiguousarray(ea)),
        y=torch.from_numpy(y),
        num_nodes=g.num_nodes,
    )


def combine_scores(scores: np.ndarray, direction: str, combine: str) -> np.ndarray:
    """Scores of the file's E edges from the model's outputs (E, or 2E when bidirectional)."""
    if direction != "bidirectional":
        return scores
    half = len(scores) // 2
    fwd, rev = scores[:half], scores[half:]
    return np.minimum(fwd, rev) if combine == "min" else 0.5 * (fwd + rev)


def load_graphs(paths: list[str | Path], direction: str = "inner_to_outer") -> list[Data]:
    """The graphs with at least one edge (an empty graph carries no training signal)."""
    graphs = [to_data(p, direction) for p in paths]
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


def _epoch(model: InteractionNetwork, loader: DataLoader, opt: torch.optim.Optimizer, settings: TrainSettings,
           gen: torch.Generator, dev: str) -> tuple[float, float, int]:  # fmt: skip
    """One pass over the training graphs: (mean loss, accuracy at 0.5, graphs seen)."""
    model.train()
    tot_loss, tot_right, tot_edges, n_graphs = 0.0, 0, 0, 0
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
        n_graphs += batch.num_graphs
    return tot_loss / tot_edges, tot_right / tot_edges, n_graphs


def combined_scores(model: InteractionNetwork, graphs: list[Data], settings: TrainSettings) -> tuple[np.ndarray, np.ndarray]:
    """(labels, scores) of the file edges of ``graphs``, the two directions combined."""
    ys, ss = [], []
    for g, sc in zip(graphs, predict(model, graphs), strict=True):
        c = combine_scores(sc, settings.direction, settings.combine)
        ys.append(g.y.numpy()[: len(c)])
        ss.append(c)
    return (np.concatenate(ys), np.concatenate(ss)) if graphs else (np.zeros(0), np.zeros(0))


def train(
    train_graphs: list[Data],
    val_graphs: list[Data],
    *,
    hidden_size: int,
    settings: TrainSettings,
    prefer_device: str = "auto",
) -> tuple[InteractionNetwork, dict[str, Any]]:
    """Train an IN on graphs already in ``settings.direction``; returns the best-validation model
    (on the CPU) and the history (with the validation TPR = TNR threshold of the combined scores)."""
    if not train_graphs or not val_graphs:
        raise ValueError("no training or no validation graph with edges: check the event split and the pT threshold")
    seed_everything(settings.seed)
    dev = device(prefer_device)
    model = InteractionNetwork(hidden_size=hidden_size).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=settings.lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=settings.step_size, gamma=settings.gamma)
    gen = torch.Generator().manual_seed(settings.seed)
    loader = DataLoader(train_graphs, batch_size=settings.batch_size, shuffle=True, generator=gen)
    history: dict[str, Any] = {
        "hidden_size": hidden_size, "n_parameters": count_parameters(model), "device": dev,
        "settings": asdict(settings), "n_train_graphs": len(train_graphs), "n_val_graphs": len(val_graphs),
        "epochs": [],
    }  # fmt: skip
    best_loss, best_state, best_epoch, waited, n_seen, t_train = float("inf"), None, -1, 0, 0, 0.0
    for epoch in range(1, settings.epochs + 1):
        t0 = time.perf_counter()
        loss, acc, n = _epoch(model, loader, opt, settings, gen, dev)
        n_seen, t_train = n_seen + n, t_train + time.perf_counter() - t0
        sched.step()
        val = _evaluate(model, val_graphs, dev)
        row = {"epoch": epoch, "train_loss": loss, "train_acc": acc, "val_loss": val["loss"], "val_acc": val["acc"],
               "val_auc": val["auc"], "lr": opt.param_groups[0]["lr"]}  # fmt: skip
        history["epochs"].append(row)
        log.info("epoch %3d  train loss %.4f acc %.4f | val loss %.4f acc %.4f auc %.4f (%.1f s)",
                 epoch, loss, acc, val["loss"], val["acc"], val["auc"], time.perf_counter() - t0)  # fmt: skip
        if val["loss"] < best_loss:
            best_loss, best_epoch, waited, best_state = val["loss"], epoch, 0, copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if waited >= settings.patience:
                log.info("early stopping: no improvement for %d epochs", waited)
                break
    assert best_state is not None
    model.load_state_dict(best_state)
    model = model.cpu().eval()
    val_y, val_s = combined_scores(model, val_graphs, settings)
    history.update(
        best_epoch=best_epoch, best_val_loss=best_loss, threshold=threshold_tpr_eq_tnr(val_y, val_s),
        val_auc=roc_auc(val_y, val_s), stopped_epoch=len(history["epochs"]),
        # wall-clock speed: not a result (it differs run to run); train_model logs it, the JSON omits it
        timing={"train_graphs_per_second": n_seen / t_train if t_train > 0 else float("nan")},
    )  # fmt: skip
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
