"""The hls4ml project of one synthesis point (design, reuse factor, style, precision), written for
the shared ``synth_hls`` rule (:func:`trigml.hardware.hls4ml.project.synthesize_project`): Vivado/
Vitis synthesis where the tool exists, else a hardware.json record saying why not -- never an
estimate in its place (the open RTL flow measures the IN instead)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import torch

from trigml.hardware.hls4ml import converters

log = logging.getLogger(__name__)


def point_name(n_nodes: int, n_edges: int, reuse_factor: int, style: str) -> str:
    return f"n{n_nodes}e{n_edges}_rf{reuse_factor}_{style}"


def write_point_project(model: torch.nn.Module, *, n_nodes: int, n_edges: int, style: str, sigmoid_table_size: int,
                        settings: converters.HLSSettings, project_dir: str | Path) -> str:  # fmt: skip
    """Convert the padded twin of ``model`` at one point and write its project (not compiled) into
    ``project_dir`` (the paths inside the project name it: written in place)."""
    from .twin import INTwin

    if Path(project_dir).exists():
        shutil.rmtree(project_dir)
    twin = INTwin.from_model(model, n_nodes=n_nodes, n_edges=n_edges)
    hm = converters.convert_interaction_network(twin, project_dir, settings, style=style,
                                                sigmoid_table_size=sigmoid_table_size)  # fmt: skip
    hm.write()
    out = project_dir
    log.info("%s: hls4ml project in %s", point_name(n_nodes, n_edges, settings.reuse_factor, style), out)
    return str(out)
