"""Conda envs (issue 18): every rule's env holds what its script and the trigml modules it reaches
import, pinned to the versions of requirements.txt; nothing installs trigml from a relative path."""

from __future__ import annotations

import ast
import json
import re
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.workflow

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "workflow" / "src"
# Imported only where they exist, each with a clear message or a documented skip when absent:
# PySR needs Julia from the internet, difflogic a CUDA build; neither is in any env on purpose.
OPTIONAL = {"pysr", "difflogic"}
# Provided by Snakemake itself (the script preamble) or by the workflow's source folder.
PROVIDED = {"snakemake", "trigml"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def rule_table() -> dict[str, dict[str, str]]:
    """rule -> {"conda": env path, "script": script path} from workflow/rules/*.smk (``use rule``
    variants inherit what they do not override)."""
    rules: dict[str, dict[str, str]] = {}
    parents: dict[str, str] = {}
    for smk in sorted((REPO / "workflow/rules").glob("*.smk")):
        text = smk.read_text()
        starts = list(re.finditer(r"^[ \t]*(?:use rule (\w+) as (\w+) with:|rule (\w+):)", text, re.M))
        for i, m in enumerate(starts):
            body = text[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)]
            name = m.group(2) or m.group(3)
            if m.group(1):
                parents[name] = m.group(1)
            entry = rules.setdefault(name, {})
            for key in ("conda", "script"):
                found = re.search(rf"^\s+{key}:\s*\n\s+\"([^\"]+)\"", body, re.M)
                if found:
                    entry[key] = str((smk.parent / found.group(1)).resolve())
    for name, parent in parents.items():
        for key in ("conda", "script"):
            rules[name].setdefault(key, rules[parent].get(key))
    return {n: e for n, e in rules.items() if e.get("script")}


def _resolve(node: ast.ImportFrom | ast.Import, package: str) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    base = node.module or ""
    if node.level:
        parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parts, base] if base else parts)
    return {base, *(f"{base}.{alias.name}" for alias in node.names)} - {""}


