"""The interaction network (Elabd et al. 2021, tracking_fpga) traced to RTL with da4ml.

One design = one fixed-size sector graph topology: ``n_nodes`` nodes, the real edges
``(src, tgt)`` of a reference sector graph (the test sector graph with the most real edges of the
design), padded edges left unconnected. With the topology fixed at synthesis time, the gather
``x[src], x[tgt]`` is wiring and the sum-aggregation at each target node is an adder tree; the edge
MLPs R1, R2 and the node MLP O are constant-weight matrix products (adder trees, no DSPs)::

    e1 = R1([x_tgt, x_src, e])      a = A @ e1      x1 = O([x, a])      logit = R2([x1_tgt, x1_src, e1])

Inputs: the node features (n_nodes x 3) then the edge features (n_edges x 4), flattened, saturated
to ``input`` (ap_fixed). Outputs: one logit per real edge (the sigmoid is monotonic and left out).
Arithmetic (:class:`INPrecision`): weights and biases rounded to ``weight`` (ap_fixed), every ReLU
output truncated and saturated to ``activation`` (ap_ufixed), the MLPs' last layers and the
aggregated messages to the signed ``message`` type. :func:`forward` (NumPy) is the software
fixed-point model; on da4ml's traced arrays it gives the flattened logic (:func:`trace`).

The RTL is hierarchical (:func:`in_design`): each MLP is traced once (:func:`trace_block`) and
written by da4ml as its own pipelined module (:func:`write_block`); a structural top
(:func:`top_verilog`) instantiates R1 and R2 per real edge and O per node, wires the gather, and
instantiates a registered sum-and-saturate module per node (one module per in-degree) and delay
chains that bring the node features to O and R1's messages to R2 -- the top is instances and
wiring. The design declares every module below the top as ``submodules``, so Yosys synthesises
each once and counts the cells through the hierarchy (a flattened netlist of a whole sector design
is far beyond a laptop's synthesis budget), and the three MLP wrappers as ``verilator_blocks``, so
Verilator compiles each once and the instances share it (hierarchical Verilation: 31 s instead of
206 s for the 113-node design, same outputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..design import Design
from .fixed import FixedType

__all__ = [
    "BLOCKS", "Block", "INPrecision", "Topology", "block_forward", "forward", "in_design", "quantized_mlp",
    "top_verilog", "trace", "trace_block", "write_block",
]  # fmt: skip


@dataclass(frozen=True)
class INPrecision:
    """Bit widths of the traced IN (see the module docs); ``*_int`` include the sign where signed."""

    weight_bits: int
    weight_frac: int
    input_int: int
    input_frac: int
    activation_int: int
    activation_frac: int

    @property
    def weight(self) -> FixedType:
        return FixedType(k=1, i=self.weight_bits - 1 - self.weight_frac, f=self.weight_frac)

    @property
    def input(self) -> FixedType:
        return FixedType(k=1, i=self.input_int - 1, f=self.input_frac)

    @property
    def activation(self) -> FixedType:
        return FixedType(k=0, i=self.activation_int, f=self.activation_frac)

    @property
    def message(self) -> FixedType:
        return FixedType(k=1, i=self.activation_int, f=self.activation_frac)

    def describe(self) -> str:
        return f"weights {self.weight}, inputs {self.input}, ReLU outputs {self.activation}, messages {self.message}"


@dataclass(frozen=True)
class Topology:
    """A fixed sector graph: ``n_nodes`` nodes, ``n_edges`` edge slots, real edges ``src -> tgt``."""

    n_nodes: int
    n_edges: int
    src: np.ndarray
    tgt: np.ndarray

    def __post_init__(self) -> None:
        if len(self.src) != len(self.tgt) or not 0 < len(self.src) <= self.n_edges:
            raise ValueError(f"topology: {len(self.src)} real edges for {self.n_edges} edge slots")
        if min(self.src.min(), self.tgt.min()) < 0 or max(self.src.max(), self.tgt.max()) >= self.n_nodes:
            raise ValueError(f"topology: node indices outside 0..{self.n_nodes - 1}")

    @property
    def incidence(self) -> np.ndarray:
        """(n_nodes, n_real) 0/1: message of edge k summed at its target."""
        a = np.zeros((self.n_nodes, len(self.tgt)))
        a[self.tgt, np.arange(len(self.tgt))] = 1.0
        return a


def _q(x: Any, t: FixedType, overflow: str = "SAT", rounding: str = "TRN") -> Any:
    from da4ml.trace.ops import quantize

    return quantize(x, t.k, t.i, t.f, overflow_mode=overflow, round_mode=rounding)


def quantized_mlp(seq: Any, p: INPrecision) -> list[tuple[np.ndarray, np.ndarray]]:
    """(W, b) of each ``Linear`` of a torch MLP, rounded and saturated to the weight type."""
    from torch import nn

    lin = [m for m in seq if isinstance(m, nn.Linear)]
    if not lin:
        raise ValueError("the MLP has no Linear layer")
    return [
        (_q(m.weight.detach().cpu().numpy().T.astype(np.float64), p.weight, rounding="RND"),
         _q(m.bias.detach().cpu().numpy().astype(np.float64), p.weight, rounding="RND"))
        for m in lin
    ]  # fmt: skip


def _mlp(h: Any, layers: Sequence[tuple[np.ndarray, np.ndarray]], p: INPrecision) -> Any:
    from da4ml.trace.ops import relu

    for k, (W, b) in enumerate(layers):
        h = h @ W + b
        if k < len(layers) - 1:
            h = _q(np.maximum(h, 0) if isinstance(h, np.ndarray) else relu(h), p.activation)
        else:
            h = _q(h, p.message)
    return h


def forward(flat: Any, mlps: dict[str, Any], topo: Topology, p: INPrecision) -> Any:
    """Logits of the real edges from one flattened graph (NumPy (n_in,) or a traced array)."""
    n3 = topo.n_nodes * 3
    x = _q(flat[:n3], p.input, "WRAP").reshape(topo.n_nodes, 3)
    e = _q(flat[n3 : n3 + topo.n_edges * 4], p.input, "WRAP").reshape(topo.n_edges, 4)[: len(topo.src)]
    e1 = _mlp(np.concatenate([x[topo.tgt], x[topo.src], e], axis=1), mlps["R1"], p)
    a = _q(topo.incidence @ e1, p.message)
    x1 = _mlp(np.concatenate([x, a], axis=1), mlps["O"], p)
    return _mlp(np.concatenate([x1[topo.tgt], x1[topo.src], e1], axis=1), mlps["R2"], p).reshape(-1)


def trace(mlps: dict[str, Any], topo: Topology, p: INPrecision) -> Any:
    """The da4ml ``CombLogic`` of the IN on ``topo``."""
    from da4ml.trace import FixedVariableArrayInput, HWConfig, comb_trace

    inp = FixedVariableArrayInput((topo.n_nodes * 3 + topo.n_edges * 4,), hwconf=HWConfig(1, -1, -1))
    return comb_trace(inp, forward(inp, mlps, topo, p))


# ---------------------------------------------------------------------------------------------
# The hierarchical RTL: each MLP traced once with da4ml, instantiated per edge / node by a
# structural top that holds the fixed-graph wiring, the sum-aggregation and the delay lines.

BLOCKS = ("R1", "O", "R2")


def block_forward(
    inp: Any, layers: Sequence[tuple[np.ndarray, np.ndarray]], kind: str, p: INPrecision
) -> Any:
    """One MLP on its own input vector (NumPy or traced): ``R1`` takes ``[x_tgt, x_src, e]`` at the
    input type, ``O`` takes ``[x, a]`` (input type, message type), ``R2`` takes ``[x1_tgt, x1_src, e1]``
    at the message type; each quantises its inputs to those types first, as :func:`forward` does."""
    if kind == "R1":
        h = _q(inp, p.input, "WRAP")
    elif kind == "O":
        h = np.concatenate([_q(inp[:3], p.input, "WRAP"), _q(inp[3:], p.message, "WRAP")])
    elif kind == "R2":
        h = _q(inp, p.message, "WRAP")
    else:
        raise ValueError(f"unknown IN block {kind!r}; known: {BLOCKS}")
    return _mlp(h, layers, p)


def trace_block(mlp: Sequence[tuple[np.ndarray, np.ndarray]], kind: str, p: INPrecision) -> Any:
    """The da4ml ``CombLogic`` of one MLP block (:func:`block_forward`)."""
    from da4ml.trace import FixedVariableArrayInput, HWConfig, comb_trace

    n_in = {"R1": 10, "O": 7, "R2": 10}[kind]
    inp = FixedVariableArrayInput((n_in,), hwconf=HWConfig(1, -1, -1))
    return comb_trace(inp, block_forward(inp, mlp, kind, p))


@dataclass(frozen=True)
class Block:
    """One MLP written by da4ml as module ``module``: its ``<module>_wrapper`` takes ``n_in`` fields of
    ``in_width`` bits (value = code * 2**-in_frac) and gives ``n_out`` fields of ``out_width`` bits,
    ``latency`` clock cycles later (registered inputs and outputs); ``cost``: da4ml's estimate."""

    module: str
    sources: dict[str, str]
    n_in: int
    in_width: int
    in_frac: int
    n_out: int
    out_width: int
    out_frac: int
    out_signed: bool
    latency: int
    cost: float


