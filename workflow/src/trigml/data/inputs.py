"""Config-derived lists of the data rules (``workflow/rules/data.smk``); tested in
``tests/data/test_inputs.py``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trigml import patterns
from trigml.workflow import repo_path, trackml_event_files

__all__ = ["event_csvs", "events_dir", "local_source", "output_dir"]


def event_csvs(config: Mapping[str, Any]) -> list[str]:
    """The four challenge CSVs of every configured event (what every source rule writes)."""
    return trackml_event_files(config)


def events_dir() -> str:
    """The folder those CSVs live in (the scripts' ``--outdir``)."""
    return patterns.data.trackml_dir()


def output_dir(wildcards: Any, output: Any) -> str:
    """Param function: the folder of the rule's first output (the scripts' ``--outdir``)."""
    return str(Path(output[0]).parent)


def local_source(config: Mapping[str, Any], root: str | Path) -> str:
    """``data.trackml.local_dir`` from the repository root; a missing key names itself as the input,
    so Snakemake's missing-input error says what to set."""
    local = config["data"]["trackml"]["local_dir"]
    return repo_path(root, local) if local else "MISSING: set data.trackml.local_dir"
