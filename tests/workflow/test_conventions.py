"""Conventions a newcomer relies on (issue 13): one name per study in every layer, no logic in
the rule files, short functions, defaults only in the schemas."""

from __future__ import annotations

import ast
import importlib
import re

import pytest
import yaml

pytestmark = pytest.mark.workflow


def _studies(repo):
    top = yaml.safe_load((repo / "workflow/schemas/config.schema.yaml").read_text())
    return top["properties"]["studies"]["items"]["enum"]


def test_every_study_has_each_room_under_its_own_name(repo):
    for study in _studies(repo):
        assert (repo / "workflow/rules" / f"{study}.smk").is_file(), f"rules file of {study}"
        assert (repo / "scripts" / study).is_dir(), f"scripts/{study}/"
        assert (repo / "workflow/src/trigml" / study / "__init__.py").is_file(), f"trigml.{study}"
        assert (repo / "tests" / study).is_dir(), f"tests/{study}/"
        assert (repo / "workflow/schemas" / f"{study}.schema.yaml").is_file(), f"schema of {study}"
        namespace = importlib.import_module(f"trigml.patterns.{study}")
        paths = [
            fn() for name, fn in vars(namespace).items()
            if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", "") == namespace.__name__
            and _callable_without_arguments(fn)
        ]  # fmt: skip
        assert paths, f"trigml.patterns.{study} has no paths"
        for path in paths:
            assert f"{path}/".startswith(f"results/{study}/"), (
                f"patterns.{study}: {path} outside results/{study}/"
            )


def _callable_without_arguments(fn):
    import inspect

    params = inspect.signature(fn).parameters.values()
    return all(p.default is not p.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) for p in params)


def _rule_files(repo):
    return sorted((repo / "workflow/rules").glob("*.smk"))


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("lambda", r"\blambda\b"),
        ("raise", r"^\s*raise\b"),
        ("f-string path", r"""\bf["'][^"'\n]*(?:/|\{[^}]*\}\.)[^"'\n]*["']"""),
        (
            "fixed memory/runtime (use scaled(...): it grows with the attempt)",
            r"^\s*(?:mem_mb|runtime)\s*=\s*\d+",
        ),
        ("threads: 1 (the default; profiles set threads)", r"^\s*threads:\s*1\s*$"),
    ],
)
def test_rule_files_hold_no_logic(repo, what, pattern):
    offenders = []
    for smk in _rule_files(repo):
        for n, line in enumerate(smk.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(pattern, code, re.M):
                offenders.append(f"{smk.name}:{n}: {line.strip()}")
    assert not offenders, f"{what} in rule files:\n" + "\n".join(offenders)


def _functions(repo):
    for path in sorted((repo / "workflow/src/trigml").rglob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path.relative_to(repo), node, tree


def test_no_function_in_the_library_is_over_80_lines(repo):
    long = [
        f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node, _ in _functions(repo)
        if node.end_lineno - node.lineno + 1 > 80
    ]
    assert not long, "functions over 80 lines:\n" + "\n".join(long)


def test_no_config_get_with_a_literal_default_in_the_library(repo):
    """Defaults live in the schemas: ``cfg.get("key", 3)`` hides a second default."""
    offenders = []
    for path in sorted((repo / "workflow/src/trigml").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "get" or len(node.args) != 2:
                continue
            key, default = node.args
            receiver = ast.unparse(node.func.value)
            if re.search(r"environ|headers|\benv$", receiver):  # not config
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if isinstance(default, ast.Constant) and isinstance(default.value, int | float | str):
                    if not isinstance(default.value, bool):
                        offenders.append(f"{path.relative_to(repo)}:{node.lineno}: {ast.unparse(node)}")
    assert not offenders, ".get(key, literal) in the library:\n" + "\n".join(offenders)
