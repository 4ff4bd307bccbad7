"""Helpers that make every script in ``scripts/`` both a Snakemake ``script:`` and a CLI.

A script parses its arguments *before* any heavy import (``-h`` answers at once) and maps the
rule's named inputs, outputs and params to its options declaratively::

    from trigml.cli import log_to, parser, snakemake_argv

    def main(argv=None):
        p = parser(__doc__)                       # already has --log and --threads
        p.add_argument("--train", nargs="+", required=True)   # input.train
        p.add_argument("--model", required=True)              # output.model
        p.add_argument("--settings", type=json_arg, required=True)  # params.settings (a dict)
        args = p.parse_args(argv)
        with log_to(args.log):
            from trigml.tracking.steps import train_model   # heavy import after parsing
            train_model(...)

    if "snakemake" in globals():
        main(snakemake_argv(snakemake))  # noqa: F821  (injected by Snakemake)
    elif __name__ == "__main__":
        main()

:func:`snakemake_argv` turns every *named* input, output and param into ``--<name>`` (underscores
become dashes), plus ``--log`` and ``--threads``, so a rule and the command line go through the
same code path and ``use rule ... with:`` can change any value by name. The Snakemake branch
comes first because Snakemake runs a ``script:`` with ``__name__ == "__main__"``; scripts do not
use ``from __future__`` imports (Snakemake puts its preamble above the script's first line).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def log_to(path: str | os.PathLike[str] | None, level: int = logging.INFO) -> Iterator[logging.Logger]:
    """Send everything the job prints to ``path`` for the duration, and record a failure there.

    With a path, the log file is created at once (a job killed in its first second still leaves
    it), ``logging``, ``sys.stdout`` / ``sys.stderr`` (tqdm, warnings) and the process's file
    descriptors 1 and 2 (TensorFlow's C++ logging, g++ and other subprocesses hls4ml or Yosys
    start) all go to it, and an exception ends it with its traceback. Without a path, ``logging``
    goes to stderr.
    """
    root = logging.getLogger()
    old = root.handlers[:], root.level
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(_redirected_to(path)) if path else sys.stderr
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.handlers = [handler]
        root.setLevel(level)
        try:
            yield logging.getLogger("trigml")
        except BaseException:
            logging.getLogger("trigml").exception("failed")
            raise
        finally:
            handler.flush()
            root.handlers, root.level = old


@contextlib.contextmanager
def _redirected_to(path: str | os.PathLike[str]) -> Iterator[Any]:
    """Python's and the OS's stdout/stderr both appended to ``path`` (line-buffered), then restored."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    log = open(path, "w", buffering=1)  # noqa: SIM115 (closed below)
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    old_streams = sys.stdout, sys.stderr
    try:
        for fd in saved:
            os.dup2(log.fileno(), fd)
        sys.stdout = sys.stderr = log
        yield log
    finally:
        log.flush()
        sys.stdout, sys.stderr = old_streams
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        log.close()


class _JobParser(argparse.ArgumentParser):
    """Parses a job's arguments, then makes the process use ``--threads`` CPU threads."""

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        parsed, rest = super().parse_known_args(args, namespace)
        if getattr(parsed, "threads", None) is not None:
            from trigml.runtime import use_threads

            use_threads(parsed.threads)
        return parsed, rest


def parser(description: str | None) -> argparse.ArgumentParser:
    """An argument parser with the options every script shares: ``--log`` and ``--threads``.

    Parsing applies ``--threads`` at once (:func:`trigml.runtime.use_threads`): torch,
    TensorFlow, OpenMP and BLAS imported afterwards use exactly that many threads.
    """
    p = _JobParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--log", help="log file (default: stderr only)")
    p.add_argument("--threads", type=_positive_int, default=1, help="CPU threads the job uses")
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def json_arg(text: str) -> Any:
    """``type=`` for options that carry structured params (dicts, lists of dicts) as JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise argparse.ArgumentTypeError(f"not valid JSON: {err}") from err


def _named(items: Any) -> dict[str, Any]:
    """The named entries of a Snakemake ``Namedlist`` (positional-only entries are skipped)."""
    if isinstance(items, Mapping):
        return dict(items)
    return {name: items[name] for name in items.keys()} if hasattr(items, "keys") else {}


def _values(name: str, value: Any, structured: bool) -> list[str]:
    if structured or isinstance(value, Mapping | bool) or value is None:
        return [json.dumps(value, sort_keys=True)]
    if isinstance(value, list | tuple) or (hasattr(value, "__iter__") and not isinstance(value, str | bytes)):
        items = list(value)
        if any(isinstance(v, Mapping | list | tuple) for v in items):
            return [json.dumps(items, sort_keys=True)]
        if not items:
            raise ValueError(f"--{name}: an empty list cannot be passed as options")
        return [str(v) for v in items]
    return [str(value)]


def snakemake_argv(smk: Any, *, json_params: tuple[str, ...] = ()) -> list[str]:
    """The command line equivalent to a Snakemake ``script:`` call.

    Named inputs and outputs become ``--<name> path [path ...]``; named params become
    ``--<name> value [value ...]``, where dicts, booleans, ``None`` and lists of structured values
    (and every param named in ``json_params``) are passed as one JSON string; ``--threads`` and
    ``--log`` (the rule's first log file) follow.
    """
    argv: list[str] = []
    for group in (smk.input, smk.output):
        for name, value in _named(group).items():
            argv += [f"--{name.replace('_', '-')}", *_values(name, value, structured=False)]
    for name, value in _named(smk.params).items():
        argv += [f"--{name.replace('_', '-')}", *_values(name, value, structured=name in json_params)]
    argv += ["--threads", str(getattr(smk, "threads", 1))]
    if len(smk.log):
        argv += ["--log", str(smk.log[0])]
    return argv
