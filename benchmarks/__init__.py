"""``make bench``: every study's benchmarks (kept out of the library), each writing JSON under results/bench/.

A study provides ``benchmarks/<study>.py`` with ``run(out_dir: Path, quick: bool) -> list[Path]``.
Speed targets live here, never in timed tests.
"""

from __future__ import annotations

BENCH_MODULES = [
    "benchmarks.simulation",
    "benchmarks.trackml_score",
    "benchmarks.tracking",
    "benchmarks.tracking_fpga",
    "benchmarks.jets_sr",
    "benchmarks.anomaly_kd",
    "benchmarks.anomaly_kd_l1",
    "benchmarks.logic_warp",
    "benchmarks.hardware",
    "benchmarks.training",
    "benchmarks.dag",  # last: the per-rule timing table of the latest `make run`
]
