"""Config validation against the JSON schemas in ``workflow/schemas``.

The top-level schema (``config.schema.yaml``) declares every block; each study block is described
in its own schema file (``<block>.schema.yaml``) so that a study's keys live next to each other.
Validation fills defaults (the schemas are the single source of defaults) and reports every
problem with the dotted path of the offending key, e.g. ``tracking.graphs.phi_slope_max``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
TOP_SCHEMA = "config.schema.yaml"


class ConfigError(ValueError):
    """A config file does not satisfy the schema; the message names every offending key."""


def _extend_with_default(validator_class: type) -> type:
    validate_properties = validator_class.VALIDATORS["properties"]

    def set_defaults(validator, properties, instance, schema):  # type: ignore[no-untyped-def]
        if isinstance(instance, dict):
            for name, sub in properties.items():
                if isinstance(sub, Mapping) and "default" in sub and name not in instance:
                    instance[name] = copy.deepcopy(sub["default"])
        yield from validate_properties(validator, properties, instance, schema)

    return jsonschema.validators.extend(validator_class, {"properties": set_defaults})


_Validator = _extend_with_default(jsonschema.Draft7Validator)


def load_schema(name: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    path = Path(schema_dir) / name
    with open(path) as fh:
        return yaml.safe_load(fh)


def _key_path(error: jsonschema.ValidationError, prefix: str) -> str:
    parts = [prefix] if prefix else []
    parts += [str(p) for p in error.absolute_path]
    if error.validator == "additionalProperties":
        # name the unexpected key itself, not only its parent
        extra = set(error.instance) - set(error.schema.get("properties", {}))
        patterns = error.schema.get("patternProperties", {})
        extra = {k for k in extra if not any(re.search(p, k) for p in patterns)}
        if extra:
            return ", ".join(".".join([*parts, k]) for k in sorted(extra))
    return ".".join(parts) or "<top level>"


def _errors(instance: Any, schema: dict[str, Any], prefix: str) -> Iterator[str]:
    validator = _Validator(schema)
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        key = _key_path(err, prefix)
        if err.validator == "additionalProperties":
            yield f"unknown config key '{key}' (not in the schema; misspelled?)"
        else:
            yield f"config key '{key}': {err.message}"


def validate_config(config: dict[str, Any], schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """Validate ``config`` in place, fill defaults, and return it.

    Raises :class:`ConfigError` listing every invalid or unknown key by its dotted path.
    """
    schema_dir = Path(schema_dir)
    top = load_schema(TOP_SCHEMA, schema_dir)
    problems = list(_errors(config, top, ""))
    if not problems:
        for block in top.get("properties", {}):
            block_file = schema_dir / f"{block}.schema.yaml"
            if block_file.exists():
                problems += list(
                    _errors(config.setdefault(block, {}), load_schema(block_file.name, schema_dir), block)
                )
    if problems:
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(problems))
    cross_key_check(config)
    return config


# Cross-key checks (what one key may be given the others), one ``"module:function"`` per study:
# the function takes the validated config and raises ConfigError (or ValueError) naming the keys.
# Study engineers: add ONE line for your study's check here.
CROSS_KEY_CHECKS: tuple[str, ...] = (
    "trigml.config:check_shared",
    "trigml.tracking_fpga.settings:check_config",
    "trigml.jets_sr.inputs:check_config",
    "trigml.logic_warp.settings:check_config",
    "trigml.anomaly_kd_l1.inputs:check_config",
)


def cross_key_check(config: dict[str, Any], checks: tuple[str, ...] = CROSS_KEY_CHECKS) -> None:
    """Run every cross-key check; raise one :class:`ConfigError` listing all their problems."""
    import importlib

    problems: list[str] = []
    for spec in checks:
        module, _, function = spec.partition(":")
        try:
            getattr(importlib.import_module(module), function)(config)
        except (ConfigError, ValueError) as err:
            text = str(err).removeprefix("invalid configuration:").strip()
            problems += [line.strip() for line in text.splitlines() if line.strip()]
    if problems:
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(problems))


def check_shared(config: dict[str, Any]) -> None:
    """Checks across the shared blocks: the TrackML source has what it needs."""
    trackml = config["data"]["trackml"]
    problems = []
    if trackml["source"] == "local" and not trackml["local_dir"]:
        problems.append("data.trackml.source is 'local' but data.trackml.local_dir is not set")
    if trackml["source"] == "download" and not trackml["download"]["url"]:
        problems.append("data.trackml.source is 'download' but data.trackml.download.url is empty")
    if problems:
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(problems))


def load_config(*paths: str | Path, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """Read and merge YAML config files (later ones override), then validate them."""
    merged: dict[str, Any] = {}
    for p in paths:
        with open(p) as fh:
            data = yaml.safe_load(fh) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: a config file must hold a mapping at its top level")
        merged = deep_update(merged, data)
    return validate_config(merged, schema_dir)


def deep_update(base: dict[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """Recursively merge ``other`` into a copy of ``base`` (what Snakemake does with --configfile)."""
    out = copy.deepcopy(base)
    for k, v in other.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), dict):
            out[k] = deep_update(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


# --- config/README.md, generated from the schemas (make config-docs) --------------------------

DOCS_PATH = SCHEMA_DIR.parents[1] / "config" / "README.md"
DOCS_INTRO = """\
# Configuration

