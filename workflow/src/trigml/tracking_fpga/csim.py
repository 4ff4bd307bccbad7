"""Bit-accurate C simulation of the hls4ml interaction network against PyTorch, and precision scans,
through the shared hls4ml back-end (:mod:`trigml.hardware.hls4ml`).

Every comparison runs the trained PyG :class:`~trigml.tracking.model.InteractionNetwork` on the
real (unpadded) edges of each padded sector graph -- exactly the graph the FPGA sees -- and the
compiled hls4ml model (g++ C simulation, ``ap_fixed`` arithmetic) on the padded arrays; scores are
compared on the real edges only. AUCs carry a bootstrap interval over the test events.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from trigml.hardware.hls4ml import compare as hls_compare
from trigml.hardware.hls4ml import converters, csim

from .precision import precision_string
from .reference import torch_scores
from .sectors import Padded
from .twin import INTwin

log = logging.getLogger(__name__)


def convert_design(model: torch.nn.Module, padded: Padded, project_dir: str | Path, settings: converters.HLSSettings, *,
                   style: str, sigmoid_table_size: int, layer_precision: Mapping[str, Mapping[str, str]]) -> Any:  # fmt: skip
    """hls4ml model (written, compiled) of the padded twin of ``model`` at ``padded``'s design size."""
    twin = INTwin.from_model(model, n_nodes=padded.x.shape[1], n_edges=padded.edge_index.shape[2])
    hm = converters.convert_interaction_network(
        twin, project_dir, settings, style=style, sigmoid_table_size=sigmoid_table_size, layer_precision=layer_precision
    )
    csim.compile_model(hm)
    return hm


def csim_scores(hls_model: Any, padded: Padded) -> tuple[np.ndarray, float]:
    """C-simulation scores (B, E) of every padded graph and the seconds the simulation took."""
    out, dt = csim.predict(hls_model, [padded.x, padded.edge_attr, padded.edge_index.astype(np.float64)])
    return out.reshape(len(padded.x), -1), dt


def auc_interval(padded: Padded, scores: np.ndarray, *, n_boot: int, seed: int) -> dict[str, Any]:
    """Edge AUC on the real edges with a bootstrap interval over the test events (68 %)."""
    from trigml.tracking.metrics import roc_auc
    from trigml.tracking.stats import bootstrap_events

    m = padded.mask
    per_event = [(padded.y[padded.event == e][m[padded.event == e]], scores[padded.event == e][m[padded.event == e]])
                 for e in np.unique(padded.event)]  # fmt: skip
    value = roc_auc(padded.y[m], scores[m])
    band = bootstrap_events(per_event, lambda y, s: {"auc": roc_auc(y, s)}, n_boot=n_boot, seed=seed).get("auc", {})
    return {"value": value, **band, "n_events": len(per_event), "n_boot": n_boot}


def compare_design(model: torch.nn.Module, padded: Padded, hls_model: Any, *, n_boot: int, seed: int,
                   ref: np.ndarray | None = None) -> dict[str, Any]:  # fmt: skip
    """C simulation vs PyTorch on the real edges (the shared compare()), AUCs with intervals, throughputs."""
    m = padded.mask
    if not m.any():
        raise ValueError("no real edges in the padded graphs: nothing to compare")
    ref = torch_scores(model, padded) if ref is None else ref
    sim, t_sim = csim_scores(hls_model, padded)
    c = hls_compare.compare(ref.reshape(-1, 1), sim.reshape(-1, 1), labels=padded.y.reshape(-1),
                            metric="auc", mask=m.reshape(-1))  # fmt: skip
    y = padded.y[m] > 0.5
    return {
        "n_graphs": int(len(padded.x)), "n_real_edges": c["n_checked"], "max_abs_diff": c["max_abs_diff"],
        "mean_abs_diff": c["mean_abs_diff"], "auc_torch": auc_interval(padded, ref, n_boot=n_boot, seed=seed),
        "auc_hls": auc_interval(padded, sim, n_boot=n_boot, seed=seed), "auc_diff": c["fixed"] - c["float"],
        "accuracy_torch": float(np.mean((ref[m] > 0.5) == y)), "accuracy_hls": float(np.mean((sim[m] > 0.5) == y)),
        "csim_graphs_per_s": len(padded.x) / t_sim,
    }  # fmt: skip


