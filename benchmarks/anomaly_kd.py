"""``make bench`` for the paper study: CPU inference time per image of the teacher and of each
student at batch 1 and batch 1024 (PyTorch, one thread), and the hls4ml C-simulation throughput
of the smallest students. Writes ``anomaly_kd_paper.json``.

Models carry random weights: timing does not depend on training. C simulation is a bit-accurate
software model of the FPGA design, so its throughput says nothing about FPGA latency (that comes
from synthesis); it tells how long checking a design takes.
"""

from __future__ import annotations

import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from trigml.anomaly_kd.complexity import count_macs, count_params
from trigml.anomaly_kd.models import IMAGE_SHAPE, ConvAutoencoder, build_students
from trigml.config import load_schema
from trigml.files import write_json


def _time_per_image(model: torch.nn.Module, batch: int, repeats: int) -> float:
    x = torch.rand(batch, *IMAGE_SHAPE)
    with torch.no_grad():
        model(x)  # warm-up
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            model(x)
            best = min(best, time.perf_counter() - t0)
    return best / batch


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    torch.set_num_threads(1)
    torch.set_flush_denormal(True)  # LeakyReLU tails produce denormals that slow the CPU 10x
    torch.manual_seed(0)
    specs = load_schema("anomaly_kd.schema.yaml")["properties"]["students"]["default"]
    models: dict[str, torch.nn.Module] = {"teacher": ConvAutoencoder(), **build_students(specs)}
    repeats = 3 if quick else 20
    big = 256 if quick else 1024
    rows: dict[str, Any] = {}
    for name, m in models.items():
        m.eval()
        rows[name] = {
            "params": count_params(m),
            "macs": count_macs(m, IMAGE_SHAPE),
            "us_per_image_batch1": 1e6 * _time_per_image(m, 1, repeats * 5),
            f"us_per_image_batch{big}": 1e6 * _time_per_image(m, big, repeats),
        }
    csim: dict[str, Any] = {}
    from trigml.anomaly_kd.hls import csim_compare

    x = np.random.default_rng(0).random((200 if quick else 2000, *IMAGE_SHAPE), dtype=np.float32)
    for name in ["G"] if quick else ["F", "G"]:
        with tempfile.TemporaryDirectory(prefix="kd-bench-") as tmp:
            res, _ = csim_compare(models[name], x, None, Path(tmp) / name, precision="ap_fixed<18,4>")
        csim[name] = {k: res[k] for k in ("n_images", "compile_s", "csim_images_per_s", "max_abs_diff")}
    out = Path(out_dir) / "anomaly_kd_paper.json"
    write_json(out, {
        "benchmark": "anomaly_kd paper: inference time per image (CPU, 1 thread) and hls4ml C-simulation throughput",
        "quick": quick, "machine": platform.processor() or platform.machine(), "torch": torch.__version__,
        "models": rows, "csim": csim,
        "teacher_over_student_G_batch1": rows["teacher"]["us_per_image_batch1"] / rows["G"]["us_per_image_batch1"],
    })  # fmt: skip
    return [out]
