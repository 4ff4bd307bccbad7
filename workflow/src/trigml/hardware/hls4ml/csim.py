"""C simulation of an hls4ml model: g++ compile and predict (needs no Vivado/Vitis)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def compile_model(hls_model: Any) -> float:
    """Write and compile (g++) the C simulation library; the seconds it took."""
    t0 = time.perf_counter()
    hls_model.compile()
    dt = time.perf_counter() - t0
    log.info("hls4ml C simulation compiled in %.1f s (%s)", dt, hls_model.config.get_output_dir())
    return dt


def predict(hls_model: Any, inputs: np.ndarray | Sequence[np.ndarray]) -> tuple[np.ndarray, float]:
    """C-simulation outputs, one row per input row (several inputs: a list of arrays with the same
    number of rows, each flattened per row), and the seconds the simulation took."""
    arrays = [inputs] if isinstance(inputs, np.ndarray) else list(inputs)
    n = len(arrays[0])
    if n == 0 or any(len(a) != n for a in arrays):
        raise ValueError(
            f"C simulation needs a non-empty batch with equal rows per input, got {[len(a) for a in arrays]}"
        )
    flat = [np.ascontiguousarray(np.asarray(a, np.float64).reshape(n, -1)) for a in arrays]
    t0 = time.perf_counter()
    out = hls_model.predict(flat[0] if len(flat) == 1 else flat)
    dt = time.perf_counter() - t0
    return np.asarray(out, dtype=np.float64).reshape(n, -1), dt
