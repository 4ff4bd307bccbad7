"""Config-derived values and input helpers of the jets_sr rules (``workflow/rules/jets_sr.smk``).

Each function takes the validated config; the rule file only calls them. Tested in
``tests/jets_sr/test_inputs.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trigml import patterns

from .features import CLASSES
from .settings import HLSSettings, LUTSettings, NNSettings, SRSettings, UncertaintySettings, build

__all__ = [
    "CLASSES",
    "source",
    "data_kind",
    "local_file",
    "summary_extra",
    "sr_costs",
    "rtl_settings",
    "check_config",
]


def source(config: Mapping[str, Any]) -> str:
    """Where the jets come from: ``simulate``, ``download`` or ``local``."""
    return str(config["jets_sr"]["data"]["source"])


def data_kind(config: Mapping[str, Any]) -> str:
    """The figure label vocabulary: ``simulated`` jets or the ``real`` OpenML 42468 set."""
    return "simulated" if source(config) == "simulate" else "real"


def local_file(config: Mapping[str, Any], repo: str | Path) -> str:
    """The OpenML file read by ``import_jets`` (``jets_sr.data.local_path``, relative to the repository)."""
    path = config["jets_sr"]["data"]["local_path"]
    if not path:
        raise ValueError("jets_sr.data.source is 'local' but jets_sr.data.local_path is not set")
    p = Path(path)
    return str(p if p.is_absolute() else Path(repo) / p)


def summary_extra(config: Mapping[str, Any]) -> dict[str, str]:
    """Extra named inputs of ``summarize_jets``: the simulation's speed when the jets are simulated."""
    return {"sim_stats": patterns.jets_sr.sim_stats()} if source(config) == "simulate" else {}


def sr_costs(config: Mapping[str, Any]) -> dict[str, str]:
    """Extra named input of ``run_sr``: the measured operator table when jets_sr.sr.complexity_source is rtl."""
    return (
        {"costs": patterns.jets_sr.operator_costs()}
        if config["jets_sr"]["sr"]["complexity_source"] == "rtl"
        else {}
    )


def rtl_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The open RTL flow's settings (the ``hardware`` block) that ``calibrate_operators`` measures with."""
    from trigml.hardware.inputs import settings

    return settings(config)


def check_config(config: Mapping[str, Any]) -> None:
    """Cross-key checks of the ``jets_sr`` block (called by :func:`trigml.config.validate_config`):
    every typed settings block builds, the HLS complexities are in the sweep, the LUT range is ordered,
    and a local source names its file."""
    if "jets_sr" not in config["studies"]:
        return
    block = config["jets_sr"]
    build(NNSettings, block["nn"], "jets_sr.nn")
    build(SRSettings, block["sr"], "jets_sr.sr")
    LUTSettings.from_hls(build(HLSSettings, block["hls"], "jets_sr.hls"))
    build(UncertaintySettings, block["uncertainty"], "jets_sr.uncertainty")
    if source(config) == "local" and not block["data"]["local_path"]:
        raise ValueError("jets_sr.data.source is 'local' but jets_sr.data.local_path is not set")
    if abs(sum(block["split"]) - 1.0) > 1e-9:
        raise ValueError(f"jets_sr.split must sum to 1, got {block['split']}")
