"""Benchmark of the tracking_fpga study (``make bench`` writes tracking_fpga.json).

Per design size (random sector-like graphs, an IN of hidden size 8 with fixed random weights):
graphs per second of PyTorch (one graph per call), of the hls4ml C simulation (one compile per
design, then many graphs through the same library) and of every OpenCL kernel variant on the CPU
device (PoCL), plus the hls4ml compile time. ``quick`` uses the two small designs only.
The C simulation is a functional model: its speed says nothing about the FPGA's.
"""

from __future__ import annotations

import logging
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from trigml.files import write_json
from trigml.tracking_fpga.sectors import Graph, pad_sectors

log = logging.getLogger("benchmarks.tracking_fpga")

DESIGNS = ((28, 56), (113, 196), (448, 896))


def _settings() -> object:
    from trigml.hardware.hls4ml.converters import HLSSettings

    return HLSSettings(backend="Vitis", part="xcvu9p-flga2104-2L-e", clock_period=5, precision="ap_fixed<16,6>")


def random_sector_graphs(
    n_nodes: int, n_edges: int, n_graphs: int, seed: int = 0
) -> list[tuple[int, int, Graph]]:
    """Graphs filling ~90 % of a design, features of the tracking graphs' magnitude."""
    rng = np.random.default_rng(seed)
    out = []
    for s in range(n_graphs):
        n = int(0.9 * n_nodes)
        m = int(0.9 * n_edges)
        x = np.stack([rng.uniform(0.03, 0.2, n), rng.uniform(-1, 1, n), rng.uniform(-1, 1, n)], 1)
        ei = np.stack([rng.integers(0, n, m), rng.integers(0, n, m)])
        ea = (x[ei[1]] - x[ei[0]])[:, [0, 1, 2, 0]]
        out.append((0, s, Graph(x=x.astype(np.float32), edge_index=ei, edge_attr=ea.astype(np.float32),
                                y=rng.integers(0, 2, m).astype(np.float32), edge_id=np.arange(m))))  # fmt: skip
    return out


def rtl_trace(model: torch.nn.Module, padded: object) -> dict[str, float]:
    """da4ml trace of the IN on the design's fullest graph (8-bit weights): seconds, cost (~LUTs), depth."""
    from trigml.hardware.designs.interaction_network import INPrecision, Topology, quantized_mlp, trace
    from trigml.tracking_fpga.rtl import reference_graph

    b = reference_graph(padded)
    m = padded.mask[b]
    topo = Topology(padded.x.shape[1], padded.edge_index.shape[2], padded.edge_index[b][0, m], padded.edge_index[b][1, m])
    p = INPrecision(weight_bits=8, weight_frac=5, input_int=3, input_frac=6, activation_int=5, activation_frac=5)
    t0 = time.perf_counter()
    comb = trace({k: quantized_mlp(getattr(model, k).layers, p) for k in ("R1", "O", "R2")}, topo, p)
    return {"trace_s": time.perf_counter() - t0, "cost": float(comb.cost), "latency": float(comb.latency[1])}


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    from trigml.tracking.model import InteractionNetwork
    from trigml.tracking_fpga import csim, opencl

    settings = _settings()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = InteractionNetwork(hidden_size=8).eval()
    designs = DESIGNS[:2] if quick else DESIGNS
    n_graphs = 16 if quick else 64
    rows = []
    ocl_ok, ocl_reason = opencl.opencl_available()
    for n_nodes, n_edges in designs:
        padded, _ = pad_sectors(random_sector_graphs(n_nodes, n_edges, n_graphs), n_nodes, n_edges)
        row: dict[str, object] = {"n_nodes": n_nodes, "n_edges": n_edges, "n_graphs": n_graphs}
        row["torch_graphs_per_s"] = csim.torch_throughput(model, padded, max_graphs=n_graphs)
        with tempfile.TemporaryDirectory(prefix="trigml-bench-") as tmp:
            t0 = time.perf_counter()
            hm = csim.convert_design(model, padded, Path(tmp) / "prj", settings, style="pipeline",
                                     sigmoid_table_size=1024, layer_precision={})  # fmt: skip
            row["hls4ml_compile_s"] = time.perf_counter() - t0
            res = csim.compare_design(model, padded, hm, n_boot=2, seed=0)
            row["csim_graphs_per_s"] = res["csim_graphs_per_s"]
            row["csim_max_abs_diff"] = res["max_abs_diff"]
        if (n_nodes, n_edges) == DESIGNS[0]:  # the 113/196 trace alone takes minutes
            row["rtl"] = rtl_trace(model, padded)
        if ocl_ok:
            row["opencl"] = opencl.benchmark(model, padded, max_graphs=n_graphs, repeats=1 if quick else 3)[
                "variants"
            ]
        rows.append(row)
        log.info("%d/%d: %s", n_nodes, n_edges, {k: v for k, v in row.items() if k != "opencl"})
    path = Path(out_dir) / "tracking_fpga.json"
    write_json(
        path,
        {
            "what": "IN (hidden 8) graphs/s per design: PyTorch, hls4ml C simulation, OpenCL variants (PoCL CPU)",
            "quick": quick,
            "machine": {
                "python": platform.python_version(),
                "processor": platform.processor() or platform.machine(),
            },
            "opencl_available": ocl_ok,
            "opencl_reason": ocl_reason,
            "designs": rows,
        },
    )
    return [path]
