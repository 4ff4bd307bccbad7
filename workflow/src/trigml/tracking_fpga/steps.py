"""The functions the tracking_fpga rules call (one per rule, same names), from paths and settings."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from trigml.files import write_json

from .designs import build_designs
from .settings import SectorSettings

log = logging.getLogger(__name__)


def hls_settings(*, backend: str, part: str, clock_period: float, precision: str, reuse_factor: int) -> Any:
    from trigml.hardware.hls4ml.converters import HLSSettings

    return HLSSettings(backend=backend, part=part, clock_period=clock_period, precision=precision, reuse_factor=reuse_factor)


def build_sector_designs(graphs: Sequence[str], events: Sequence[int], designs: Sequence[Sequence[int]],
                         sectors: Mapping[str, Any], design_files: Sequence[str], summary: str) -> dict[str, Any]:  # fmt: skip
    s = SectorSettings.from_config(sectors)
    return build_designs(graphs, events, designs, design_files, summary, sectors=s)


def train_in_fpga(train: Sequence[str], val: Sequence[str], *, hidden_size: int, settings: dict[str, Any], seed: int,
                  sectors: Mapping[str, Any], model: str, history: str) -> dict[str, Any]:  # fmt: skip
    from .training import train_on_sectors

    return train_on_sectors(train, val, hidden_size=hidden_size, settings=settings, seed=seed,
                            sectors=SectorSettings.from_config(sectors), model_path=model, history_path=history)  # fmt: skip


def csim_in_hls(model: str, graphs: str, out: str, project: str, *, csim: Mapping[str, Any], style: str, part: str,
                clock_period: float, n_boot: int, seed: int, history: str) -> dict[str, Any]:  # fmt: skip
    from trigml.files import read_json

    from .csim import evaluate_design
    from .reference import load_in_model
    from .sectors import Padded

    s = hls_settings(backend=csim["backend"], part=part, clock_period=clock_period, precision=csim["precision"],
                     reuse_factor=csim["reuse_factor"])  # fmt: skip
    res = evaluate_design(load_in_model(model), Padded.load(graphs), project_dir=project, settings=s, style=style,
                          sigmoid_table_size=csim["sigmoid_table_size"], layer_precision=csim["layer_precision"],
                          n_boot=n_boot, seed=seed)  # fmt: skip
    res["trained_on"] = read_json(history)["trained_on"]
    write_json(out, res)
    return res


def scan_in_precision(model: str, graphs: str, out: str, *, scan: Mapping[str, Any], csim: Mapping[str, Any], part: str,
                      clock_period: float, n_boot: int, seed: int) -> dict[str, Any]:  # fmt: skip
    from .csim import precision_scan, scan_points
    from .reference import load_in_model
    from .sectors import Padded

    pts = scan_points(total_bits=scan["total_bits"], fixed_integer=scan["fixed_integer"],
                      integer_bits=scan["integer_bits"], fixed_width=scan["fixed_width"])  # fmt: skip
    s = hls_settings(backend=csim["backend"], part=part, clock_period=clock_period, precision=csim["precision"],
                     reuse_factor=csim["reuse_factor"])  # fmt: skip
    res = precision_scan(load_in_model(model), Padded.load(graphs), pts, s, style="pipeline",
                         sigmoid_table_size=csim["sigmoid_table_size"], n_boot=n_boot, seed=seed)  # fmt: skip
    res.update(fixed_integer=scan["fixed_integer"], fixed_width=scan["fixed_width"])
    write_json(out, res)
    return res


def convert_in_hls(model: str, project: str, *, point: Mapping[str, Any], backend: str, part: str,
                   clock_period: float, sigmoid_table_size: int) -> str:  # fmt: skip
    """Write the hls4ml project of one synthesis point (synthesised by the shared synth_hls rule)."""
    from .reference import load_in_model
    from .synth import write_point_project

    s = hls_settings(backend=backend, part=part, clock_period=clock_period, precision=point["precision"],
                     reuse_factor=point["reuse_factor"])  # fmt: skip
    return write_point_project(load_in_model(model), n_nodes=point["design"][0], n_edges=point["design"][1],
                               style=point["style"], sigmoid_table_size=sigmoid_table_size, settings=s,
                               project_dir=project)  # fmt: skip
