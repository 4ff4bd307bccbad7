"""trigml.cli: atomic outputs, JSON writing, logging to a rule's log file."""

from __future__ import annotations

import json
import logging
import math

import numpy as np
import pytest
from trigml.cli import log_to
from trigml.files import atomic_path, read_json, write_json


def test_atomic_path_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_renames_on_success(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("whole")
    assert target.read_text() == "whole"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_write_json_numpy_and_nan(tmp_path):
    f = tmp_path / "m.json"
    write_json(f, {"a": np.float32(0.5), "b": np.arange(3), "c": np.int64(7)})
    assert read_json(f) == {"a": 0.5, "b": [0, 1, 2], "c": 7}
    with pytest.raises(ValueError):
        write_json(tmp_path / "nan.json", {"x": math.nan})
    assert not (tmp_path / "nan.json").exists()
    json.loads(f.read_text())


def test_log_to_writes_file_and_records_exceptions(tmp_path):
    log_file = tmp_path / "logs" / "rule.log"
    with pytest.raises(ValueError):
        with log_to(log_file) as log:
            log.info("hello %s", "world")
            raise ValueError("bad input in file x.csv")
    text = log_file.read_text()
    assert "hello world" in text and "bad input in file x.csv" in text
    # the rule's file handler is gone afterwards (later logging does not go to this file)
    assert all(getattr(h, "baseFilename", None) != str(log_file) for h in logging.getLogger().handlers)


def _smk(inputs, outputs, params, log="x.log", threads=2):
    from snakemake.iocontainers import Namedlist

    class Smk:
        pass

    smk = Smk()
    smk.input, smk.output = Namedlist(fromdict=inputs), Namedlist(fromdict=outputs)
    smk.params, smk.log, smk.threads = Namedlist(fromdict=params), Namedlist([log] if log else []), threads
    return smk


def test_snakemake_argv_maps_every_named_value_to_an_option():
    from trigml.cli import snakemake_argv

    smk = _smk(
        {"train": ["a.npz", "b.npz"], "val": "c.npz"},
        {"model": "m.pt"},
        {"hidden_size": 40, "settings": {"lr": 0.01, "epochs": 3}, "pts": [1.0, 2.0], "augment": True},
    )
    argv = snakemake_argv(smk)
    assert argv == [
        "--train", "a.npz", "b.npz", "--val", "c.npz", "--model", "m.pt", "--hidden-size", "40",
        "--settings", '{"epochs": 3, "lr": 0.01}', "--pts", "1.0", "2.0", "--augment", "true",
        "--threads", "2", "--log", "x.log",
    ]  # fmt: skip


def test_snakemake_argv_round_trips_through_the_shared_parser():
    from trigml.cli import json_arg, parser, snakemake_argv

    p = parser("t")
    p.add_argument("--train", nargs="+")
    p.add_argument("--settings", type=json_arg)
    p.add_argument("--designs", type=json_arg)
    smk = _smk(
        {"train": ["a", "b"]}, {}, {"settings": {"k": [1, 2]}, "designs": [[28, 56], [113, 196]]}, log=None
    )
    args = p.parse_args(snakemake_argv(smk))
    assert args.train == ["a", "b"] and args.settings == {"k": [1, 2]}
    assert args.designs == [[28, 56], [113, 196]] and args.threads == 2 and args.log is None


def test_snakemake_argv_refuses_an_empty_list_by_name():
    from trigml.cli import snakemake_argv

    with pytest.raises(ValueError, match="--events"):
        snakemake_argv(_smk({}, {}, {"events": []}))


def test_log_to_captures_tool_output_and_ends_with_the_exception(tmp_path):
    import subprocess
    import sys

    log_file = tmp_path / "job.log"
    with pytest.raises(RuntimeError):
        with log_to(log_file) as log:
            assert log_file.exists()  # the log exists from the job's first moment
            log.info("start")
            print("python stdout line")
            print("progress bar 50%", file=sys.stderr)
            subprocess.run(["sh", "-c", "echo compiler says hi; echo compiler warning >&2"], check=True)
            import os

            os.write(2, b"C++ library message\n")
            raise RuntimeError("bad value in field 'pt' of events.csv")
    text = log_file.read_text()
    for line in ("start", "python stdout line", "progress bar 50%", "compiler says hi", "compiler warning",
                 "C++ library message"):  # fmt: skip
        assert line in text, line
    assert text.rstrip().splitlines()[-1] == "RuntimeError: bad value in field 'pt' of events.csv"


def test_log_to_restores_the_streams(tmp_path, capfd):
    import sys

    before = sys.stdout, sys.stderr
    with log_to(tmp_path / "a.log"):
        print("inside")
    print("outside")
    assert (sys.stdout, sys.stderr) == before
    assert "outside" in capfd.readouterr().out
    assert "outside" not in (tmp_path / "a.log").read_text()
