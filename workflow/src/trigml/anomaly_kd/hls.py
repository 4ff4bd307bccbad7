"""hls4ml conversion of the smallest students (PyTorch -> HLS C++), C simulation against PyTorch.

The students are ``Conv2d`` / ``LeakyReLU`` / ``AvgPool2d`` / ``Flatten`` / ``Linear`` stacks,
all supported by hls4ml's PyTorch front end; convolutions use ``io_type="io_stream"`` (the
streaming, line-buffer implementation meant for image inputs). hls4ml converts the model to
channels-last itself, so the C simulation takes the same (N, 1, 28, 28) images as PyTorch.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
from torch import nn

from trigml.anomaly_kd.metrics import auc

from .models import IMAGE_SHAPE

log = logging.getLogger(__name__)


def hls_config(
    model: nn.Module, *, precision: str, reuse_factor: int = 1, backend: str = "Vitis"
) -> dict[str, Any]:
    import hls4ml

    cfg = hls4ml.utils.config_from_pytorch_model(
        model, input_shape=IMAGE_SHAPE, granularity="model", default_precision=precision,
        default_reuse_factor=reuse_factor, backend=backend,
    )  # fmt: skip
    cfg["Model"]["Strategy"] = "Latency"
    return cfg


def convert_student(
    model: nn.Module,
    output_dir: str | os.PathLike[str],
    *,
    precision: str = "ap_fixed<16,6>",
    reuse_factor: int = 1,
    backend: str = "Vitis",
    io_type: str = "io_stream",
    part: str = "xcvu13p-flga2577-2-e",
    clock_period: float = 5.0,
) -> Any:
    """hls4ml model of a trained student (not yet compiled)."""
    import hls4ml

    model = model.cpu().eval()
    cfg = hls_config(model, precision=precision, reuse_factor=reuse_factor, backend=backend)
    return hls4ml.converters.convert_from_pytorch_model(
        model, hls_config=cfg, output_dir=str(output_dir), backend=backend, io_type=io_type,
        part=part, clock_period=clock_period, project_name="student",
    )  # fmt: skip


def csim_compare(
    model: nn.Module,
    x: np.ndarray,
    y: np.ndarray,
    output_dir: str | os.PathLike[str],
    **convert: Any,
) -> tuple[dict[str, Any], Any]:
    """Compile the C simulation of ``model`` and compare it with PyTorch on images ``x`` (labels ``y``, 1 = anomaly).

    Returns the comparison (max and mean |delta|, AUC of both) and the compiled hls4ml model.
    """
    import torch

    if len(x) == 0:
        raise ValueError("no images to compare on")
    x = np.ascontiguousarray(x, dtype=np.float32)
    with torch.no_grad():
        ref = model.cpu().eval()(torch.from_numpy(x)).numpy().reshape(-1).astype(np.float64)
    hm = convert_student(model, output_dir, **convert)
    t0 = time.perf_counter()
    hm.compile()
    t_compile = time.perf_counter() - t0
    t0 = time.perf_counter()
    got = np.asarray(hm.predict(x), dtype=np.float64).reshape(-1)
    t_pred = time.perf_counter() - t0
    if got.shape != ref.shape:
        raise RuntimeError(f"C simulation returned {got.shape} values for {ref.shape} images")
    delta = np.abs(got - ref)
    out = {
        "n_images": len(x),
        "max_abs_diff": float(delta.max()),
        "mean_abs_diff": float(delta.mean()),
        "output_range_torch": [float(ref.min()), float(ref.max())],
        "compile_s": t_compile,
        "csim_images_per_s": len(x) / t_pred if t_pred > 0 else None,
    }
    if y is not None and len(np.unique(y)) == 2:
        a_t, a_c = auc(ref[y == 0], ref[y == 1]), auc(got[y == 0], got[y == 1])
        out.update({"auc_torch": a_t, "auc_csim": a_c, "auc_kept": a_c / a_t})
    return out, hm


def project_files(output_dir: str | os.PathLike[str]) -> list[str]:
    return sorted(str(p.relative_to(output_dir)) for p in Path(output_dir).rglob("*") if p.is_file())