def write_block(mlp: Sequence[tuple[np.ndarray, np.ndarray]], kind: str, module: str, p: INPrecision,
                latency_cutoff: float) -> tuple[Block, dict[str, str]]:  # fmt: skip
    """Trace MLP ``kind`` with da4ml and write it as Verilog module ``module`` (pipelined at
    ``latency_cutoff`` da4ml delay units per stage, <= 0: one stage); also da4ml's static modules."""
    import tempfile
    from pathlib import Path

    from da4ml.codegen.rtl.rtl_model import VerilogModel, get_io_kifs

    comb = trace_block(mlp, kind, p)
    with tempfile.TemporaryDirectory(prefix=f"trigml-da4ml-{module}-") as tmp:
        model = VerilogModel(comb, module, Path(tmp), latency_cutoff=latency_cutoff if latency_cutoff > 0 else 1e9,
                             print_latency=False)  # fmt: skip
        model.write()
        stages = len(model._pipe.solutions)
        src = Path(tmp) / "src"
        if any((src / "memfiles").glob("*")):
            raise ValueError(f"IN block {module}: lookup tables are not expected in an MLP")
        names = [f"{module}_stage{i}.v" for i in range(stages)] + [f"{module}.v", f"{module}_wrapper.v"]
        sources = {n: (src / n).read_text() for n in names}
        # one Verilator class per block, instantiated per edge / node (inlining every copy costs minutes)
        wrapper = f"{module}_wrapper.v"
        sources[wrapper] = sources[wrapper].replace(
            "endmodule", "    /* verilator no_inline_module */\nendmodule"
        )
        static = {f"da4ml_{f.name}": f.read_text() for f in sorted((src / "static").glob("*.v"))
                  if f.name != "lookup_table.v"}  # fmt: skip
    (kin, iin, fin), (kout, iout, fout) = get_io_kifs(comb)
    block = Block(module=module, sources=sources, n_in=comb.shape[0], in_width=int(kin.max() + iin.max() + fin.max()),
                  in_frac=int(fin.max()), n_out=comb.shape[1], out_width=int(kout.max() + iout.max() + fout.max()),
                  out_frac=int(fout.max()), out_signed=bool(kout.max()), latency=stages + 1, cost=float(comb.cost))  # fmt: skip
    return block, static


