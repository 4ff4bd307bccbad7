"""Faults and determinism on a tiny config (issue 18, items 5-6): two runs give byte-identical
results; a run SIGKILLed in the middle of a job resumes to the same bytes.

Compared: every result file that is data (JSON, CSV, parquet, NumPy, model checkpoints, HDF5,
Verilog). Not compared, by design: logs and benchmark files (timings), figures (PDF metadata),
and the files that record timings or host facts — kept apart for that reason (``*timing*``,
``*host*``, ``provenance*``, ``summary.*`` of the report, which quotes the provenance).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.workflow, pytest.mark.slow, pytest.mark.timeout(2400)]  # 2-3 tiny runs

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "tests/configs/tracking.yaml"  # simulation, graphs, IN training, edges, tracks
DATA = {".json", ".csv", ".gz", ".parquet", ".npz", ".npy", ".pt", ".h5", ".keras", ".v"}
EXCLUDED = ("timing", "host", "provenance")


def _command(workdir: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir),
        "--cores", "2", "--configfile", str(CONFIG), "--rerun-incomplete", *extra,
    ]  # fmt: skip


def _prepare(workdir: Path) -> dict[str, str]:
    (workdir / "config").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config" / "config.yaml", workdir / "config" / "config.yaml")
    return dict(os.environ, PYTHONPATH=str(REPO / "workflow" / "src"), PYTHONHASHSEED="0")


def _run(workdir: Path) -> subprocess.CompletedProcess:
    env = _prepare(workdir)
    res = subprocess.run(_command(workdir), capture_output=True, text=True, env=env, cwd=workdir)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return res


def digests(workdir: Path) -> dict[str, str]:
    """sha256 of every compared result file, by path under results/."""
    out = {}
    for path in sorted((workdir / "results").rglob("*")):
        rel = path.relative_to(workdir / "results")
        if not path.is_file() or rel.parts[0] in ("logs", "benchmarks") or path.name.startswith("."):
            continue
        if path.suffix not in DATA or any(word in path.name for word in EXCLUDED):
            continue
        if len(rel.parts) == 1 and path.name.startswith("summary."):
            continue
        out[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("reference")
    _run(workdir)
    found = digests(workdir)
    assert any(k.endswith("model.pt") for k in found) and any(k.endswith(".json") for k in found)
    return found


def _differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_two_runs_give_byte_identical_results(reference, tmp_path):
    _run(tmp_path)
    assert not _differences(reference, digests(tmp_path))


def test_a_run_killed_mid_job_resumes_to_the_same_bytes(reference, tmp_path):
    env = _prepare(tmp_path)
    proc = subprocess.Popen(
        _command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path,
        start_new_session=True,
    )  # fmt: skip
    train_logs = tmp_path / "results" / "logs" / "tracking" / "train_in"
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        if train_logs.is_dir() and any(f.stat().st_size for f in train_logs.iterdir()):
            break  # the training job has started and written its first log lines
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before the training job could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run, job included: a node failing
    proc.wait()
    assert not (tmp_path / "results/tracking/train/pt2.0/model.pt").exists(), "killed, yet a model appeared"
    log = next(train_logs.iterdir())
    assert log.stat().st_size > 0, "the job's log exists and has its first lines"
    # What a user does after a node failure: release Snakemake's lock, then rerun (the profiles set
    # rerun-incomplete: the killed job's outputs are recomputed).
    unlock = subprocess.run(
        [*_command(tmp_path), "--unlock"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert unlock.returncode == 0, unlock.stderr[-3000:]
    res = subprocess.run(_command(tmp_path), capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert not _differences(reference, digests(tmp_path))
    leftovers = [p for p in (tmp_path / "results").rglob(".*.part")]
    assert not leftovers, leftovers
