"""Where and how wide a job runs: the torch device (CUDA when present) and its CPU threads.

Every rule's ``threads`` reaches its script as ``--threads`` (:func:`trigml.cli.snakemake_argv`);
the shared parser (:func:`trigml.cli.parser`) calls :func:`use_threads` with it as soon as the
arguments are parsed, before any heavy import, so torch, TensorFlow, BLAS / OpenMP and the tools
a job starts (make, Verilator, Yosys: :func:`job_threads`) all use exactly that many cores.
"""

from __future__ import annotations

import logging
import os
import sys

# The report's provenance page finds which rules ran on which device by this tag in rule logs.
DEVICE_TAG = "[trigml-device]"

# Read by the libraries when they start: OpenMP (torch, pyoperon), BLAS, TensorFlow's pools.
THREAD_ENV = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
)
# trigml's own record, for tools started later in the job (make -j, Verilator --threads).
TRIGML_THREADS = "TRIGML_THREADS"


def use_threads(n: int) -> int:
    """Make this process (and the processes it starts) use ``n`` CPU threads; returns ``n``.

    Sets the environment variables the libraries read when they initialise; torch and
    TensorFlow already imported are set directly as well.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"threads must be a positive integer, got {n!r}")
    for var in THREAD_ENV:
        os.environ[var] = str(n)
    os.environ["TF_NUM_INTEROP_THREADS"] = "1"
    os.environ[TRIGML_THREADS] = str(n)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(n)
    if "tensorflow" in sys.modules:
        _tf_threads(sys.modules["tensorflow"], n)
    return n


def _tf_threads(tf: object, n: int) -> None:
    threading = tf.config.threading  # type: ignore[attr-defined]
    try:
        threading.set_intra_op_parallelism_threads(n)
        threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # TF already initialised its pools: the env vars applied at start-up
        logging.getLogger("trigml").debug("TensorFlow threads already fixed")


def job_threads() -> int:
    """The threads this job was given (1 when :func:`use_threads` was never called)."""
    value = os.environ.get(TRIGML_THREADS, "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


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