def _fit(sig: str, lo: int, w: int, f: int, dst_w: int, dst_f: int) -> str:
    """Verilog expression of the signed field ``sig[lo +: w]`` (``f`` fractional bits) as ``dst_w``
    bits with ``dst_f`` fractional bits: shifted left, sign-extended (or wrapped where narrower)."""
    sh = dst_f - f
    if sh < 0:
        raise ValueError(f"field {sig}[{lo} +: {w}] has {f} fractional bits, its destination only {dst_f}")
    ext = dst_w - w - sh
    bits = f"{sig}[{lo + w - 1}:{lo}]" if ext >= 0 else f"{sig}[{lo + dst_w - sh - 1}:{lo}]"
    parts = ([f"{{{ext}{{{sig}[{lo + w - 1}]}}}}"] if ext > 0 else []) + [bits] + ([f"{sh}'b0"] if sh else [])
    return "{" + ", ".join(parts) + "}" if len(parts) > 1 else bits


def _cat(fields: Sequence[str]) -> str:
    """Verilog concatenation with field 0 at the least significant end."""
    return "{" + ", ".join(reversed(fields)) + "}"


def _sum_saturate(ops: Sequence[str], ws: int, wm: int, dst: str, tag: str) -> tuple[list[str], str]:
    """``dst <= ops summed in ws bits, saturated to wm bits`` (declaration lines, the assignment)."""
    if len(ops) == 1:
        return [], f"        {dst} <= {ops[0]};"
    s = f"s_{tag}"
    hi = f"{s}[{ws - 2}:{wm - 1}]"
    return [f"    wire [{ws - 1}:0] {s} = {' + '.join(ops)};"], (
        f"        {dst} <= (!{s}[{ws - 1}] && |{hi}) ? {{1'b0, {{{wm - 1}{{1'b1}}}}}} : "
        f"({s}[{ws - 1}] && !(&{hi})) ? {{1'b1, {{{wm - 1}{{1'b0}}}}}} : {s}[{wm - 1}:0];"
    )


