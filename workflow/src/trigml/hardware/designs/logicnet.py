"""logic_warp's logic networks (their own Verilog) as a :class:`~trigml.hardware.design.Design`.

A network exported by logic_warp (``<name>.npz`` netlist, ``<name>_expected.npz`` test inputs,
labels and PyTorch class counts) is written again with :func:`trigml.logic_warp.verilog.write_verilog`
beside a thin wrapper ``<name>_io`` that packs the ports into the generic testbench's layout:
``model_inp`` = the network's ``x`` (fixed-point codes or bits), ``model_out`` = the class counts and
the chosen class, one ``max(count, class)``-bit field each. The software reference is the netlist's
own evaluation (``class_counts`` / ``predict``), checked against PyTorch's discrete forward pass.

**Registered I/O.** The wrapper registers the input word and the output word, as da4ml's designs
do, and it is what is simulated and synthesised: a network with ``pipeline_every = 0`` is one
combinational stage between two registers, so ``latency_cycles = 2`` (``pipeline_stages + 1``, the
same count as a one-stage da4ml design) and ``latency_ns = 2 × hardware.clock_ns``, FFs include the
I/O registers, and ``logic_depth`` is the register-to-register path. That latency holds only where
the stage closes timing at the clock: ``details.timing`` says so, and ``logic_depth`` (≈ 0.6 ns per
LUT level with routing) tells whether it does — a deeper stage needs logic_warp's ``pipeline_every``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..design import Design, ExternalVerilog, Ports

__all__ = ["TIMING", "logicnet_design", "wrapper_source"]

TIMING = (
    "input and output registered (as da4ml's designs); latency_cycles = pipeline_stages + 1 at clock_ns "
    "holds where each stage's logic_depth fits the clock (about 0.6 ns per LUT level with routing)"
)


def wrapper_source(name: str, *, x_width: int, n_classes: int, count_width: int, class_width: int,
                   clocked: bool) -> tuple[str, int]:  # fmt: skip
    """The ``<name>_io`` wrapper (input and output registered; ``clocked``: the network itself takes
    ``clk``) and its output field width."""
    fw = max(count_width, class_width)
    ow = (n_classes + 1) * fw

    def field(src: str, width: int) -> str:
        return src if width == fw else f"{{{fw - width}'b0, {src}}}"

    lines = [
        f"module {name}_io (",
        "    input wire clk,",
        f"    input wire [{x_width - 1}:0] model_inp,",
        f"    output reg [{ow - 1}:0] model_out",
        ");",
        f"    reg [{x_width - 1}:0] x_r;",
        f"    wire [{ow - 1}:0] y;",
        f"    wire [{n_classes * count_width - 1}:0] counts;",
        f"    wire [{class_width - 1}:0] cls;",
        f"    {name} net ({'.clk(clk), ' if clocked else ''}.x(x_r), .counts(counts), .cls(cls));",
    ]
    for c in range(n_classes):
        lines.append(
            f"    assign y[{c * fw} +: {fw}] = {field(f'counts[{c * count_width} +: {count_width}]', count_width)};"
        )
    lines.append(f"    assign y[{n_classes * fw} +: {fw}] = {field('cls', class_width)};")
    lines += [
        "    always @(posedge clk) begin",
        "        x_r <= model_inp;",
        "        model_out <= y;",
        "    end",
    ]
    lines.append("endmodule")
    return "\n".join(lines) + "\n", fw


def logicnet_design(export_dir: str | os.PathLike[str], network: str, *, study: str, name: str,
                    pipeline_every: int) -> Design:  # fmt: skip
    """The exported network ``network`` (``<export_dir>/<network>.npz``) as a Design named ``name``."""
    from trigml.logic_warp.netlist import Netlist
    from trigml.logic_warp.verilog import design_of, verilog_source

    d = Path(export_dir)
    for f in (f"{network}.npz", f"{network}_expected.npz"):
        if not (d / f).exists():
            raise FileNotFoundError(f"logic network {network}: {d / f} not found (run export_logic_verilog)")
    net = Netlist.load(d / f"{network}.npz")
    with np.load(d / f"{network}_expected.npz") as z:
        x, y, torch_counts = z["x"], z["y"], z["torch_counts"]
    counts = net.class_counts(x)
    if not np.array_equal(counts, torch_counts):
        raise AssertionError(f"design {name}: the netlist disagrees with PyTorch's discrete forward pass")
    vd = design_of(net, name, pipeline_every)
    wrapper, fw = wrapper_source(name, x_width=vd.x_width, n_classes=vd.n_classes, count_width=vd.count_width,
                                 class_width=vd.class_width, clocked=vd.clocked)  # fmt: skip
    bits = net.thresholds is None
    ports = Ports(top=f"{name}_io", n_in=net.n_inputs, in_width=1 if bits else net.fixed.width, in_frac=0,
                  n_out=vd.n_classes + 1, out_width=fw, out_frac=0, out_signed=False,
                  latency_cycles=vd.latency + 2)  # fmt: skip
    ext = ExternalVerilog(sources={f"{name}.v": verilog_source(net, name, pipeline_every), f"{name}_io.v": wrapper},
                          ports=ports, synth_top=ports.top, pipeline_stages=vd.latency + 1)  # fmt: skip

    def reference(X: np.ndarray) -> np.ndarray:
        codes = np.asarray(X).astype(np.int64)
        return np.concatenate([net.class_counts(codes), net.predict(codes)[:, None]], axis=1).astype(
            np.float64
        )

    X = np.asarray(x, dtype=np.int64)
    X = X if X.ndim == 2 else X.reshape(len(X), -1)
    return Design(name=name, study=study, inputs=X.astype(np.float64), verilog=ext, reference=reference,
                  float_scores=torch_counts.astype(np.float64), labels=np.asarray(y), metric="accuracy",
                  n_scores=vd.n_classes,
                  precision=("bit inputs" if bits else f"{net.fixed.width}-bit input codes") + ", Boolean LUT logic",
                  meta={"network": network, "gates": int(net.n_gates), "layers": len(net.layers),
                        "pipeline_every": pipeline_every, "timing": TIMING})  # fmt: skip
