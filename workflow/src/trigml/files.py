"""Files every rule writes: atomic outputs (temporary name, renamed when whole) and JSON.

Temporary files come from :func:`tempfile.mkstemp`, which creates them with mode 0600; before
the rename they get the mode an ordinary ``open()`` would have given (0666 minus the umask,
0644 under the usual 022), so on a shared cluster the group can read the results.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def current_umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_beside(target: str | os.PathLike[str]) -> tuple[int, Path]:
    """``(fd, path)`` of the hidden ``.<name>.part`` file beside ``target``, with the umask's mode.

    The caller writes it and renames it onto ``target`` (``os.replace``) when whole. Leftovers of
    an earlier writer of the same target that was killed (SIGKILL, out of memory) are removed:
    one job writes one target at a time.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    # A fixed name, not a random one: writers that record their file name (torch.save names the
    # archive's folder after it) must give the same bytes in every run.
    tmp = target.parent / f".{target.name}.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    os.fchmod(fd, 0o666 & ~current_umask())
    return fd, tmp


def temporary_dir_beside(target: str | os.PathLike[str]) -> Path:
    """A new hidden folder ``.<name>.<random>.part`` beside ``target``, with the umask's mode
    (:func:`tempfile.mkdtemp` makes it 0700: renamed onto ``target``, the group could not read it)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    os.chmod(tmp, 0o777 & ~current_umask())
    return tmp


def atomic_path(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[Path]:
    """Context manager giving a temporary path beside ``path``, renamed onto it only on success."""

    @contextlib.contextmanager
    def _cm() -> Iterator[Path]:
        fd, tmp_path = temporary_beside(path)
        os.close(fd)
        try:
            yield tmp_path
            if tmp_path.is_file():
                os.chmod(tmp_path, 0o666 & ~current_umask())  # writers that re-create the file
            os.replace(tmp_path, path)
        finally:
            if tmp_path.exists():
                tmp_path.unlink()

    return _cm()


def write_json(path: str | os.PathLike[str], data: Any) -> None:
    """Write JSON atomically (indent 2, keys in insertion order, NaN refused)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w") as fh:
            json.dump(data, fh, indent=2, allow_nan=False, default=_jsonable)
            fh.write("\n")


def _jsonable(obj: Any) -> Any:
    import numpy as np

    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def load_torch(path: str | os.PathLike[str], *, weights_only: bool = True) -> Any:
    """``torch.load`` on the CPU; a missing, truncated or foreign file is reported with its path."""
    import pickle
    import zipfile

    import torch

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: checkpoint not found")
    try:
        return torch.load(path, map_location="cpu", weights_only=weights_only)
    except (pickle.UnpicklingError, EOFError, RuntimeError, zipfile.BadZipFile, ValueError) as err:
        raise ValueError(f"{path}: not a readable checkpoint ({type(err).__name__}: {err})") from err


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read a JSON file; a file that is not valid JSON is reported with its path."""
    with open(path) as fh:
        try:
            return json.load(fh)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}: not valid JSON ({err})") from err
