"""The workflow as a whole: DAGs of the shipped configs, config errors before any job, lint."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.workflow


def _snakemake(repo, *args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "-s", str(repo / "Snakefile"), *args],
        capture_output=True, text=True, cwd=cwd or repo,
    )  # fmt: skip


@pytest.mark.parametrize("config", ["config/config.yaml", "config/paper.yaml"])
def test_dry_run_builds_full_dag(repo, tmp_path, workflow_runner, config):
    res = workflow_runner(tmp_path, [repo / config], [], "-n", "--quiet", "rules")
    assert res.returncode == 0, res.stdout + res.stderr
    out = res.stdout + res.stderr
    assert "summarize_results" in out
    if config.endswith("paper.yaml"):
        assert "download_trackml" in out and "simulate_trackml" not in out
    else:
        assert "simulate_trackml" in out and "validate_simulation" in out


def test_misspelled_key_fails_before_any_job(repo, tmp_path, workflow_runner):
    bad = tmp_path / "bad.yaml"
    bad.write_text("data:\n  trackml:\n    sourse: simulate\n")
    res = workflow_runner(tmp_path, [bad], [])  # a real run, not a dry run
    assert res.returncode != 0
    assert "unknown config key 'data.trackml.sourse'" in res.stderr + res.stdout
    assert not (tmp_path / "results").exists(), "no job may run with an invalid config"


def test_studies_select_final_targets(repo, tmp_path, workflow_runner):
    only_data = tmp_path / "only.yaml"
    only_data.write_text("studies: [data]\n")
    res = workflow_runner(tmp_path, [only_data], [], "-n", "--quiet", "rules")
    assert res.returncode == 0, res.stderr
    scheduled = _scheduled_rules(res.stdout + res.stderr)
    data_rules = _rules_defined_in(repo, "data") | {"summarize_results", "all"}
    assert "simulate_trackml" in scheduled and "validate_simulation" in scheduled
    assert scheduled <= data_rules, f"rules of other studies scheduled: {sorted(scheduled - data_rules)}"
    everything = workflow_runner(tmp_path, [repo / "config/config.yaml"], [], "-n", "--quiet", "rules")
    assert _scheduled_rules(everything.stdout + everything.stderr) - data_rules, "the check could not fail"


def _rules_defined_in(repo, study):
    import re

    text = (repo / "workflow/rules" / f"{study}.smk").read_text()
    return set(re.findall(r"^\s*(?:use )?rule (\w+)", text, re.M))


def _scheduled_rules(out):
    """Rule names in the job-count table of ``snakemake -n --quiet rules``."""
    import re

    table = out.split("Job stats:", 1)[-1].split("total", 1)[0]
    return {m.group(1) for m in re.finditer(r"^(\w+)\s+\d+\s*$", table, re.M)} - {"job", "count"}


def test_lint_is_clean(repo):
    res = _snakemake(repo, "--lint")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Lints for" not in res.stdout + res.stderr


def test_snakefmt_is_clean(repo):
    exe = [sys.executable, "-m", "snakefmt", "--check", "Snakefile", "workflow/rules"]
    res = subprocess.run(exe, capture_output=True, text=True, cwd=repo)
    assert res.returncode == 0, res.stdout + res.stderr
