"""hls4ml for the QKeras student through the shared hls4ml back-end (:mod:`trigml.hardware.hls4ml`):
conversion, bit-accurate C simulation against QKeras, synthesis where Vivado/Vitis exist.

The QKeras quantizers carry over into hls4ml's per-layer precisions (``granularity='name'``);
inputs and accumulators use ``default_precision``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.hardware.hls4ml import compare as hls_compare
from trigml.hardware.hls4ml import converters, csim, synthesis


def settings(*, backend: str, default_precision: str, io_type: str, reuse_factor: int, part: str,
             clock_period: float) -> converters.HLSSettings:  # fmt: skip
    return converters.HLSSettings(
        backend=backend, part=part, clock_period=clock_period, precision=default_precision,
        reuse_factor=reuse_factor, io_type=io_type,
    )  # fmt: skip


def convert(
    model: Any,
    output_dir: str | os.PathLike[str],
    *,
    backend: str = "Vitis",
    default_precision: str = "ap_fixed<16,6>",
    io_type: str = "io_parallel",
    reuse_factor: int = 1,
    part: str = "xcvu13p-flga2577-2-e",
    clock_period: float = 5.0,
    compile: bool = True,
) -> Any:
    """hls4ml model of a (Q)Keras model, written to ``output_dir`` and (by default) compiled for C simulation."""
    s = settings(backend=backend, default_precision=default_precision, io_type=io_type,
                 reuse_factor=reuse_factor, part=part, clock_period=clock_period)  # fmt: skip
    hls_model = converters.convert_keras(model, output_dir, s)
    if compile:
        csim.compile_model(hls_model)
    return hls_model


def compare(
    model: Any, hls_model: Any, sets: Mapping[str, NDArray[np.float32]], *, max_events: int | None = None
) -> dict[str, Any]:
    """QKeras vs C simulation on every evaluation set: max |Δ| of the output and AUC per signal."""
    outs: dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]] = {}
    for name, x in sets.items():
        x = np.ascontiguousarray(x[:max_events] if max_events else x, dtype=np.float32)
        q = np.asarray(model.predict(x, batch_size=4096, verbose=0), np.float64).reshape(-1)
        outs[name] = (q, csim.predict(hls_model, x)[0].reshape(-1))
    bkg_q, bkg_h = outs["background"]
    per_signal = {}
    for name, (q, h) in outs.items():
        if name.startswith("signal_"):
            # the output is monotonic in the teacher-scale score: the AUC of the raw output is the score's AUC
            y = np.r_[np.zeros(len(bkg_q)), np.ones(len(q))]
            c = hls_compare.compare(np.r_[bkg_q, q], np.r_[bkg_h, h], labels=y, metric="auc")
            per_signal[name.removeprefix("signal_")] = {"auc_qkeras": c["float"], "auc_csim": c["fixed"],
                                                        "auc_kept": c["fixed"] / c["float"]}  # fmt: skip
    every = hls_compare.compare(np.concatenate([q for q, _ in outs.values()]), np.concatenate([h for _, h in outs.values()]))
    return {"max_abs_delta": every["max_abs_diff"], "mean_abs_delta": every["mean_abs_diff"],
            "n_events": every["n_checked"], "signals": per_signal}  # fmt: skip


def synthesis_report(hls_model: Any, *, backend: str, **design: Any) -> dict[str, Any]:
    """Latency/resources where the HLS tool exists; a clean ``synthesized: false`` record otherwise
    (the hardware.json schema, with ``design`` keys under ``details``)."""
    return synthesis.synthesize_model(hls_model, backend, **design)


def project_files(output_dir: str | os.PathLike[str]) -> list[Path]:
    return sorted(p for p in Path(output_dir).rglob("*") if p.is_file())