def _aggregate_module(module: str, k: int, r1: Block, p: INPrecision) -> str:
    """Module ``module``: the messages of ``k`` edges (R1's output words side by side in ``m``) summed
    per feature and saturated to the message type, registered (``a``: 4 message fields)."""
    wm, fm, w1 = p.message.width, p.message.f, r1.n_out * r1.out_width
    ws = wm + int(np.ceil(np.log2(k))) if k > 1 else wm
    lines = [f"module {module} (input clk, input [{k * w1 - 1}:0] m, output reg [{4 * wm - 1}:0] a);"]
    body = []
    for c in range(4):
        ops = [_fit("m", i * w1 + c * r1.out_width, r1.out_width, r1.out_frac, ws, fm) for i in range(k)]
        decl, assign = _sum_saturate(ops, ws, wm, f"a[{c * wm + wm - 1}:{c * wm}]", str(c))
        lines += decl
        body.append(assign)
    return "\n".join([*lines, "    always @(posedge clk) begin", *body, "    end", "endmodule", ""])


def _delay_module(module: str, width: int, depth: int) -> str:
    """Module ``module``: ``depth`` registers of ``width`` bits in a chain (separate registers, no memory)."""
    regs = [f"r{i}" for i in range(depth)]
    lines = [f"module {module} (input clk, input [{width - 1}:0] d, output [{width - 1}:0] q);"]
    lines += [f"    reg [{width - 1}:0] {r};" for r in regs] + [
        "    always @(posedge clk) begin",
        f"        {regs[0]} <= d;",
    ]
    lines += [f"        {b} <= {a};" for a, b in zip(regs, regs[1:])] + [
        "    end",
        f"    assign q = {regs[-1]};",
        "endmodule",
        "",
    ]
    return "\n".join(lines)


def top_verilog(
    name: str, topo: Topology, blocks: dict[str, Block], p: INPrecision
) -> tuple[dict[str, str], int]:
    """The structural top ``name`` (ports ``clk``, ``model_inp``: node then edge features at the input
    type, ``model_out``: one logit per real edge) with its helper modules (file name -> text; the top
    last) and its latency in cycles: R1 per real edge, the registered aggregation (one module per
    in-degree), O per node (node features delayed to meet it), R2 per real edge (R1's messages
    delayed to meet O's outputs). The top holds instances and wiring only."""
    r1, o, r2 = (blocks[k] for k in BLOCKS)
    wi, fi, n, nr = p.input.width, p.input.f, topo.n_nodes, len(topo.src)
    wm, fm, w1 = p.message.width, p.message.f, r1.n_out * r1.out_width
    xdelay, edelay = f"{name}_node_delay", f"{name}_edge_delay"
    files = {f"{xdelay}.v": _delay_module(xdelay, 3 * wi, r1.latency + 1),
             f"{edelay}.v": _delay_module(edelay, w1, o.latency + 1)}  # fmt: skip
    lines = ["`timescale 1 ns / 1 ps", "", f"module {name} (", "    input clk,",
             f"    input [{(n * 3 + topo.n_edges * 4) * wi - 1}:0] model_inp,",
             f"    output [{nr * r2.out_width - 1}:0] model_out", ");"]  # fmt: skip
    for k, (s, t) in enumerate(zip(topo.src, topo.tgt)):
        fields = [
            _fit("model_inp", (j * 3 + c) * wi, wi, fi, r1.in_width, r1.in_frac)
            for j in (t, s)
            for c in range(3)
        ]
        fields += [
            _fit("model_inp", (n * 3 + k * 4 + c) * wi, wi, fi, r1.in_width, r1.in_frac) for c in range(4)
        ]
        lines += [f"    wire [{w1 - 1}:0] e1_{k};",
                  f"    {r1.module}_wrapper r1_{k} (.clk(clk), .model_inp({_cat(fields)}), .model_out(e1_{k}));"]  # fmt: skip
    for j in range(n):
        ks = np.flatnonzero(topo.tgt == j)
        lines += [f"    wire [{4 * wm - 1}:0] agg_{j};", f"    wire [{3 * wi - 1}:0] x_{j};",
                  f"    {xdelay} xd_{j} (.clk(clk), .d(model_inp[{(j + 1) * 3 * wi - 1}:{j * 3 * wi}]), .q(x_{j}));"]  # fmt: skip
        if len(ks) == 0:
            lines.append(f"    assign agg_{j} = {4 * wm}'d0;")
        else:
            agg = f"{name}_aggregate{len(ks)}"
            files.setdefault(f"{agg}.v", _aggregate_module(agg, len(ks), r1, p))
            lines.append(f"    {agg} ag_{j} (.clk(clk), .m({_cat([f'e1_{k}' for k in ks])}), .a(agg_{j}));")
        fields = [_fit(f"x_{j}", c * wi, wi, fi, o.in_width, o.in_frac) for c in range(3)]
        fields += [_fit(f"agg_{j}", c * wm, wm, fm, o.in_width, o.in_frac) for c in range(4)]
        lines += [f"    wire [{o.n_out * o.out_width - 1}:0] x1_{j};",
                  f"    {o.module}_wrapper o_{j} (.clk(clk), .model_inp({_cat(fields)}), .model_out(x1_{j}));"]  # fmt: skip
    for k, (s, t) in enumerate(zip(topo.src, topo.tgt)):
        fields = [_fit(f"x1_{j}", c * o.out_width, o.out_width, o.out_frac, r2.in_width, r2.in_frac) for j in (t, s) for c in range(3)]  # fmt: skip
        fields += [
            _fit(f"e1d_{k}", c * r1.out_width, r1.out_width, r1.out_frac, r2.in_width, r2.in_frac)
            for c in range(4)
        ]
        lines += [f"    wire [{w1 - 1}:0] e1d_{k};", f"    {edelay} ed_{k} (.clk(clk), .d(e1_{k}), .q(e1d_{k}));",
                  f"    {r2.module}_wrapper r2_{k} (.clk(clk), .model_inp({_cat(fields)}), "
                  f".model_out(model_out[{(k + 1) * r2.out_width - 1}:{k * r2.out_width}]));"]  # fmt: skip
    files[f"{name}.v"] = "\n".join([*lines, "endmodule", ""])
    return files, r1.latency + 1 + o.latency + r2.latency


