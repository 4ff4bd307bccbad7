"""Helpers shared by the tracking_fpga tests (a uniquely named module: test folders are not packages)."""

from __future__ import annotations

import numpy as np
import torch


def hand_set_in(hidden: int = 4) -> torch.nn.Module:
    """An InteractionNetwork whose weights are fixed, structured numbers (no RNG)."""
    from trigml.tracking.model import InteractionNetwork

    torch.set_num_threads(1)
    model = InteractionNetwork(node_dim=3, edge_dim=4, hidden_size=hidden)
    with torch.no_grad():
        for k, p in enumerate(model.parameters()):
            n = p.numel()
            vals = np.sin(np.arange(n) * 0.7 + k) * 0.6
            p.copy_(torch.as_tensor(vals, dtype=torch.float32).reshape(p.shape))
    return model.eval()


def _toy_events():  # type: ignore[no-untyped-def]
    """The tracking tests' toy events (tests/tracking/toy_events.py: the real detector simulation)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "toy_events" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "tracking" / "toy_events.py"
        spec = importlib.util.spec_from_file_location("toy_events", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["toy_events"] = module
    return sys.modules["toy_events"]


def toy_graph_file(path, *, seed: int = 0, n_particles: int = 60):
    """A tracking graph file built by the tracking study's own code from a toy event."""
    from trigml.tracking.filtering import select_hits
    from trigml.tracking.graph import build_graph
    toy_event = _toy_events().toy_event

    hits, particles, truth = toy_event(n_particles, seed=seed, pt_lo=1.0, n_noise=10)
    sel = select_hits(hits, particles, truth, pt_min=1.0)
    g = build_graph(sel, pt_min=1.0, phi_slope_max=0.0006, z0_max=150.0, labels="dezoort")
    g.save(path)
    return g


def save_in_checkpoint(model: torch.nn.Module, path) -> None:
    """A checkpoint in the tracking study's format (read back by trigml.tracking.train.load_model)."""
    from trigml.tracking.train import save_checkpoint

    history = {"threshold": 0.5, "best_epoch": 0, "best_val_loss": 0.0, "settings": {}}
    save_checkpoint(model, history, path)
