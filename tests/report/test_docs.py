"""README.md stays short and true: ≤ 200 lines, one docs page per study, and every rule and function the
stage table names exists (rule in workflow/rules/*.smk, function defined in workflow/src/trigml)."""

from __future__ import annotations

import ast
import re

from trigml.report import STUDY_ORDER


def _table_rows(readme: str) -> list[list[str]]:
    start = readme.index("## Paper stage → rule → function → output")
    block = readme[start:].split("\n## ", 1)[0]
    rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in block.splitlines()
        if line.startswith("| ")
    ]
    return rows[1:]  # without the header


def _defined(repo, dotted: str) -> bool:
    """``tracking.steps.filter_events`` -> is filter_events defined (or re-exported) at module level there?"""
    *mod, name = dotted.split(".")
    base = repo / "workflow/src/trigml" / "/".join(mod)
    path = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
    if not path.exists():
        return False
    tree = ast.parse(path.read_text())
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
    defined |= {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    return name in defined


def test_readme_is_short_and_links_every_study(repo):
    readme = (repo / "README.md").read_text()
    assert len(readme.splitlines()) <= 200
    for study in STUDY_ORDER:
        assert (repo / "docs" / f"{study}.md").exists(), study
        assert f"(docs/{study}.md)" in readme, study


def test_stage_table_names_real_rules_and_functions(repo):
    rules = set()
    for smk in (repo / "workflow/rules").glob("*.smk"):
        rules |= set(re.findall(r"^\s*(?:use )?rule (\w+)", smk.read_text(), flags=re.M))
        rules |= set(re.findall(r"^\s*use rule \w+ as (\w+)", smk.read_text(), flags=re.M))
    rows = _table_rows((repo / "README.md").read_text())
    assert len(rows) >= 20
    for row in rows:
        for rule in re.findall(r"`(\w+)`", row[2]):
            assert rule in rules, f"README names rule {rule!r}, which no .smk file defines"
        funcs = re.findall(r"`([\w.]+)`", row[3])
        module = funcs[0].rsplit(".", 1)[0]
        for f in funcs:
            dotted = f if "." in f else f"{module}.{f}"
            assert _defined(repo, dotted), (
                f"README names function {dotted!r}, not defined in workflow/src/trigml"
            )
