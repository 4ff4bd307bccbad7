"""Bit-accurate C simulation of the hls4ml interaction network against PyTorch, and precision scans.

Every comparison runs the trained PyG :class:`~trigml.tracking.model.InteractionNetwork` on the
real (unpadded) edges of each padded sector graph -- exactly the graph the FPGA sees -- and the
compiled hls4ml model (g++ C simulation, ``ap_fixed`` arithmetic) on the padded arrays; scores are
compared on the real edges only.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sklearn.metrics import roc_auc_score

from . import hls
from .precision import parse_precision, precision_string  # noqa: F401  (re-exported)
from .reference import load_in_model, torch_scores  # noqa: F401  (re-exported)
from .sectors import Padded
from .twin import INTwin

log = logging.getLogger(__name__)


def _auc(y: np.ndarray, s: np.ndarray) -> float | None:
    return float(roc_auc_score(y, s)) if len(np.unique(y)) == 2 else None


def compile_design(
    model: torch.nn.Module, n_nodes: int, n_edges: int, output_dir: str | Path, **cfg: Any
) -> Any:
    """Convert and compile (g++) one design; ``cfg`` goes to :func:`hls.hls_config`."""
    twin = INTwin.from_model(model, n_nodes=n_nodes, n_edges=n_edges)
    hm = hls.convert(twin, output_dir, **cfg)
    t0 = time.perf_counter()
    hm.compile()
    log.info("compiled %dx%d %s in %.1f s", n_nodes, n_edges, cfg, time.perf_counter() - t0)
    return hm


def compare(
    model: torch.nn.Module,
    padded: Padded,
    hls_model: Any,
    *,
    ref: np.ndarray | None = None,
    time_it: bool = True,
) -> dict[str, Any]:
    """C-simulation vs PyTorch on the real edges: max/mean |delta|, AUCs, throughput."""
    m = padded.mask
    if not m.any():
        raise ValueError("no real edges in the padded graphs: nothing to compare")
    ref = torch_scores(model, padded) if ref is None else ref
    t0 = time.perf_counter()
    sim = hls.predict(hls_model, padded.x, padded.edge_attr, padded.edge_index.astype(np.float64))
    t_sim = time.perf_counter() - t0
    y = padded.y[m]
    d = np.abs(sim[m] - ref[m])
    out: dict[str, Any] = {
        "n_graphs": int(len(padded.x)),
        "n_real_edges": int(m.sum()),
        "max_abs_diff": float(d.max()),
        "mean_abs_diff": float(d.mean()),
        "auc_torch": _auc(y, ref[m]),
        "auc_hls": _auc(y, sim[m]),
        "accuracy_torch": float(np.mean((ref[m] > 0.5) == (y > 0.5))),
        "accuracy_hls": float(np.mean((sim[m] > 0.5) == (y > 0.5))),
        "csim_graphs_per_s": len(padded.x) / t_sim,
    }
    if out["auc_torch"] is not None and out["auc_hls"] is not None:
        out["auc_diff"] = out["auc_hls"] - out["auc_torch"]
    if time_it:
        out["torch_graphs_per_s"] = torch_throughput(model, padded)
    return out


def torch_throughput(model: torch.nn.Module, padded: Padded, max_graphs: int = 200) -> float:
    """PyTorch (CPU, one graph per call, as the FPGA sees them) graphs per second."""
    n = min(len(padded.x), max_graphs)
    graphs = []
    for b in range(n):
        m = padded.mask[b]
        graphs.append(
            (
                torch.as_tensor(padded.x[b]),
                torch.as_tensor(padded.edge_index[b][:, m]),
                torch.as_tensor(padded.edge_attr[b][m]),
            )
        )
    with torch.no_grad():
        t0 = time.perf_counter()
        for x, ei, ea in graphs:
            model(x, ei, ea)
        dt = time.perf_counter() - t0
    return n / dt


def evaluate_design(
    model: torch.nn.Module,
    padded: Padded,
    *,
    project_dir: str | Path,
    precision: str,
    reuse_factor: int,
    style: str,
    backend: str,
    part: str,
    clock_period: float,
    sigmoid_table_size: int,
    layer_precision: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Compile one design into ``project_dir`` and compare it with PyTorch."""
    n_nodes, n_edges = padded.x.shape[1], padded.edge_index.shape[2]
    hm = compile_design(
        model,
        n_nodes,
        n_edges,
        project_dir,
        precision=precision,
        reuse_factor=reuse_factor,
        style=style,
        backend=backend,
        part=part,
        clock_period=clock_period,
        sigmoid_table_size=sigmoid_table_size,
        layer_precision=layer_precision,
    )
    out = compare(model, padded, hm)
    out.update(
        {
            "n_nodes": int(n_nodes),
            "n_edges": int(n_edges),
            "precision": precision,
            "reuse_factor": reuse_factor,
            "style": style,
            "backend": backend,
            "sigmoid_table_size": sigmoid_table_size,
            "layer_precision": layer_precision or {},
        }
    )
    return out


def precision_scan(
    model: torch.nn.Module,
    padded: Padded,
    *,
    total_bits: Sequence[int],
    fixed_integer: int,
    integer_bits: Sequence[int],
    fixed_width: int,
    work_dir: str | Path | None = None,
    **cfg: Any,
) -> dict[str, Any]:
    """AUC vs total bits at ``fixed_integer`` integer bits, and vs integer bits at ``fixed_width``.

    Every point is its own hls4ml compile (the precision is baked into the C++ types).
    """
    ref = torch_scores(model, padded)
    m = padded.mask
    y = padded.y[m]
    n_nodes, n_edges = padded.x.shape[1], padded.edge_index.shape[2]
    base = Path(tempfile.mkdtemp(prefix="trigml-scan-", dir=work_dir))
    points: list[dict[str, Any]] = []
    try:
        jobs = [("total_bits", w, fixed_integer) for w in total_bits]
        jobs += [("integer_bits", fixed_width, i) for i in integer_bits]
        for k, (axis, w, i) in enumerate(jobs):
            prec = precision_string(w, i)
            hm = compile_design(model, n_nodes, n_edges, base / f"p{k}", precision=prec, **cfg)
            res = compare(model, padded, hm, ref=ref, time_it=False)
            points.append({"axis": axis, "width": w, "integer": i, "precision": prec, **res})
            log.info(
                "%s: AUC %.4f (float %.4f), max |d| %.4f",
                prec,
                res["auc_hls"] or np.nan,
                res["auc_torch"] or np.nan,
                res["max_abs_diff"],
            )
            shutil.rmtree(base / f"p{k}", ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return {
        "n_nodes": int(n_nodes),
        "n_edges": int(n_edges),
        "auc_float": _auc(y, ref[m]),
        "fixed_integer": fixed_integer,
        "fixed_width": fixed_width,
        "points": points,
        **{k: v for k, v in cfg.items() if isinstance(v, (int, float, str))},
    }
