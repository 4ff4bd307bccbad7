"""Every script in scripts/ runs both under Snakemake's `script:` and as a CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parents[2] / "scripts").rglob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_script_runs_under_snakemake_and_as_cli(script):
    text = script.read_text()
    tree = ast.parse(text)
    # Snakemake prepends its preamble to a script: a __future__ import would be a SyntaxError
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            pytest.fail(f"{script}: `from __future__` import breaks Snakemake's script: directive")
    funcs = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert "main" in funcs, f"{script}: no main(argv) for command-line use"
    smk = text.find('"snakemake" in globals()')
    cli = text.find('__name__ == "__main__"')
    assert smk != -1, f"{script}: no Snakemake branch"
    assert cli != -1, f"{script}: no __main__ branch"
    # Snakemake runs scripts with __name__ == "__main__": its branch must be tested first
    assert smk < cli, f"{script}: the Snakemake branch must come before the __main__ branch"
