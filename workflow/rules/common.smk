# Shared set-up, wiring only: config validation (first thing), the names the rule files use.
# The logic behind every name lives in trigml.workflow (tested in tests/core/test_workflow.py).
# trigml is imported as an installed package (`pip install -e .`, done by `make setup`), so the
# workflow also runs as a Snakemake module; Snakemake passes this process's import path on to
# every script job, in conda environments too (see envs/README.md).
from trigml import patterns
from trigml.config import validate_config
from trigml.workflow import (
    TRACKML_PARTS,
    compare_inputs,
    data_kinds,
    final_output,
    repo_path as _repo_path,
    repo_root,
    report_inputs,
    scaled,
    trackml_event_files,
    trackml_event_ids as _trackml_event_ids,
)

validate_config(config)

REPO = repo_root(workflow.current_basedir)  # also right when used as a module
TRACKML = config["data"]["trackml"]


wildcard_constraints:
    event=r"\d{9}",


def repo_path(path):
    """A config path relative to the repository root (or absolute) as an absolute path."""
    return _repo_path(REPO, path)


def trackml_event_ids():
    """The 9-digit ids of the TrackML events every study uses."""
    return _trackml_event_ids(config)


def get_trackml_events():
    """All challenge CSVs of the configured events."""
    return trackml_event_files(config)


def get_data_kinds():
    """Per study: real, simulated or stand-in data (for the report)."""
    return data_kinds(config)


def get_compare_inputs(wildcards):
    """Inputs of the cross-method jet-tagging comparison."""
    return compare_inputs(config)


def get_report_inputs():
    """Everything the summary reads."""
    return report_inputs(config, rules)


def get_final_output():
    """Final targets of the studies switched on in config['studies'], plus the summary."""
    return final_output(config, rules)
