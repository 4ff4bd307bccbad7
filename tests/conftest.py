"""Session-wide test set-up: headless plotting, quiet TensorFlow, the library on sys.path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "workflow" / "src"))
sys.path.insert(0, str(REPO / "scripts"))

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")


@pytest.fixture(scope="session")
def repo() -> Path:
    """Root of the repository (Snakefile, config/, workflow/)."""
    return REPO


def run_workflow(workdir: Path, configfiles: list[Path | str], targets: list[str], *extra: str, cores: int = 2):
    """Run the real Snakefile in ``workdir`` (results land in ``workdir/results``) on tiny configs.

    The Snakefile's own ``configfile: config/config.yaml`` is resolved against the working
    directory, so the repository's default config is copied there first; the given config files
    are layered on top, as ``--configfile`` does for users.
    """
    import shutil
    import subprocess

    workdir = Path(workdir)
    (workdir / "config").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config" / "config.yaml", workdir / "config" / "config.yaml")
    cmd = [
        sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir),
        "--cores", str(cores), "--configfile", *[str(c) for c in configfiles], "--show-failed-logs",
        *extra, *targets,
    ]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(REPO / "workflow" / "src"))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=workdir)


@pytest.fixture
def workflow_runner():
    """``workflow_runner(tmp_path, [config], [targets])`` -> CompletedProcess of a Snakemake run."""
    return run_workflow