class _Info:
    """What one file imports: at module level, inside each function (keyed by ``(kind, name)``,
    kind ``function`` or ``method``), the ``(module, name)`` pairs it references, and every bare
    or attribute name it uses."""

    def __init__(self, path: Path) -> None:
        self.package = _package_of(path)
        self.top: set[str] = set()
        self.inside: dict[tuple[str, str], set[str]] = {}
        self.refs: set[tuple[str, str]] = set()
        self.used: set[str] = set()
        self.aliases: dict[str, str] = {}
        self._visit(ast.parse(path.read_text()), None, False)

    def _bind(self, node: ast.Import | ast.ImportFrom) -> set[str]:
        names = _resolve(node, self.package)
        if isinstance(node, ast.Import):
            for a in node.names:
                self.aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        else:
            base = min(names, key=len)
            for a in node.names:
                self.aliases[a.asname or a.name] = f"{base}.{a.name}"
                self.refs.add((base, a.name))
        return names

    def _dotted(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            head = self._dotted(node.value)
            return f"{head}.{node.attr}" if head else None
        return None

    def _visit(self, node: ast.AST, function: tuple[str, str] | None, in_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                names = self._bind(child)
                (self.inside.setdefault(function, set()) if function else self.top).update(names)
            elif isinstance(child, ast.Name):
                self.used.add(child.id)
            elif isinstance(child, ast.Attribute):
                self.used.add(child.attr)
                module = self._dotted(child.value)
                if module:
                    self.refs.add((module, child.attr))
            inner = function
            if function is None and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = ("method" if in_class else "function", child.name)
            self._visit(child, inner, isinstance(child, ast.ClassDef) or (in_class and function is None))


@cache
def _module_info(path: Path) -> _Info:
    return _Info(path)


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _package_of(path: Path) -> str:
    try:
        rel = path.relative_to(SRC)
    except ValueError:
        return ""
    return ".".join(rel.with_suffix("").parts[:-1])  # a package's __init__ and its modules alike


def _trigml_file(name: str) -> Path | None:
    base = SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _trigml_files(name: str) -> list[Path]:
    """The files executed by importing ``name``: every package on the way and the module."""
    parts = name.split(".")
    return [f for i in range(1, len(parts) + 1) if (f := _trigml_file(".".join(parts[:i])))]


@cache
def reached(script: str) -> frozenset[str]:
    """Top-level third-party modules imported by ``script`` and the trigml code it reaches.

    An import inside a function counts when that function can run: the script's own functions,
    a function some reached file imports or calls through its module (``from M import f``,
    ``M.f``), one its own module calls, or a method whose name any reached file uses.
    """
    files: set[Path] = {Path(script)}
    names: set[str] = set()
    while True:
        infos = {f: _module_info(f) for f in files}
        refs = set().union(*(i.refs for i in infos.values()))
        used = set().union(*(i.used for i in infos.values()))
        for f, info in infos.items():
            names |= info.top
            module = _module_name(f) if f != Path(script) else None
            for (kind, function), imported in info.inside.items():
                runs = (
                    module is None
                    or (module, function) in refs
                    or function in info.used
                    or (kind == "method" and function in used)
                )
                if runs:
                    names |= imported
        new = {g for n in names if n.split(".")[0] == "trigml" for g in _trigml_files(n)} - files
        if not new:
            break
        files |= new
    external = {n.split(".")[0] for n in names} - {"trigml"}
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    return frozenset(external - stdlib - PROVIDED - OPTIONAL)


@cache
def _distributions() -> dict[str, list[str]]:
    return {k: [_norm(d) for d in v] for k, v in metadata.packages_distributions().items()}


def distributions(modules: frozenset[str]) -> dict[str, str]:
    """module -> the distribution that provides it (in the project's venv)."""
    dists = _distributions()
    return {m: dists[m][0] if m in dists else f"<unknown: {m}>" for m in modules}


def env_packages(env: str) -> dict[str, str | None]:
    """Normalised name -> pinned version (None when unpinned) of every package of an env file,
    including those its post-deploy script installs."""
    spec = yaml.safe_load(Path(env).read_text())
    out: dict[str, str | None] = {}
    for dep in spec["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            m = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(?:={1,2}\s*([^\s#]+))?", str(item))
            if m and not str(item).startswith("-"):
                out[_norm(m.group(1))] = m.group(2)
    deploy = Path(env).with_suffix(".post-deploy.sh")
    if deploy.exists():
        for m in re.finditer(r"([A-Za-z0-9_.\-]+)==([^\s]+)", deploy.read_text()):
            out[_norm(m.group(1))] = m.group(2)
    return out


def requirements() -> dict[str, str]:
    """The tested pins: requirements.txt, plus what the Makefile installs on its own (torchlogix)."""
    pins = {}
    for line in (REPO / "requirements.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s#]+)", line.strip())
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    for m in re.finditer(r"--no-deps (torchlogix)==(\S+)", (REPO / "Makefile").read_text()):
        pins[_norm(m.group(1))] = m.group(2)
    return pins


def test_rule_table_is_complete():
    rules = rule_table()
    assert {"simulate_trackml", "train_in", "train_in_fpga", "run_sr", "summarize_results"} <= set(rules)
    for name, entry in rules.items():
        assert entry.get("conda"), f"rule {name} has no conda env"
        assert Path(entry["conda"]).is_file(), f"rule {name}: {entry['conda']} missing"
        assert Path(entry["script"]).is_file(), f"rule {name}: {entry['script']} missing"


def test_every_rule_env_holds_what_its_code_imports():
    missing = []
    for name, entry in sorted(rule_table().items()):
        if not Path(entry["script"]).is_file() or not Path(entry["conda"]).is_file():
            continue  # reported by test_rule_table_is_complete
        have = env_packages(entry["conda"])
        for module, dist in sorted(distributions(reached(entry["script"])).items()):
            if dist not in have:
                missing.append(f"{name} ({Path(entry['conda']).name}): {dist} (import {module})")
    assert not missing, "missing from the rule's env:\n" + "\n".join(missing)


def test_env_pins_agree_with_requirements():
    pins = requirements()
    wrong = []
    for env in sorted((REPO / "envs").glob("*.yaml")):
        for name, version in env_packages(str(env)).items():
            if name in {"python", "pip", "gxx-linux-64"}:
                continue
            if version is None:
                wrong.append(f"{env.name}: {name} not pinned")
            elif pins.get(name) != version:
                wrong.append(f"{env.name}: {name}=={version}, requirements.txt: {pins.get(name)}")
    assert not wrong, "\n".join(wrong)


def test_no_env_installs_trigml_from_a_relative_path():
    for env in sorted((REPO / "envs").glob("*.yaml")):
        text = env.read_text()
        assert not re.search(r"^\s*-\s*-e\b|\.\./|\s\.\.\s*$", text, re.M), env.name
        assert "trigml" not in env_packages(str(env)), env.name


def test_snakemake_hands_the_source_folder_to_every_script_job(tmp_path):
    """How trigml reaches jobs in conda envs: Snakemake appends the importing process's sys.path
    (where the installed trigml's source folder is) to every script job's sys.path. Checked in a
    fresh interpreter with trigml as installed (no PYTHONPATH, no test set-up)."""
    import os
    import subprocess

    probe = (
        "import json, pathlib, trigml\n"
        "from snakemake.common import get_snakemake_searchpaths\n"
        "src = str(pathlib.Path(trigml.__file__).resolve().parents[1])\n"
        "paths = [str(pathlib.Path(p).resolve()) for p in get_snakemake_searchpaths()]\n"
        "print(json.dumps([src, src in paths]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    src, passed = json.loads(out.stdout)
    assert passed and Path(src) == SRC, src
