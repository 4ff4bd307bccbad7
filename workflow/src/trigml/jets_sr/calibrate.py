"""Per-operator cost measured in the open RTL flow, to set beside the paper's HLS latency table.

    python -m trigml.jets_sr.calibrate --precision "ap_fixed<16,6>" --table-size 256 --lut-range -8 8

traces one operator at a time (``x0 + x1``, ``x0 * x1``, ``sin(x0)``, …) in hls4ml's arithmetic with
:func:`trigml.hardware.designs.symbolic.trace` (da4ml: fully combinational, no DSPs) and prints, per
operator, da4ml's latency (adder levels of the critical path) and cost (its LUT estimate), and the
latency relative to an addition — a complexity table in the units ``jets_sr.sr.operator_complexity``
takes. Operators the RTL flow cannot build (division) are reported as such.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

PROBES = {"add": "x0 + x1", "sub": "x0 - x1", "mul": "x0*x1", "square": "x0**2", "sin": "sin(x0)",
          "cos": "cos(x0)", "sc": "sin(x0)*cos(x0)", "exp": "exp(x0)", "tanh": "tanh(x0)",
          "div": "x0/x1"}  # fmt: skip
"""The expression that measures each operator (inputs x0, x1). log and sqrt are left out: undefined on
part of the input range, their tables cannot be built over it."""


def operator_costs(precision: str, table_size: int, lut_range: Sequence[float]) -> dict[str, Any]:
    """``{operator: {"latency": …, "cost": …, "relative_latency": …} or {"error": why}}``."""
    import sympy

    from trigml.hardware.designs.symbolic import trace

    out: dict[str, Any] = {}
    for op, text in PROBES.items():
        try:
            comb = trace([sympy.sympify(text)], 2, precision, table_size, list(lut_range))
        except ValueError as err:
            out[op] = {"error": str(err)}
            continue
        out[op] = {"latency": float(max(comb.latency)), "cost": float(comb.cost)}
    base = out["add"]["latency"]
    for v in out.values():
        if "latency" in v:
            v["relative_latency"] = v["latency"] / base
    return {"precision": precision, "table_size": table_size, "lut_range": list(lut_range), "operators": out}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--precision", required=True)
    p.add_argument("--table-size", type=int, required=True)
    p.add_argument("--lut-range", type=float, nargs=2, required=True)
    args = p.parse_args(argv)
    print(json.dumps(operator_costs(args.precision, args.table_size, args.lut_range), indent=1))


if __name__ == "__main__":
    main()
