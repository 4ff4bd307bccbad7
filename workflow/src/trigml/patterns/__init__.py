"""Every output path of the workflow, in one place, so rules, scripts and tests agree.

Each function returns a path string; called without arguments it returns the Snakemake pattern
with ``{wildcards}``, called with values it returns a concrete path (``str.format`` semantics)::

    patterns.trackml_event()                      # results/data/trackml/events/event{event}-{part}.csv
    patterns.trackml_event(event="000001000", part="hits")

The study sections live in sub-modules (``trigml.patterns.tracking`` ...) and are re-exported
here, so ``from trigml import patterns`` gives all of them.
"""

from __future__ import annotations

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
from .anomaly_kd import *  # noqa: F403
from .anomaly_kd_l1 import *  # noqa: F403
from .data import *  # noqa: F403
from .jets_sr import *  # noqa: F403
from .logic_warp import *  # noqa: F403
from .tracking import *  # noqa: F403
from .tracking_fpga import *  # noqa: F403

__all__ = [
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
