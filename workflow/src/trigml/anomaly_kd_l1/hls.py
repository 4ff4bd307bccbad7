"""hls4ml for the QKeras student: conversion, bit-accurate C simulation against QKeras, synthesis.

The QKeras quantizers carry over into hls4ml's per-layer precisions (``granularity='name'``);
inputs and accumulators use ``default_precision``. ``compile()`` builds the C++ with g++ only;
synthesis runs through :func:`trigml.hls.synthesize` where Vivado/Vitis exist.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trigml.anomaly_kd.metrics import auc
from trigml.hls import synthesize, use_tf_keras_for_hls4ml


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
    use_tf_keras_for_hls4ml()
    import hls4ml

    cfg = hls4ml.utils.config_from_keras_model(
        model, granularity="name", default_precision=default_precision, backend=backend
    )
    cfg["Model"]["ReuseFactor"] = reuse_factor
    hls_model = hls4ml.converters.convert_from_keras_model(
        model,
        hls_config=cfg,
        output_dir=str(output_dir),
        backend=backend,
        io_type=io_type,
        part=part,
        clock_period=clock_period,
    )
    if compile:
        hls_model.compile()
    return hls_model


def compare(
    model: Any, hls_model: Any, sets: Mapping[str, NDArray[np.float32]], *, max_events: int | None = None
) -> dict[str, Any]:
    """QKeras vs C simulation on every evaluation set: max |Δ| of the output and AUC per signal."""
    outs: dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]] = {}
    for name, x in sets.items():
        x = np.ascontiguousarray(x[:max_events] if max_events else x, dtype=np.float32)
        q = np.asarray(model.predict(x, batch_size=4096, verbose=0), np.float64).reshape(-1)
        h = np.asarray(hls_model.predict(x), np.float64).reshape(-1)
        outs[name] = (q, h)
    delta = max(float(np.max(np.abs(q - h))) for q, h in outs.values())
    bkg_q, bkg_h = outs["background"]
    per_signal = {}
    for name, (q, h) in outs.items():
        if not name.startswith("signal_"):
            continue
        # the output is monotonic in the teacher-scale score: the AUC of the raw output is the score's AUC
        a_q = auc(bkg_q, q)
        a_h = auc(bkg_h, h)
        per_signal[name.removeprefix("signal_")] = {"auc_qkeras": a_q, "auc_csim": a_h, "auc_kept": a_h / a_q}
    return {
        "max_abs_delta": delta,
        "mean_abs_delta": float(np.mean(np.concatenate([np.abs(q - h) for q, h in outs.values()]))),
        "n_events": int(sum(len(q) for q, _ in outs.values())),
        "signals": per_signal,
    }


def synthesis_report(hls_model: Any, *, backend: str, **design: Any) -> dict[str, Any]:
    """Latency/resources where the HLS tool exists; a clean ``synthesized: false`` skip otherwise."""
    return synthesize(hls_model, backend=backend, **design)


def project_files(output_dir: str | os.PathLike[str]) -> list[Path]:
    return sorted(p for p in Path(output_dir).rglob("*") if p.is_file())
