"""Helpers that make every script in ``scripts/`` both a Snakemake ``script:`` and a CLI.

A script looks like::

    def main(argv=None):
        args = parser().parse_args(argv)
        with log_to(args.log):
            do_the_work(...)

    if "snakemake" in globals():
        smk = snakemake  # noqa: F821  (injected by Snakemake)
        main(["--in", smk.input[0], ..., "--log", smk.log[0]])
    elif __name__ == "__main__":
        main()

so the rule and the command line go through exactly the same code path. The Snakemake branch
comes first because Snakemake runs a `script:` with ``__name__ == "__main__"``, and scripts do
not use ``from __future__`` imports (Snakemake puts its preamble above the script's first line).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def log_to(path: str | os.PathLike[str] | None, level: int = logging.INFO) -> Iterator[logging.Logger]:
    """Send ``logging`` (and uncaught exceptions) to ``path`` and to stderr for the duration."""
    root = logging.getLogger()
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(path, mode="w"))
    old = root.handlers[:], root.level
    root.handlers = handlers
    for h in handlers:
        h.setFormatter(logging.Formatter(LOG_FORMAT))
    root.setLevel(level)
    try:
        yield logging.getLogger("trigml")
    except BaseException:
        logging.getLogger("trigml").exception("failed")
        raise
    finally:
        for h in handlers:
            h.flush()
            if isinstance(h, logging.FileHandler):
                h.close()
        root.handlers, root.level = old


def atomic_path(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[Path]:
    """Context manager giving a temporary path beside ``path``, renamed onto it only on success."""

    @contextlib.contextmanager
    def _cm() -> Iterator[Path]:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        tmp_path = Path(tmp)
        try:
            yield tmp_path
            os.replace(tmp_path, target)
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


def read_json(path: str | os.PathLike[str]) -> Any:
    with open(path) as fh:
        return json.load(fh)


def device(prefer: str = "auto") -> str:
    """``cuda`` when a GPU is present (and not refused), else ``cpu``."""
    if prefer == "cpu":
        chosen = "cpu"
    else:
        import torch

        chosen = "cuda" if torch.cuda.is_available() else "cpu"
        if chosen == "cuda":
            chosen_name = torch.cuda.get_device_name(0)
            logging.getLogger("trigml").info("%s cuda (%s)", DEVICE_TAG, chosen_name)
            return chosen
    logging.getLogger("trigml").info("%s %s", DEVICE_TAG, chosen)
    return chosen


# The report's provenance page finds which rules ran on which device by this tag in rule logs.
DEVICE_TAG = "[trigml-device]"
