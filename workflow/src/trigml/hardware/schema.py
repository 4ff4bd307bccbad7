"""The one ``hardware.json`` schema, shared by every design and back-end (issue 14, item 4).

Every field is always present; what a back-end could not measure is ``null`` and, where the design
was not synthesised, ``synthesized`` is ``false`` and ``reason`` says why. Nothing is estimated
silently: a cost that is not a measurement is never written into these fields.

=================  ===========================================================================
field              meaning
=================  ===========================================================================
backend            ``"rtl"`` (da4ml / external Verilog -> Verilator -> Yosys) or ``"hls4ml"``
part               FPGA part the numbers are for (Yosys maps to its family, out of context)
clock_ns           target clock period [ns]
luts, ffs, carry   LUTs (LUT1..LUT6), flip-flops, carry cells (CARRY4/CARRY8) after synthesis
dsps, brams        DSP and block-RAM cells (da4ml designs use none)
logic_depth        longest register-to-register path in cells (LUT + carry levels)
pipeline_stages    combinational stages between registers
latency_cycles     clock cycles from input to output (0 = combinational)
latency_ns         ``latency_cycles * clock_ns`` (or the hls4ml report's worst case)
ii                 initiation interval [cycles]
bit_exact          every checked input gave the software fixed-point model's output bit for bit
mismatches         number of checked inputs that differed
n_checked          number of inputs simulated
accuracy_float     the float model's accuracy (or AUC) on the checked inputs
accuracy_fixed     the fixed-point design's accuracy (or AUC) on the checked inputs
tool_versions      ``{tool: version}`` of every tool used
synthesized        whether synthesis ran and produced the numbers above
reason             why not (``null`` when synthesized)
=================  ===========================================================================

Optional fields: ``design``, ``study``, ``metric`` (``accuracy`` | ``auc``) and ``details`` (a dict
with back-end specific extras: cells by type, synthesis time, estimated cost, ...).
"""

from __future__ import annotations

import math
import os
from typing import Any

from trigml.files import read_json, write_json

__all__ = ["FIELDS", "OPTIONAL", "HardwareSchemaError", "not_synthesized", "read", "validate", "write"]

FIELDS: tuple[str, ...] = (
    "backend", "part", "clock_ns", "luts", "ffs", "carry", "dsps", "brams", "logic_depth",
    "pipeline_stages", "latency_cycles", "latency_ns", "ii", "bit_exact", "mismatches", "n_checked",
    "accuracy_float", "accuracy_fixed", "tool_versions", "synthesized", "reason",
)  # fmt: skip
OPTIONAL: tuple[str, ...] = ("design", "study", "metric", "details")
BACKENDS = ("rtl", "hls4ml")
_COUNTS = ("luts", "ffs", "carry", "dsps", "brams", "logic_depth", "pipeline_stages", "latency_cycles", "ii")
_SYNTH_REQUIRED = ("luts", "ffs", "carry", "dsps", "brams")


class HardwareSchemaError(ValueError):
    """A hardware record does not follow the schema; the message names the field."""


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return (isinstance(v, int | float) and not isinstance(v, bool)) and math.isfinite(v)


def _check(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise HardwareSchemaError(f"{where}: {msg}")


def validate(record: dict[str, Any], *, where: str = "hardware.json") -> dict[str, Any]:
    """Check ``record`` against the schema and return it; raise :class:`HardwareSchemaError` naming
    the offending field (``where`` names the design or file in the message)."""
    _check(isinstance(record, dict), where, f"expected an object, got {type(record).__name__}")
    missing = [k for k in FIELDS if k not in record]
    _check(not missing, where, f"missing field(s) {missing}")
    extra = sorted(set(record) - set(FIELDS) - set(OPTIONAL))
    _check(not extra, where, f"unknown field(s) {extra}")
    r = record
    _check(r["backend"] in BACKENDS, where, f"backend must be one of {BACKENDS}, got {r['backend']!r}")
    _check(isinstance(r["part"], str) and r["part"] != "", where, "part must be a non-empty string")
    _check(
        _is_num(r["clock_ns"]) and r["clock_ns"] > 0, where, f"clock_ns must be > 0, got {r['clock_ns']!r}"
    )
    for k in _COUNTS:
        _check(
            r[k] is None or (_is_int(r[k]) and r[k] >= 0),
            where,
            f"{k} must be null or an int >= 0, got {r[k]!r}",
        )
    _check(r["latency_ns"] is None or (_is_num(r["latency_ns"]) and r["latency_ns"] >= 0), where,
           f"latency_ns must be null or a number >= 0, got {r['latency_ns']!r}")  # fmt: skip
    for k in ("bit_exact", "synthesized"):
        _check(isinstance(r[k], bool) or (k == "bit_exact" and r[k] is None), where, f"{k} must be a bool")
    for k in ("mismatches", "n_checked"):
        _check(r[k] is None or (_is_int(r[k]) and r[k] >= 0), where, f"{k} must be null or an int >= 0")
    if r["bit_exact"] is not None:
        _check(r["mismatches"] is not None and r["n_checked"] is not None, where,
               "bit_exact needs mismatches and n_checked")  # fmt: skip
        _check(r["bit_exact"] == (r["mismatches"] == 0), where, "bit_exact must equal (mismatches == 0)")
        _check(r["n_checked"] > 0, where, "n_checked must be > 0 when bit_exact is reported")
    for k in ("accuracy_float", "accuracy_fixed"):
        _check(r[k] is None or (_is_num(r[k]) and 0 <= r[k] <= 1), where, f"{k} must be null or in [0, 1]")
    _check(isinstance(r["tool_versions"], dict) and all(isinstance(v, str) for v in r["tool_versions"].values()),
           where, "tool_versions must map tool names to version strings")  # fmt: skip
    if r["synthesized"]:
        _check(r["reason"] is None, where, "reason must be null when synthesized")
        for k in _SYNTH_REQUIRED:
            _check(r[k] is not None, where, f"{k} must be measured when synthesized")
    else:
        _check(isinstance(r["reason"], str) and r["reason"].strip() != "", where,
               "synthesized is false: reason must say why")  # fmt: skip
    _check("details" not in r or isinstance(r["details"], dict), where, "details must be an object")
    return record


def not_synthesized(*, backend: str, part: str, clock_ns: float, reason: str, **known: Any) -> dict[str, Any]:
    """A record for a design whose synthesis did not run: every unmeasured field ``null``."""
    record: dict[str, Any] = {k: None for k in FIELDS}
    record.update(backend=backend, part=part, clock_ns=clock_ns, tool_versions={}, synthesized=False)
    record.update(known)
    record["reason"] = reason
    return record


def write(path: str | os.PathLike[str], record: dict[str, Any]) -> None:
    """Validate, then write atomically: a failing record leaves no file (or the previous one) behind."""
    validate(record, where=str(path))
    write_json(path, record)


def read(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate one ``hardware.json``."""
    return validate(read_json(path), where=str(path))
