"""trigml.files: outputs readable by the group (mode from the umask) and still atomic."""

from __future__ import annotations

import os
import stat

import pytest
from trigml.files import atomic_path, current_umask, temporary_beside, write_json


@pytest.fixture
def umask():
    """Set the umask for one test, restore it afterwards."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_(mask: int) -> None:
        os.umask(mask)

    yield set_
    os.umask(saved)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_atomic_outputs_get_the_mode_of_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    assert current_umask() == mask
    write_json(tmp_path / "m.json", {"a": 1})
    with atomic_path(tmp_path / "raw.bin") as tmp:
        tmp.write_bytes(b"x")
    for name in ("m.json", "raw.bin"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


def test_a_writer_that_recreates_the_temporary_file_still_gets_the_umask_mode(tmp_path, umask):
    umask(0o022)
    with atomic_path(tmp_path / "x.npz") as tmp:
        tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    assert stat.S_IMODE((tmp_path / "x.npz").stat().st_mode) == 0o644


def test_temporary_beside_is_hidden_in_the_target_folder(tmp_path, umask):
    umask(0o022)
    fd, path = temporary_beside(tmp_path / "sub" / "out.csv")
    os.close(fd)
    assert path.parent == tmp_path / "sub" and path.name.startswith(".out.csv.") and path.suffix == ".part"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_atomic_path_keeps_the_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "m.json"
    write_json(target, {"v": 1})
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text('{"v": 2, "half')
            raise RuntimeError("killed")
    assert target.read_text() == '{\n  "v": 1\n}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


def test_trackml_event_files_respect_the_umask(repo, tmp_path, umask):
    import importlib.util

    from trigml.data.trackml.io import write_event

    spec = importlib.util.spec_from_file_location("fixtures", repo / "tests/data/trackml_fixtures.py")
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    umask(0o022)
    write_event(tmp_path, 1000, *fixtures.make_event())
    files = sorted(tmp_path.iterdir())
    assert len(files) == 4 and all(not f.name.startswith(".") for f in files)
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o644}


WRITER = """
import sys, time
from pathlib import Path
from trigml.files import atomic_path
target, marker = Path(sys.argv[1]), Path(sys.argv[2])
with atomic_path(target) as tmp:
    with open(tmp, "wb") as fh:
        fh.write(b"first half ")
        fh.flush()
        if sys.argv[3] == "stall":
            marker.write_text("mid-write")
            time.sleep(60)
        fh.write(b"second half")
"""


def test_a_writer_killed_mid_write_leaves_no_output_and_the_rerun_is_whole(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    target, marker = tmp_path / "out" / "model.bin", tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(marker), "stall"])
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert marker.exists(), "the writer never reached the middle of its write"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not target.exists()
    assert [p.name.endswith(".part") for p in target.parent.iterdir()] == [True]  # the killed writer's
    done = subprocess.run([sys.executable, "-c", WRITER, str(target), str(marker), "go"])
    assert done.returncode == 0
    assert target.read_bytes() == b"first half second half"
    assert [p.name for p in target.parent.iterdir()] == ["model.bin"]  # its leftover is gone too


def test_model_files_written_atomically_are_byte_identical(tmp_path):
    """torch.save names its archive folder after the file it writes: the temporary name must not
    be random, or two runs of the same training give different model files."""
    import torch

    state = {"w": torch.arange(6.0).reshape(2, 3)}
    for run in ("a", "b"):
        with atomic_path(tmp_path / run / "model.pt") as tmp:
            torch.save(state, tmp)
    assert (tmp_path / "a/model.pt").read_bytes() == (tmp_path / "b/model.pt").read_bytes()


def test_temporary_folders_get_the_umask_mode_not_0700(tmp_path, umask):
    from trigml.files import temporary_dir_beside

    umask(0o022)
    folder = temporary_dir_beside(tmp_path / "project")
    assert folder.parent == tmp_path and folder.name.startswith(".project.")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