<!-- Generated from workflow/schemas/*.schema.yaml by `make config-docs`
     (python -m trigml.config --docs); do not edit: change the schema and regenerate. -->

`config/config.yaml` is the default (small, CPU, simulated data, minutes); `config/paper.yaml` is
the paper-scale reproduction (real data, μ = 200, paper-sized models). Every key, its type, meaning
and default is in the JSON schemas under `workflow/schemas/` (`config.schema.yaml` for the top
level, `<block>.schema.yaml` for each block) — this page is generated from them. A config is
validated before any job runs: an unknown or invalid key stops the run, named by its dotted path
(e.g. `unknown config key 'tracking.graphs.phi_slop_max'`), and so do contradicting keys (the
cross-key checks in `trigml.config.CROSS_KEY_CHECKS`).

Config holds science parameters only: threads, memory, runtime and GPUs are rule resources and
profile settings (`workflow/profiles/`), cluster settings (account, partitions, GPU type) live in
your site profile (template: `config/slurm-site/`).
"""


def _text(value: Any) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _type(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type") or ""
    kind = " or ".join(kind) if isinstance(kind, list) else str(kind)
    if "enum" in schema:
        kind += ": " + ", ".join(f"`{v}`" for v in schema["enum"])
    if schema.get("type") == "array" and isinstance(schema.get("items"), Mapping):
        inner = _type(schema["items"])
        kind += f" of {inner}" if inner else ""
    return kind


def _default(schema: Mapping[str, Any]) -> str:
    if "default" not in schema or schema.get("type") == "object":
        return ""
    return "`" + json.dumps(schema["default"], ensure_ascii=False) + "`"


def _rows(schema: Mapping[str, Any], prefix: str) -> Iterator[str]:
    """Table rows of every key under ``schema`` (objects recursed into, dotted keys)."""
    for name, sub in schema.get("properties", {}).items():
        key = f"{prefix}{name}"
        if sub.get("type") == "object" and ("properties" in sub or "additionalProperties" in sub):
            yield f"| `{key}` | object | | {_text(sub.get('description') or '')} |"
            yield from _rows(sub, f"{key}.")
            extra = sub.get("additionalProperties")
            if isinstance(extra, Mapping):
                yield f"| `{key}.<name>` | {_type(extra)} | {_default(extra)} | {_text(extra.get('description') or '')} |"
        else:
            yield f"| `{key}` | {_type(sub)} | {_default(sub)} | {_text(sub.get('description') or '')} |"


def _table(schema: Mapping[str, Any], prefix: str) -> list[str]:
    rows = list(_rows(schema, prefix))
    return ["| key | type | default | meaning |", "|---|---|---|---|", *rows] if rows else []


def config_docs(schema_dir: Path = SCHEMA_DIR) -> str:
    """config/README.md: the intro, the top-level keys, then one section per block."""
    top = load_schema(TOP_SCHEMA, schema_dir)
    blocks = {n: s for n, s in top["properties"].items() if (Path(schema_dir) / f"{n}.schema.yaml").exists()}
    plain = {"properties": {n: s for n, s in top["properties"].items() if n not in blocks}}
    lines = [DOCS_INTRO, "## Top level (`config.schema.yaml`)", "", *_table(plain, "")]
    for name in blocks:
        schema = load_schema(f"{name}.schema.yaml", schema_dir)
        lines += ["", f"## `{name}` (`{name}.schema.yaml`)", ""]
        for text in (blocks[name].get("description"), schema.get("description")):
            if text:
                lines += [_text(text).replace("\\|", "|"), ""]
        lines += _table(schema, f"{name}.")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m trigml.config --docs [--check]``: write (or check) config/README.md;
    ``python -m trigml.config FILE...``: validate config files."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m trigml.config", description=main.__doc__)
    p.add_argument("files", nargs="*", help="config files to validate (merged in order)")
    p.add_argument("--docs", action="store_true", help="regenerate config/README.md from the schemas")
    p.add_argument("--check", action="store_true", help="with --docs: fail if config/README.md is stale")
    p.add_argument("--out", type=Path, default=DOCS_PATH, help="where the docs go")
    args = p.parse_args(argv)
    if args.docs:
        text = config_docs()
        if args.check:
            stale = not args.out.exists() or args.out.read_text() != text
            print(f"{args.out}: {'stale, run make config-docs' if stale else 'up to date'}")
            return int(stale)
        from trigml.files import atomic_path

        with atomic_path(args.out) as tmp:
            tmp.write_text(text)
        print(f"wrote {args.out}")
    if args.files:
        load_config(*args.files)  # layered like --configfile: later files override earlier ones
        print(f"valid: {' + '.join(args.files)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
