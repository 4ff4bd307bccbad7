"""Config validation against the JSON schemas in ``workflow/schemas``.

The top-level schema (``config.schema.yaml``) declares every block; each study block is described
in its own schema file (``<block>.schema.yaml``) so that a study's keys live next to each other.
Validation fills defaults (the schemas are the single source of defaults) and reports every
problem with the dotted path of the offending key, e.g. ``tracking.graphs.phi_slope_max``.
"""

from __future__ import annotations

import copy
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
    return config


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
