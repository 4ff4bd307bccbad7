"""benchmarks/dag.py: the per-rule timing table of a run (make bench)."""

from __future__ import annotations

import json

import pytest

from benchmarks import dag

pytestmark = pytest.mark.unit

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"


def _tsv(path, wall, cpu, rss):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + f"{wall}\t0:00:01\t{rss}\t1\t1\t1\t0\t0\t50\t{cpu}\n")


def test_table_per_rule_and_idle_cores(tmp_path, monkeypatch):
    results = tmp_path / "results"
    _tsv(results / "benchmarks/tracking/build_graphs/pt1.tsv", 10.0, 8.0, 300)
    _tsv(results / "benchmarks/tracking/build_graphs/pt2.tsv", 6.0, 4.0, 500)
    _tsv(results / "benchmarks/data/simulate_trackml.tsv", 30.0, 28.0, 200)
    log = tmp_path / ".snakemake/log/2026-01-01T000000.000000.snakemake.log"
    log.parent.mkdir(parents=True)
    log.write_text(
        "Provided cores: 2\n[Thu Jan  1 00:00:00 2026]\nrule a:\n[Thu Jan  1 00:01:00 2026]\n"
        "Finished jobid: 0\n3 of 3 steps (100%) done\n"
    )
    monkeypatch.chdir(tmp_path)
    files = dag.run(tmp_path / "bench", quick=True, results=results)
    data = json.loads(files[0].read_text())
    rows = {r["rule"]: r for r in data["rules"]}
    assert [r["rule"] for r in data["rules"]] == ["simulate_trackml", "build_graphs"]  # largest CPU first
    assert rows["build_graphs"]["jobs"] == 2 and rows["build_graphs"]["cpu_s"] == 12.0
    assert rows["build_graphs"]["max_rss_mb"] == 500 and rows["build_graphs"]["cpu_per_job_s"] == 6.0
    summary = data["summary"]
    assert summary["run_wall_s"] == 60 and summary["run_cores"] == 2
    assert summary["idle_core_s_upper_bound"] == 120 - 40 and summary["core_use"] == round(40 / 120, 3)
    assert "| data | simulate_trackml | 1 | 28.0 |" in files[1].read_text()


def test_no_run_yet_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(dag.run(tmp_path / "bench", quick=True, results=tmp_path / "results")[0].read_text())
    assert data["rules"] == [] and "make run" in data["summary"]["note"]
