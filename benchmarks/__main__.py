"""Run the benchmarks: ``python -m benchmarks --out results/bench [--only tracking] [--quick]``."""

from __future__ import annotations

import argparse
import importlib
import logging
import time
from pathlib import Path

from trigml.cli import log_to
from trigml.files import write_json

from benchmarks import BENCH_MODULES


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", default="results/bench", type=Path)
    p.add_argument("--only", nargs="*", default=None, help="substrings of module names to run")
    p.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index: dict[str, object] = {}
    with log_to(args.out / "bench.log") as log:
        for name in BENCH_MODULES:
            if args.only and not any(s in name for s in args.only):
                continue
            mod = importlib.import_module(name)
            t0 = time.perf_counter()
            files = mod.run(args.out, quick=args.quick)
            index[name] = {"files": [str(f) for f in files], "wall_s": round(time.perf_counter() - t0, 2)}
            log.info("%s: %d result file(s) in %.1f s", name, len(files), time.perf_counter() - t0)
        write_json(args.out / "index.json", index)
        if not args.only:  # every target side by side, from this one run
            from benchmarks import summary

            log.info("summary: %s", summary.write(args.out))
    logging.shutdown()
    # everything the benchmarks printed went to the log (trigml.cli.log_to)
    print(f"wrote {args.out / 'index.json'}; log: {args.out / 'bench.log'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
