"""The rendered report: a tiny run, `snakemake --report`, then headless Chromium (Debian's `chromium`)
loads report.html and the landing page must show the paper-vs-trigml table with its verdict column."""

from __future__ import annotations

import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None, reason="headless check needs Debian's chromium (apt-get install chromium)"
)
def test_landing_page_shows_the_paper_table(repo, tmp_path, workflow_runner):
    extra = tmp_path / "events.yaml"  # enough events for every study's split checks, tiny pileup
    extra.write_text("data:\n  trackml:\n    events: [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007]\n")
    cfg = [repo / "tests/configs/data.yaml", extra]
    res = workflow_runner(tmp_path, cfg, ["report"])
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    html = tmp_path / "results" / "report.html"
    res = workflow_runner(tmp_path, cfg, [], "--report", str(html))
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=15000",
           "--dump-dom", html.as_uri()]  # fmt: skip
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=180).stdout
    shot = tmp_path / "landing.png"  # kept in the test's tmp folder for a human look
    subprocess.run([*cmd[:-2], f"--screenshot={shot}", "--window-size=1400,1000", html.as_uri()],
                   capture_output=True, timeout=180)  # fmt: skip
    assert "trigml-paper-vs-ours" in dom, "the landing page does not show the paper table"
    assert "Paper vs trigml" in dom and ">verdict (why)<" in dom
    assert "<iframe" not in dom.split("trigml-paper-vs-ours", 1)[0][-2000:]  # the table itself, not a frame
