"""Paths of the report: the landing-page table, provenance, costs per study."""

from __future__ import annotations

from ._core import RESULTS


def landing_rst() -> str:
    """The report's landing page text (static, in the repository): it embeds :func:`paper_table_html`."""
    return "workflow/report/workflow.rst"


def costs_md() -> str:
    """Wall / CPU time and disk per study of the last run (Markdown, a report item)."""
    return f"{RESULTS}/report/costs.md"


def costs_json() -> str:
    return f"{RESULTS}/report/costs.json"


def costs_html() -> str:
    """The same table as HTML (the report item)."""
    return f"{RESULTS}/report/costs.html"


def results_root(path: str, pattern: str) -> str:
    """The results folder of a concrete output ``path`` made from ``pattern`` (``results/...``), so a
    rule needs no hard-coded results prefix: ``results_root("out/summary.md", summary_md()) == "out"``."""
    from pathlib import PurePath

    depth = len(PurePath(pattern).relative_to(RESULTS).parts)
    return str(PurePath(path).parents[depth - 1])
