"""Every output path of the workflow, in one place, so rules, scripts and tests agree.

Each function returns a path string; called without arguments it returns the Snakemake pattern
with ``{wildcards}``, called with values it returns a concrete path (``str.format`` semantics)::

    patterns.data.trackml_event()                 # results/data/trackml/events/event{event}-{part}.csv
    patterns.data.trackml_event(event="000001000", part="hits")

Each study has its own namespace, named like the study everywhere else
(``patterns.tracking.graph_file()``, ``patterns.anomaly_kd_l1.metrics()``); shared roots
(logs, benchmarks, the summary) live at the top level.
"""

from __future__ import annotations

from . import (
    anomaly_kd,
    anomaly_kd_l1,
    data,
    export,
    hardware,
    jets_sr,
    logic_warp,
    report,
    tracking,
    tracking_fpga,
)
from ._core import (
    RESULTS,
    bench_json,
    benchmark,
    compare_jets_json,
    compare_jets_png,
    fmt,
    log,
    paper_table_html,
    provenance_html,
    summary_json,
    summary_md,
)

__all__ = [
    "anomaly_kd",
    "anomaly_kd_l1",
    "data",
    "hardware",
    "export",
    "report",
    "jets_sr",
    "logic_warp",
    "tracking",
    "tracking_fpga",
    "RESULTS",
    "bench_json",
    "benchmark",
    "compare_jets_json",
    "compare_jets_png",
    "fmt",
    "log",
    "paper_table_html",
    "provenance_html",
    "summary_json",
    "summary_md",
]
