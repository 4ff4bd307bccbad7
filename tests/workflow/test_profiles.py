"""Profiles: the local one drives a run, the SLURM one knows every GPU and synthesis rule."""

from __future__ import annotations

import re

import yaml


def _rules_with(repo, pattern):
    names = set()
    for smk in (repo / "workflow" / "rules").glob("*.smk"):
        text = smk.read_text()
        for m in re.finditer(r"^(?:use )?rule (\w+)(.*?)(?=^(?:use )?rule |\Z)", text, re.S | re.M):
            if re.search(pattern, m.group(2)):
                names.add(m.group(1))
    return names


def test_slurm_profile_sends_every_gpu_rule_to_a_partition(repo):
    profile = yaml.safe_load((repo / "workflow/profiles/slurm/profile.yaml").read_text())
    assert profile["executor"] == "slurm"
    assert profile["software-deployment-method"] == "conda"
    gpu_rules = _rules_with(repo, r"gpu=1")
    assert "train_in" in gpu_rules
    missing = gpu_rules - set(profile["set-resources"])
    assert not missing, f"GPU rules without SLURM resources: {sorted(missing)}"
    for rule in gpu_rules:
        assert profile["set-resources"][rule]["slurm_partition"]


def test_every_rule_declares_log_conda_threads_resources(repo):
    for smk in (repo / "workflow" / "rules").glob("*.smk"):
        text = smk.read_text()
        for m in re.finditer(r"^rule (\w+):(.*?)(?=^rule |^use rule |^\S|\Z)", text, re.S | re.M):
            name, body = m.group(1), m.group(2)
            if name == "all" or name.startswith("all_") or name == "report":
                continue
            for directive in ("log:", "conda:", "threads:", "resources:"):
                assert directive in body, f"{smk.name}: rule {name} lacks {directive}"


def test_default_profile_drives_a_dry_run(repo, tmp_path, workflow_runner):
    res = workflow_runner(
        tmp_path, [repo / "config/config.yaml"], [], "-n", "--quiet", "rules",
        "--workflow-profile", str(repo / "workflow/profiles/default"),
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
