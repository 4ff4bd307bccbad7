"""A written hls4ml project folder as the unit passed between rules: read its config, link it for
``build()`` and synthesise it (or record why not) -- the shared ``synth_hls`` rule of hardware.smk.

hls4ml's own ``link_existing_project`` reads ``hls4ml_config.yml`` with ``yaml.safe_load``, which
refuses the Python tags a PyTorch conversion writes there (the pickled model); :func:`read_config`
reads it with those tags ignored.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .synthesis import synthesize_or_skip
from .tools import quiet_tensorflow


class _Loader(yaml.SafeLoader):
    """SafeLoader that maps Python object tags (pickled models in hls4ml_config.yml) to None."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(project: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``hls4ml_config.yml`` of a written project (clear error when it is not one)."""
    path = Path(project) / "hls4ml_config.yml"
    if not path.is_file():
        raise FileNotFoundError(f"{project}: no hls4ml_config.yml -- not a written hls4ml project")
    with open(path) as fh:
        config = yaml.load(fh, Loader=_Loader)
    for key in ("Part", "ClockPeriod", "Backend", "ProjectName"):
        if key not in config:
            raise KeyError(f"{path}: no '{key}'")
    return config


def link(project: str | os.PathLike[str]) -> Any:  # pragma: no cover - used only where Vivado/Vitis exists
    """The project as an hls4ml model that can ``build()`` (hls4ml's FilesystemModelGraph)."""
    quiet_tensorflow()
    from hls4ml.model.graph import HLSConfig
    from hls4ml.utils.link import FilesystemModelGraph

    graph = object.__new__(FilesystemModelGraph)
    config = read_config(project)
    config["OutputDir"] = str(project)
    graph._allowed_methods = {"compile", "predict", "build", "get_input_variables", "get_output_variables"}
    graph.in_vars = [FilesystemModelGraph.VariableWrapper(n, s) for n, s in config["InputShapes"].items()]
    graph.out_vars = [FilesystemModelGraph.VariableWrapper(n, s) for n, s in config["OutputShapes"].items()]
    graph.config = HLSConfig(config)
    graph._top_function_lib = None
    return graph


def synthesize_project(project: str | os.PathLike[str], *, design: str, study: str) -> dict[str, Any]:
    """The ``hardware.json`` record (hls4ml back-end) of a written project: HLS synthesis where the
    project's backend tool exists (report kept under ``<project>/reports``), else the reason."""
    import hls4ml

    from trigml.hardware import schema

    config = read_config(project)
    rec = synthesize_or_skip(lambda: link(project), config["Backend"], part=str(config["Part"]),
                             clock_period=float(config["ClockPeriod"]), project=str(project))  # fmt: skip
    rec.update(design=design, study=study)
    rec["tool_versions"] = {**rec["tool_versions"], "hls4ml": hls4ml.__version__}
    return schema.validate(rec, where=f"{study}/{design}")
