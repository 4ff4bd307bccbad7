"""``make bench``: every study's benchmarks, each writing JSON under results/bench/.

A study provides ``trigml.<module>.bench`` with ``run(out_dir: Path, quick: bool) -> list[Path]``.
Speed targets live here, never in timed tests.
"""

from __future__ import annotations

BENCH_MODULES = [
    "trigml.simulation.bench",
    "trigml.trackml_bench",
    "trigml.tracking.bench",
    "trigml.tracking_fpga.bench",
    "trigml.jets.bench",
    "trigml.anomaly.paper.bench",
    "trigml.anomaly.l1.bench",
    "trigml.logic.bench",
]
