"""hls4ml conversion of the smallest students (PyTorch -> HLS C++) and C simulation against PyTorch,
through the shared hls4ml back-end (:mod:`trigml.hardware.hls4ml`).

The students are ``Conv2d`` / ``LeakyReLU`` / ``AvgPool2d`` / ``Flatten`` / ``Linear`` stacks,
all supported by hls4ml's PyTorch front end; convolutions use ``io_type="io_stream"`` (the
streaming, line-buffer implementation meant for image inputs). hls4ml converts the model to
channels-last itself, so the C simulation takes the same (N, 1, 28, 28) images as PyTorch.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from torch import nn

from trigml.hardware.hls4ml import compare, converters, csim

from .models import IMAGE_SHAPE


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
    settings = converters.HLSSettings(
        backend=backend, part=part, clock_period=clock_period, precision=precision,
        reuse_factor=reuse_factor, io_type=io_type,
    )  # fmt: skip
    return converters.convert_pytorch(model, output_dir, settings, input_shape=IMAGE_SHAPE, project_name="student")


def csim_compare(
    model: nn.Module, x: np.ndarray, y: np.ndarray | None, output_dir: str | os.PathLike[str], **convert: Any
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
    compile_s = csim.compile_model(hm)
    got, pred_s = csim.predict(hm, x)
    two_classes = y is not None and len(np.unique(y)) == 2
    comp = compare.compare(ref, got, labels=y if two_classes else None, metric="auc" if two_classes else None)
    out = {
        "n_images": comp["n_checked"], "max_abs_diff": comp["max_abs_diff"], "mean_abs_diff": comp["mean_abs_diff"],
        "output_range_torch": [float(ref.min()), float(ref.max())], "compile_s": compile_s,
        "csim_images_per_s": len(x) / pred_s if pred_s > 0 else None,
    }  # fmt: skip
    if two_classes:
        out.update({"auc_torch": comp["float"], "auc_csim": comp["fixed"], "auc_kept": comp["fixed"] / comp["float"]})
    return out, hm


def project_files(output_dir: str | os.PathLike[str]) -> list[str]:
    return sorted(str(p.relative_to(output_dir)) for p in Path(output_dir).rglob("*") if p.is_file())