def in_design(*, name: str, model: Any, topo: Topology, X: np.ndarray, p: INPrecision, latency_cutoff: float,
              float_scores: np.ndarray | None = None, meta: dict[str, Any] | None = None) -> Design:  # fmt: skip
    """A hierarchical :class:`Design` of the trained IN ``model`` (``R1``/``O``/``R2``) on ``topo``:
    each MLP one da4ml module (:func:`write_block`), instantiated per real edge / node by
    :func:`top_verilog`; the software fixed-point model is :func:`forward` (NumPy). Test inputs
    ``X`` (rows of flattened node and edge features) are saturated to the input type first."""
    from ..design import ExternalVerilog, Ports

    mlps = {k: quantized_mlp(getattr(model, k).layers, p) for k in BLOCKS}
    blocks, sources = {}, {}
    for k in BLOCKS:
        blocks[k], static = write_block(mlps[k], k, f"{name}_{k}", p, latency_cutoff)
        sources.update(static)
    for k in BLOCKS:
        sources.update(blocks[k].sources)
    top, latency = top_verilog(name, topo, blocks, p)
    sources.update(top)
    r2, nr = blocks["R2"], len(topo.src)
    ports = Ports(top=name, n_in=topo.n_nodes * 3 + topo.n_edges * 4, in_width=p.input.width, in_frac=p.input.f,
                  n_out=nr, out_width=r2.out_width, out_frac=r2.out_frac, out_signed=r2.out_signed,
                  latency_cycles=latency)  # fmt: skip
    instances = {"R1": nr, "O": topo.n_nodes, "R2": nr}
    info = {"n_nodes": topo.n_nodes, "n_edges": topo.n_edges, "n_real_edges": nr,
            "submodules": [f"{b.module}_wrapper" for b in blocks.values()] + [f.removesuffix(".v") for f in list(top)[:-1]],
            "verilator_blocks": [f"{b.module}_wrapper" for b in blocks.values()],
            "blocks": {k: {"module": b.module, "instances": instances[k], "latency_cycles": b.latency,
                           "estimated_cost": b.cost} for k, b in blocks.items()},
            "estimated_cost_flat": float(sum(b.cost * instances[k] for k, b in blocks.items())), **(meta or {})}  # fmt: skip
    X = _q(np.asarray(X, np.float64), p.input, rounding="RND")

    def reference(rows: np.ndarray) -> np.ndarray:
        return np.stack([forward(r, mlps, topo, p) for r in rows])

    verilog = ExternalVerilog(sources=sources, ports=ports, synth_top=name, pipeline_stages=latency - 1)
    return Design(name=name, study="tracking_fpga", inputs=X, verilog=verilog, reference=reference,
                  float_scores=float_scores, metric="auc", precision=p.describe(), meta=info)  # fmt: skip
