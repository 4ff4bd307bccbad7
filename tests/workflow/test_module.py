"""The workflow used as a Snakemake module (as snakedeploy sets it up): no sys.path tricks needed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.workflow


def test_workflow_runs_as_a_module_of_another_workflow(repo, tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text((repo / "config" / "config.yaml").read_text())
    (tmp_path / "Snakefile").write_text(
        f"""
configfile: "config/config.yaml"


module trigml:
    snakefile:
        "{repo / "Snakefile"}"
    config:
        config


use rule * from trigml as trigml_*


rule all:
    default_target: True
    input:
        rules.trigml_all.input,
"""
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # trigml as installed
    res = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--quiet", "rules"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    out = res.stdout + res.stderr
    assert res.returncode == 0, out[-3000:]
    for rule in ("trigml_simulate_trackml", "trigml_train_in", "trigml_summarize_results"):
        assert rule in out, rule


def test_common_smk_does_not_touch_sys_path(repo):
    for smk in [repo / "Snakefile", *(repo / "workflow" / "rules").glob("*.smk")]:
        text = smk.read_text()
        assert "sys.path" not in text and "PYTHONPATH" not in text, smk.name
