"""Config-derived lists and input functions of ``workflow/rules/tracking_fpga.smk`` (no dependence on
the globals of tracking.smk): event graphs of the tracking study at ``tracking_fpga.pt``, design and
point names, the FPGA network's training settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from trigml import patterns
from trigml.tracking.split import subset_events
from trigml.workflow import trackml_event_ids

from .sectors import design_name


def pt_label(config: Mapping[str, Any]) -> str:
    return patterns.tracking.pt_label(config["tracking_fpga"]["pt"])


def events(config: Mapping[str, Any], subset: str) -> list[int]:
    """Event numbers of a tracking subset (train, val, test)."""
    return [int(e) for e in subset_events(trackml_event_ids(config), subset, **config["tracking"]["split"])]


def events_param(config: Mapping[str, Any], subset: str) -> Callable[[Any], list[int]]:
    """Params function: :func:`events`, evaluated when the DAG is built (see :func:`graphs`)."""

    def get_events(wildcards: Any) -> list[int]:
        return events(config, subset)

    return get_events


def graphs(config: Mapping[str, Any], subset: str) -> Callable[[Any], list[str]]:
    """Input function: the tracking study's graph files of a subset at ``tracking_fpga.pt``.

    Evaluated when the DAG is built, not when the rules are parsed, so a config that does not run
    tracking_fpga needs no valid tracking split."""

    def get_graphs(wildcards: Any) -> list[str]:
        ids = subset_events(trackml_event_ids(config), subset, **config["tracking"]["split"])
        return [patterns.tracking.graph_file(pt=pt_label(config), event=e) for e in ids]

    return get_graphs


def checkpoint(config: Mapping[str, Any]) -> str:
    return patterns.tracking_fpga.checkpoint(pt=pt_label(config))


def design_names(config: Mapping[str, Any], key: str | None = None) -> list[str]:
    """Names (``n28e56``) of ``tracking_fpga.designs`` or of ``tracking_fpga.<key>.designs``."""
    block = config["tracking_fpga"]
    return [design_name(*d) for d in (block["designs"] if key is None else block[key]["designs"])]


def points(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Synthesis points by name (``n28e56_rf8_pipeline``)."""
    return {
        f"{design_name(*p['design'])}_rf{p['reuse_factor']}_{p['style']}": p
        for p in config["tracking_fpga"]["synthesis"]["points"]
    }


def point_param(config: Mapping[str, Any]) -> Callable[[Any], dict[str, Any]]:
    """Input function: the synthesis point of wildcard ``hw_design``."""
    table = points(config)

    def get(wildcards: Any) -> dict[str, Any]:
        return table[wildcards.hw_design]

    return get


def train_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """tracking.train (without hidden_size) overridden by tracking_fpga.train and .direction; with phi
    local to the sector, the phi-rotation augmentation is off (a rotated sector would not be centred)."""
    block = config["tracking_fpga"]
    out = {k: v for k, v in config["tracking"]["train"].items() if k != "hidden_size"}
    out.update(block["train"], direction=block["direction"])
    if block["sectors"]["local_phi"]:
        out["augment"] = False
    return out


def rtl_options(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Builder options (trigml.tracking_fpga.rtl.in_rtl_design) of every RTL design, by name (``in_n28e56``)."""
    rtl = config["tracking_fpga"]["rtl"]
    opts = {k: v for k, v in rtl.items() if k != "designs"}
    opts.update(latency_cutoff=config["hardware"]["latency_cutoff"], n_boot=config["tracking_fpga"]["n_boot"],
                seed=config["seed"])  # fmt: skip
    return {f"in_{design_name(*d)}": dict(opts) for d in rtl["designs"]}


def rtl_graphs(wildcards: Any) -> str:
    """Input function: the padded sector graphs of RTL design ``in_<design>``."""
    return patterns.tracking_fpga.design_graphs(design=wildcards.hw_design.removeprefix("in_"))


def rtl_hardware(config: Mapping[str, Any]) -> list[str]:
    """The hardware.json (rtl back-end) of every RTL design of tracking_fpga."""
    return [patterns.hardware.hardware_json(hw_study="tracking_fpga", hw_design=n) for n in rtl_options(config)]


def hls_hardware(config: Mapping[str, Any]) -> list[str]:
    """The hardware.json (hls4ml back-end, shared synth_hls rule) of every synthesis point."""
    return [patterns.hardware.hls_hardware_json(hw_study="tracking_fpga", hw_design=n) for n in points(config)]