def torch_throughput(model: torch.nn.Module, padded: Padded, max_graphs: int) -> float:
    """PyTorch (CPU, one graph per call, as the FPGA sees them) graphs per second."""
    n = min(len(padded.x), max_graphs)
    graphs = [(torch.as_tensor(padded.x[b]), torch.as_tensor(padded.edge_index[b][:, padded.mask[b]]),
               torch.as_tensor(padded.edge_attr[b][padded.mask[b]])) for b in range(n)]  # fmt: skip
    with torch.no_grad():
        t0 = time.perf_counter()
        for x, ei, ea in graphs:
            model(x, ei, ea)
        dt = time.perf_counter() - t0
    return n / dt


def evaluate_design(model: torch.nn.Module, padded: Padded, *, project_dir: str | Path, settings: converters.HLSSettings,
                    style: str, sigmoid_table_size: int, layer_precision: Mapping[str, Mapping[str, str]],
                    n_boot: int, seed: int) -> dict[str, Any]:  # fmt: skip
    """Convert and compile one design into ``project_dir`` and compare it with PyTorch."""
    hm = convert_design(model, padded, project_dir, settings, style=style, sigmoid_table_size=sigmoid_table_size,
                        layer_precision=layer_precision)  # fmt: skip
    out = compare_design(model, padded, hm, n_boot=n_boot, seed=seed)
    out["torch_graphs_per_s"] = torch_throughput(model, padded, max_graphs=200)
    out.update(
        n_nodes=int(padded.x.shape[1]), n_edges=int(padded.edge_index.shape[2]), precision=settings.precision,
        reuse_factor=settings.reuse_factor, style=style, backend=settings.backend,
        sigmoid_table_size=sigmoid_table_size, layer_precision={k: dict(v) for k, v in layer_precision.items()},
    )  # fmt: skip
    return out


def scan_points(*, total_bits: Sequence[int], fixed_integer: int, integer_bits: Sequence[int],
                fixed_width: int) -> list[tuple[str, int, int]]:  # fmt: skip
    """(axis, width, integer bits) of every scan point: total bits at ``fixed_integer``, integer bits at ``fixed_width``."""
    return [("total_bits", w, fixed_integer) for w in total_bits] + [("integer_bits", fixed_width, i) for i in integer_bits]


def precision_scan(model: torch.nn.Module, padded: Padded, points: Sequence[tuple[str, int, int]],
                   settings: converters.HLSSettings, *, style: str, sigmoid_table_size: int, n_boot: int, seed: int,
                   work_dir: str | Path | None = None) -> dict[str, Any]:  # fmt: skip
    """AUC (with its interval) of every precision point; each point is its own hls4ml compile (the
    precision is baked into the C++ types)."""
    ref = torch_scores(model, padded)
    base = Path(tempfile.mkdtemp(prefix="trigml-scan-", dir=work_dir))
    rows: list[dict[str, Any]] = []
    try:
        for k, (axis, w, i) in enumerate(points):
            prec = precision_string(w, i)
            s = converters.HLSSettings(**{**settings.__dict__, "precision": prec})
            hm = convert_design(model, padded, base / f"p{k}", s, style=style, sigmoid_table_size=sigmoid_table_size,
                                layer_precision={})  # fmt: skip
            res = compare_design(model, padded, hm, n_boot=n_boot, seed=seed, ref=ref)
            rows.append({"axis": axis, "width": w, "integer": i, "precision": prec, **res})
            log.info("%s: AUC %.4f (float %.4f), max |d| %.4f", prec, res["auc_hls"]["value"], res["auc_torch"]["value"],
                     res["max_abs_diff"])  # fmt: skip
            shutil.rmtree(base / f"p{k}", ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return {"n_nodes": int(padded.x.shape[1]), "n_edges": int(padded.edge_index.shape[2]),
            "auc_float": auc_interval(padded, ref, n_boot=n_boot, seed=seed), "style": style, "points": rows}  # fmt: skip
