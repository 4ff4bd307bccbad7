"""HLS synthesis of one design point through the shared hls4ml back-end: Vivado/Vitis where the tool
exists (report kept under the project), else a ``hardware.json`` record with ``synthesized: false``
and the reason -- never an estimate in its place (the open RTL flow measures the IN instead)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import torch

from trigml.hardware.hls4ml import converters, synthesis

log = logging.getLogger(__name__)


def point_name(n_nodes: int, n_edges: int, reuse_factor: int, style: str) -> str:
    return f"n{n_nodes}e{n_edges}_rf{reuse_factor}_{style}"


def synthesize_point(model: torch.nn.Module, *, n_nodes: int, n_edges: int, style: str, sigmoid_table_size: int,
                     settings: converters.HLSSettings, project_dir: str | Path) -> dict[str, Any]:  # fmt: skip
    """The hardware.json record of one point (design, reuse factor, style, precision)."""
    design = {"n_nodes": n_nodes, "n_edges": n_edges, "reuse_factor": settings.reuse_factor, "style": style,
              "precision": settings.precision}  # fmt: skip
    name = point_name(n_nodes, n_edges, settings.reuse_factor, style)

    def convert() -> Any:  # pragma: no cover - runs only where Vivado/Vitis HLS exists
        from .twin import INTwin

        twin = INTwin.from_model(model, n_nodes=n_nodes, n_edges=n_edges)
        hm = converters.convert_interaction_network(twin, project_dir, settings, style=style,
                                                    sigmoid_table_size=sigmoid_table_size)  # fmt: skip
        hm.write()
        return hm

    rec = synthesis.synthesize_or_skip(convert, settings.backend, part=settings.part,
                                       clock_period=settings.clock_period, **design)  # fmt: skip
    rec.update(design=name, study="tracking_fpga")
    import hls4ml

    rec["tool_versions"] = {**rec["tool_versions"], "hls4ml": hls4ml.__version__}
    return rec
