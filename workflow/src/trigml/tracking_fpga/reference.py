"""The PyTorch reference: the tracking study's trained IN and its scores on padded designs
(light: no hls4ml import)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from .sectors import Padded


def load_in_model(path: str | Path) -> torch.nn.Module:
    """A trained interaction network from the tracking study's checkpoint."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: model checkpoint not found")
    try:
        from trigml.tracking.train import load_model
    except ImportError as err:  # pragma: no cover - the tracking study provides it
        raise ImportError(
            f"{path}: trigml.tracking.train.load_model is needed to read the checkpoint"
        ) from err
    model = load_model(path)
    return model.eval()


def torch_scores(model: torch.nn.Module, padded: Padded) -> np.ndarray:
    """PyTorch scores (B, E) of every padded graph's real edges (NaN on padding), one batched call."""
    b, n = padded.x.shape[:2]
    x = torch.as_tensor(padded.x.reshape(b * n, -1), dtype=torch.float32)
    offset = (np.arange(b) * n)[:, None]
    ei = padded.edge_index + offset[:, None, :]  # (B, 2, E)
    m = padded.mask
    edge_index = torch.as_tensor(np.stack([ei[:, 0][m], ei[:, 1][m]]), dtype=torch.long)
    edge_attr = torch.as_tensor(padded.edge_attr[m], dtype=torch.float32)
    with torch.no_grad():
        s = model(x, edge_index, edge_attr).cpu().numpy().astype(np.float64)
    out = np.full(m.shape, np.nan)
    out[m] = s
    return out
