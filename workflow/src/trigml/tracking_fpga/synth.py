"""HLS synthesis of one design point where Vivado/Vitis HLS exists, and an open estimate beside it.

Without the tool the result says ``"synthesized": false`` with the reason (``trigml.hls``) and no
made-up number; the ``estimate`` block -- multiplications and on-chip storage counted from the
model's shapes -- is labelled as an estimate and is never a synthesis result.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

import torch

from trigml.hls import find_hls_tool, synthesis_skipped, synthesize

from .precision import parse_precision

log = logging.getLogger(__name__)


def point_name(n_nodes: int, n_edges: int, reuse_factor: int, style: str) -> str:
    return f"n{n_nodes}e{n_edges}_rf{reuse_factor}_{style}"


def estimate(
    model: torch.nn.Module, *, n_nodes: int, n_edges: int, reuse_factor: int, style: str, precision: str
) -> dict[str, Any]:
    """Open, shape-based estimate (not a synthesis result): multiplications per graph, the
    multipliers instantiated at this reuse factor, and bits of the intermediate arrays."""
    width, _ = parse_precision(precision)

    def macs(seq: torch.nn.Sequential) -> int:
        return sum(m.in_features * m.out_features for m in seq if isinstance(m, torch.nn.Linear))

    dn, de = int(model.node_dim_in), int(model.edge_dim_in)
    mults = n_edges * (macs(model.R1.layers) + macs(model.R2.layers)) + n_nodes * macs(model.O.layers)
    # arrays between the blocks: x, edge_attr, e1, aggr, x1, scores (+ the edge index)
    values = n_nodes * dn + n_edges * de + n_edges * de + n_nodes * de + n_nodes * dn + n_edges
    index_bits = 2 * n_edges * max(1, math.ceil(math.log2(n_nodes + 1)))
    n_weights = sum(p.numel() for p in model.parameters())
    return {
        "is_estimate": True,
        "method": "counted from the model's shapes (no synthesis): multipliers = multiplications / reuse factor",
        "multiplications_per_graph": int(mults),
        "multipliers_instantiated": int(math.ceil(mults / reuse_factor)),
        "intermediate_storage_bits": int(values * width + index_bits),
        "weight_bits": int(n_weights * width),
        "aggregation_comparators": int(n_nodes * n_edges) if style == "pipeline" else 0,
    }


def synthesize_point(
    model: torch.nn.Module,
    *,
    n_nodes: int,
    n_edges: int,
    reuse_factor: int,
    style: str,
    precision: str,
    backend: str,
    part: str,
    clock_period: float,
    project_dir: str | Path,
) -> dict[str, Any]:
    """Synthesis report (or the documented skip) of one point, with the estimate beside it."""
    design = {
        "n_nodes": n_nodes,
        "n_edges": n_edges,
        "reuse_factor": reuse_factor,
        "style": style,
        "precision": precision,
        "part": part,
        "clock_period_ns": clock_period,
    }
    if find_hls_tool(backend) is None:
        out = synthesis_skipped(backend, **design)
    else:  # pragma: no cover - needs Vivado/Vitis HLS
        from .hls import convert
        from .twin import INTwin

        twin = INTwin.from_model(model, n_nodes=n_nodes, n_edges=n_edges)
        hm = convert(
            twin, project_dir, backend=backend, part=part, clock_period=clock_period,
            precision=precision, reuse_factor=reuse_factor, style=style,
        )  # fmt: skip
        hm.write()
        out = synthesize(hm, backend, **design)
    out["estimate"] = estimate(
        model, n_nodes=n_nodes, n_edges=n_edges, reuse_factor=reuse_factor, style=style, precision=precision
    )
    return out
