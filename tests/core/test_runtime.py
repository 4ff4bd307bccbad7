"""trigml.runtime / trigml.cli: a job uses exactly the threads its rule was given."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from trigml.runtime import THREAD_ENV, job_threads, use_threads

PROBE = """
import json, os, sys
from trigml.cli import parser
args = parser("probe").parse_args(sys.argv[1:])
import torch
import numpy
# TensorFlow sizes its thread pools from TF_NUM_INTRAOP_THREADS when its runtime starts.
print(json.dumps({"torch": torch.get_num_threads(), "tf": int(os.environ["TF_NUM_INTRAOP_THREADS"]),
                  "omp": int(os.environ["OMP_NUM_THREADS"])}))
"""


@pytest.fixture
def clean_env(monkeypatch):
    for var in (*THREAD_ENV, "TF_NUM_INTEROP_THREADS", "TRIGML_THREADS"):
        monkeypatch.delenv(var, raising=False)


def test_use_threads_sets_every_library_variable(clean_env):
    assert use_threads(3) == 3
    assert all(os.environ[var] == "3" for var in THREAD_ENV)
    assert job_threads() == 3


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_use_threads_refuses_what_is_not_a_positive_integer(bad):
    with pytest.raises(ValueError, match="positive integer"):
        use_threads(bad)


@pytest.mark.parametrize("threads", [1, 2])
def test_parsed_threads_reach_torch_and_the_libraries_imported_afterwards(clean_env, threads):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "--threads", str(threads)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"torch": threads, "tf": threads, "omp": threads}


def test_threads_option_refuses_zero(capsys):
    from trigml.cli import parser

    with pytest.raises(SystemExit):
        parser("t").parse_args(["--threads", "0"])
    assert "positive integer" in capsys.readouterr().err
