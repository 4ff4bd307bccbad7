"""Rules download_trackml and import_trackml run by Snakemake on a tiny archive served locally."""

from __future__ import annotations

import zipfile

import pytest
from trackml_fixtures import make_event
from trigml.data.trackml import PARTS, load_event, write_event
from trigml.download import read_lock


@pytest.fixture
def sample_zip(tmp_path):
    plain = tmp_path / "plain"
    for eid in (1000, 1001):
        write_event(plain, eid, *make_event(seed=eid))
    served = tmp_path / "served"
    served.mkdir()
    with zipfile.ZipFile(served / "sample.zip", "w") as zf:
        for f in sorted(plain.iterdir()):
            zf.write(f, f"train_100_events/{f.name}")
    return served / "sample.zip"


def targets(ids):
    return [f"results/data/trackml/events/event{e:09d}-{p}.csv" for e in ids for p in PARTS]


@pytest.mark.slow
def test_download_rule(http_server, sample_zip, tmp_path, workflow_runner):
    url = http_server(sample_zip.parent)
    run = tmp_path / "run"
    cfg = tmp_path / "download.yaml"
    cfg.write_text(
        "studies: [data]\n"
        f"data:\n  trackml:\n    source: download\n    events: [1001]\n    download:\n      url: {url}/sample.zip\n"
    )
    res = workflow_runner(run, [cfg], targets([1001]), cores=1)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "download_trackml" in res.stdout + res.stderr
    (hits,) = load_event(run / "results/data/trackml/events/event000001001", parts=["hits"])
    assert len(hits) == len(make_event(seed=1001)[0])
    assert read_lock(run / "results/data/trackml/download/sample.zip") is not None
    log = (run / "results/logs/data/download_trackml.log").read_text()
    assert "recorded the sha256" in log and "1 event(s), 4 files written" in log


@pytest.mark.slow
def test_import_rule_missing_event_fails_clearly(sample_zip, tmp_path, workflow_runner):
    run = tmp_path / "run"
    cfg = tmp_path / "local.yaml"
    cfg.write_text(
        f"studies: [data]\ndata:\n  trackml:\n    source: local\n    events: [1000, 1003]\n    local_dir: {sample_zip}\n"
    )
    res = workflow_runner(run, [cfg], targets([1000, 1003]), cores=1)
    assert res.returncode != 0
    assert "event(s) [1003] not found" in res.stdout + res.stderr
    assert not list(run.glob("results/data/trackml/events/*.csv"))
