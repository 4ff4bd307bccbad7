"""``make bench`` for the logic study: inferences per second of the bit-parallel CPU path (64
samples per uint64 word) against the float relaxed PyTorch model, the PyTorch discrete (eval) model
and the unpacked NumPy netlist, for jet-sized networks (16 features x 4 thermometer bits)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch
from trigml.files import write_json
from trigml.logic_warp.bitparallel import predict_packed
from trigml.logic_warp.netlist import FixedPoint, from_model
from trigml.logic_warp.network import relaxed
from trigml.logic_warp.settings import Encoding, ModelSpec
from trigml.logic_warp.train import build_model

__all__ = ["run"]


def _rate(fn, n: int, repeats: int) -> float:  # noqa: ANN001
    fn()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return n / best


def _measure(model, net, codes: np.ndarray, xq: torch.Tensor, repeats: int) -> dict[str, float]:  # noqa: ANN001
    n = len(codes)
    model.eval()

    def torch_discrete() -> None:
        with torch.no_grad():
            model(xq)

    def torch_relaxed() -> None:
        with relaxed(model):
            model(xq)

    counts, _ = predict_packed(net, codes)
    with torch.no_grad():
        ref = torch.round(model(xq) * model.head.tau).to(torch.int64).numpy()
    if not np.array_equal(counts, ref):
        raise AssertionError("the bit-parallel path disagrees with PyTorch's discrete forward pass")
    return {
        "bitparallel_per_s": _rate(lambda: predict_packed(net, codes), n, repeats),
        "numpy_netlist_per_s": _rate(lambda: net.class_counts(codes), n, repeats),
        "torch_discrete_per_s": _rate(torch_discrete, n, repeats),
        "torch_relaxed_per_s": _rate(torch_relaxed, n, repeats),
    }


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    torch.set_num_threads(1)
    n = 8192 if quick else 65536
    repeats = 2 if quick else 5
    configs = [("k2_400x400", 2, [400, 400]), ("k6_400x400", 6, [400, 400])]
    if not quick:
        configs.append(("k2_2000x2000", 2, [2000, 2000]))
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 16)).astype(np.float32)
    fixed = FixedPoint()
    codes = fixed.quantize(x)
    xq = torch.as_tensor(fixed.dequantize(codes))
    results = []
    for name, k, widths in configs:
        spec = ModelSpec(name=f"warp{k}", method="warp", lut_rank=k, sampling="soft", init="residual",
                         temperature=1.0, residual_probability=0.951)  # fmt: skip
        enc = Encoding(bits=4, init="quantile", temperature=0.1, noise=False, learnable=True)
        model = build_model(
            spec, n_inputs=16, n_classes=5, widths=widths, group_tau=4.0, seed=0, x_fit=x[:2000], encoding=enc
        )
        torch.manual_seed(0)
        for layer in model.layers:  # random truth tables: no node is a trivial pass-through
            torch.nn.init.normal_(layer.weight)
        net = from_model(model, fixed)
        row = {
            "network": name,
            "lut_rank": k,
            "widths": widths,
            "samples": n,
            **_measure(model, net, codes, xq, repeats),
        }
        row["speedup_vs_relaxed"] = row["bitparallel_per_s"] / row["torch_relaxed_per_s"]
        results.append(row)
    out = Path(out_dir) / "logic_bitparallel.json"
    write_json(out, {"threads": 1, "quick": quick, "results": results})
    return [out]
