"""End to end: a tiny run, then `snakemake --report` packs it into one HTML file; a second run is a no-op."""

import json

import pytest


@pytest.mark.slow
def test_tiny_run_summary_and_html_report(repo, tmp_path, workflow_runner):
    cfg = [repo / "tests/configs/data.yaml"]
    res = workflow_runner(tmp_path, cfg, [])
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    summary = (tmp_path / "results/summary.md").read_text()
    assert "## Provenance" in summary and "## data" in summary
    validation = json.loads((tmp_path / "results/data/validation.json").read_text())
    assert validation  # the summary tabulates what the study wrote
    # nothing left to do the second time
    again = workflow_runner(tmp_path, cfg, [], "-n")
    assert again.returncode == 0
    assert "Nothing to be done" in again.stdout + again.stderr
    report = tmp_path / "results/report.html"
    res = workflow_runner(tmp_path, cfg, [], "--report", str(report))
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    text = report.read_text(errors="replace")
    assert len(text) > 10_000 and "<html" in text.lower()
