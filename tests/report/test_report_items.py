"""Every report() item sits in a category named after its study (DAG order) and carries labels."""

from __future__ import annotations

import re

from trigml import patterns
from trigml.report import CATEGORIES, CROSS_STUDY_CATEGORY, OVERVIEW_CATEGORY

ALLOWED = {OVERVIEW_CATEGORY, CROSS_STUDY_CATEGORY, *CATEGORIES.values()}


def _report_calls(text: str) -> list[str]:
    """The argument text of each ``report(`` call (balanced parentheses)."""
    calls = []
    for m in re.finditer(r"\breport\(", text):
        depth, i = 1, m.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        calls.append(text[m.end() : i - 1])
    return calls


def test_every_report_item_is_categorised_and_labelled(repo):
    seen = 0
    for smk in sorted((repo / "workflow/rules").glob("*.smk")):
        for call in _report_calls(smk.read_text()):
            seen += 1
            cat = re.search(r'category="([^"]+)"', call)
            assert cat, f"{smk.name}: report() without category: {call[:80]}"
            assert cat.group(1) in ALLOWED, (
                f"{smk.name}: category {cat.group(1)!r} not one of {sorted(ALLOWED)}"
            )
            study = smk.stem
            if study in CATEGORIES:
                assert cat.group(1) == CATEGORIES[study], (
                    f"{smk.name}: category should be {CATEGORIES[study]!r}"
                )
            assert "labels={" in call and '"study":' in call, (
                f"{smk.name}: report() without labels: {call[:80]}"
            )
    assert seen >= 20


def test_landing_page_embeds_the_paper_table(repo):
    text = (repo / patterns.report.landing_rst()).read_text()
    assert f":file: {patterns.paper_table_html()}" in text
    assert ".. raw:: html" in text
