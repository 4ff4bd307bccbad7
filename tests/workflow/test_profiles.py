"""Profiles: the local one drives a run; on SLURM threads = CPUs asked, GPUs only where they pay,
site settings only in the site template, memory and runtime growing with the attempt."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.workflow

FAKE_CONDA = Path(__file__).parent / "fake_conda"
SITE_KEYS = ("slurm_account", "slurm_partition", "gpu_model", "slurm_extra")


def _profile(repo, name):
    return yaml.safe_load((repo / name / "profile.yaml").read_text())


def _jobs(text):
    """(rule, {resource: value}, threads) of every job a dry run prints."""
    jobs = []
    for block in re.split(r"^\[.*?\]\n(?=rule |localrule )", text, flags=re.M):
        m = re.match(r"(?:local)?rule (\w+):", block)
        if not m:
            continue
        res = re.search(r"^\s+resources: (.*)$", block, re.M)
        resources = dict(kv.split("=", 1) for kv in res.group(1).split(", ")) if res else {}
        threads = re.search(r"^\s+threads: (\d+)$", block, re.M)
        jobs.append((m.group(1), resources, int(threads.group(1)) if threads else 1))
    return jobs


def test_workflow_profile_asks_for_as_many_cpus_as_threads(repo):
    profile = _profile(repo, "workflow/profiles/slurm")
    assert set(profile) == {"set-threads", "set-resources"}, "site settings belong in the site profile"
    threads, resources = profile["set-threads"], profile["set-resources"]
    for rule, n in threads.items():
        assert resources.get(rule, {}).get("cpus_per_task") == n, rule
    for rule, res in resources.items():
        assert res.get("cpus_per_task", 1) == threads.get(rule, 1), rule
        assert not set(res) & set(SITE_KEYS), f"{rule}: site keys in the workflow profile"
        for key in ("mem_mb", "runtime"):
            if key in res:
                assert str(res[key]).endswith("*attempt"), f"{rule}.{key} does not grow with the attempt"


def test_workflow_profile_names_only_existing_rules(repo):
    rules = set()
    for smk in (repo / "workflow/rules").glob("*.smk"):
        for a, b in re.findall(r"^\s*(?:use rule \w+ as (\w+)|rule (\w+))", smk.read_text(), re.M):
            rules.add(a or b)
    profile = _profile(repo, "workflow/profiles/slurm")
    stale = (set(profile["set-threads"]) | set(profile["set-resources"])) - rules
    assert not stale, f"the SLURM profile names rules that do not exist: {sorted(stale)}"


def test_site_template_holds_the_site_and_nothing_of_the_workflow(repo):
    site = _profile(repo, "config/slurm-site")
    assert site["executor"] == "slurm" and site["software-deployment-method"] == "conda"
    assert "set-threads" not in site and "set-resources" not in site  # would replace the workflow's
    assert site["default-resources"]["slurm_account"]
    for key in ("mem_mb", "runtime"):
        assert str(site["default-resources"][key]).endswith("*attempt")
    partitions = yaml.safe_load((repo / site["slurm-partition-config"]).read_text())["partitions"]
    assert any(p.get("max_gpu", 0) > 0 for p in partitions.values())
    text = (repo / "config/slurm-site/profile.yaml").read_text()
    assert text.count("EDIT") >= 2, "the template says what to edit"


def test_default_profile_scales_memory_and_runtime_with_the_attempt(repo):
    defaults = _profile(repo, "workflow/profiles/default")["default-resources"]
    assert str(defaults["mem_mb"]).endswith("*attempt") and str(defaults["runtime"]).endswith("*attempt")


def test_every_rule_has_a_log_and_a_conda_env(repo):
    for smk in (repo / "workflow" / "rules").glob("*.smk"):
        text = smk.read_text()
        for m in re.finditer(r"^\s*rule (\w+):(.*?)(?=^\s*(?:use )?rule |\Z)", text, re.S | re.M):
            name, body = m.group(1), m.group(2)
            if name == "all" or name.startswith("all_") or name == "report":
                continue
            for directive in ("log:", "conda:"):
                assert directive in body, f"{smk.name}: rule {name} lacks {directive}"


def test_default_profile_drives_a_dry_run(repo, tmp_path, workflow_runner):
    res = workflow_runner(
        tmp_path, [repo / "config/config.yaml"], [], "-n", "--quiet", "rules",
        "--workflow-profile", str(repo / "workflow/profiles/default"),
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr


def test_slurm_dag_with_the_site_template(repo, tmp_path, workflow_runner, monkeypatch):
    """The documented cluster command builds the paper DAG: every job asks for its threads in
    CPUs, GPUs only on the GPU rules, the site's account on every job."""
    monkeypatch.setenv("PATH", f"{FAKE_CONDA}{os.pathsep}{os.environ['PATH']}")  # conda is not here
    (tmp_path / "config/slurm-site").mkdir(parents=True)
    for name in ("profile.yaml", "partitions.yaml"):
        (tmp_path / "config/slurm-site" / name).write_text((repo / "config/slurm-site" / name).read_text())
    res = workflow_runner(
        tmp_path, [repo / "config/paper.yaml"], [], "-n",
        "--profile", str(tmp_path / "config/slurm-site"),
        "--workflow-profile", str(repo / "workflow/profiles/slurm"),
    )  # fmt: skip
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    jobs = _jobs(res.stdout + res.stderr)
    assert len(jobs) > 100
    profile = _profile(repo, "workflow/profiles/slurm")
    gpu_rules = {r for r, res_ in profile["set-resources"].items() if res_.get("gpu")}
    for rule, resources, _ in jobs:
        if rule.startswith("all") or rule == "report":
            continue
        assert resources.get("slurm_account") == "MY_ACCOUNT", rule
        want = str(profile["set-threads"].get(rule, 1))
        assert resources.get("cpus_per_task", want) == want, rule
        assert (resources.get("gpu", "0") != "0") == (rule in gpu_rules), rule
    assert gpu_rules & {rule for rule, _, _ in jobs}


def test_slurm_threads_are_applied_as_set(repo, tmp_path, workflow_runner):
    """Snakemake gives each job the threads of set-threads (local dry run with cores to spare)."""
    res = workflow_runner(
        tmp_path, [repo / "config/paper.yaml"], [], "-n", "--cores", "64",
        "--workflow-profile", str(repo / "workflow/profiles/slurm"),
    )  # fmt: skip
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    profile = _profile(repo, "workflow/profiles/slurm")
    seen = {}
    for rule, resources, threads in _jobs(res.stdout + res.stderr):
        assert int(resources.get("cpus_per_task", threads)) == threads, rule
        seen[rule] = threads
    for rule, n in profile["set-threads"].items():
        if rule in seen:
            assert seen[rule] == n, rule
