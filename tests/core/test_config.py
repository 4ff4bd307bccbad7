"""Config validation: defaults from the schema, unknown keys and bad values named by their path."""

from __future__ import annotations

import copy

import pytest
import yaml
from trigml.config import ConfigError, deep_update, load_config, validate_config


def test_defaults_filled_from_schema():
    cfg = validate_config({})
    assert cfg["seed"] == 20211
    assert cfg["data"]["trackml"]["source"] == "simulate"
    assert cfg["data"]["trackml"]["validation"]["mu"] == 200
    assert set(cfg["studies"]) >= {"data", "tracking", "jets_sr"}


def test_shipped_configs_are_valid(repo):
    for name in ("config.yaml", "paper.yaml"):
        cfg = load_config(repo / "config" / name)
        assert cfg["studies"], name
    paper = load_config(repo / "config" / "paper.yaml")
    assert paper["data"]["trackml"]["source"] == "download"
    assert paper["data"]["trackml"]["validation"]["mu"] == 200


def test_unknown_top_level_key_is_named():
    with pytest.raises(ConfigError, match="unknown config key 'sede'"):
        validate_config({"sede": 3})


def test_unknown_nested_key_is_named_with_its_path():
    with pytest.raises(ConfigError, match=r"unknown config key 'data\.trackml\.sorce'"):
        validate_config({"data": {"trackml": {"sorce": "simulate"}}})


def test_bad_value_is_named():
    with pytest.raises(ConfigError, match=r"config key 'data\.trackml\.source'"):
        validate_config({"data": {"trackml": {"source": "ftp"}}})
    with pytest.raises(ConfigError, match=r"config key 'seed'"):
        validate_config({"seed": -1})
    with pytest.raises(ConfigError, match=r"studies\.0"):
        validate_config({"studies": ["trackingg"]})


def test_every_problem_reported_at_once():
    with pytest.raises(ConfigError) as err:
        validate_config({"seed": "x", "sede": 1})
    assert "seed" in str(err.value) and "sede" in str(err.value)


def test_deep_update_merges_like_snakemake():
    base = {"a": {"b": 1, "c": 2}, "d": [1, 2]}
    out = deep_update(base, {"a": {"b": 5}, "d": [3]})
    assert out == {"a": {"b": 5, "c": 2}, "d": [3]}
    assert base == {"a": {"b": 1, "c": 2}, "d": [1, 2]}


def test_load_config_rejects_non_mapping(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="bad.yaml"):
        load_config(f)


def test_every_schema_key_has_description_and_default(repo):
    """The schema is the single source of defaults: each key documents itself."""

    def walk(schema, path):
        for key, sub in schema.get("properties", {}).items():
            here = f"{path}.{key}" if path else key
            assert "description" in sub or sub.get("type") == "object", f"{here}: no description"
            assert "default" in sub, f"{here}: no default"
            if sub.get("type") == "object":
                walk(sub, here)

    for f in sorted((repo / "workflow" / "schemas").glob("*.schema.yaml")):
        walk(yaml.safe_load(f.read_text()), f.stem.replace(".schema", ""))


def test_validate_does_not_drop_user_values():
    user = {"data": {"trackml": {"events": [5, 6]}}}
    cfg = validate_config(copy.deepcopy(user))
    assert cfg["data"]["trackml"]["events"] == [5, 6]


# --- cross-key checks -------------------------------------------------------------------------


def test_local_trackml_source_needs_its_folder():
    with pytest.raises(ConfigError, match=r"data\.trackml\.local_dir is not set"):
        validate_config({"data": {"trackml": {"source": "local"}}})


def test_cross_key_checks_are_all_reported_together(repo):
    from trigml.config import cross_key_check

    cfg = load_config(repo / "config" / "config.yaml")
    cfg["data"]["trackml"]["source"] = "local"
    with pytest.raises(ConfigError) as err:
        cross_key_check(cfg, ("trigml.config:check_shared", f"{__name__}:_always_wrong"))
    text = str(err.value)
    assert "data.trackml.local_dir" in text and "report.title contradicts seed" in text


def _always_wrong(config):
    raise ValueError("report.title contradicts seed")


def test_every_cross_key_check_exists():
    import importlib

    from trigml.config import CROSS_KEY_CHECKS

    for spec in CROSS_KEY_CHECKS:
        module, _, function = spec.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), spec


# --- config/README.md is generated from the schemas ------------------------------------------


def test_config_readme_is_generated_from_the_current_schemas(repo):
    from trigml.config import config_docs

    readme = (repo / "config" / "README.md").read_text()
    assert readme == config_docs(), "config/README.md is stale: run `make config-docs`"


def test_config_docs_list_every_key_with_its_default(tmp_path, repo):
    import shutil

    from trigml.config import config_docs, main

    schemas = tmp_path / "schemas"
    shutil.copytree(repo / "workflow" / "schemas", schemas)
    text = config_docs(schemas)
    assert "| `seed` | integer | `20211` |" in text
    assert '| `data.trackml.source` | string: `simulate`, `download`, `local` | `"simulate"` |' in text
    out = tmp_path / "README.md"
    assert main(["--docs", "--out", str(out)]) == 0 and out.read_text() == config_docs()
    assert main(["--docs", "--check", "--out", str(out)]) == 0
    out.write_text(out.read_text() + "hand edit\n")
    assert main(["--docs", "--check", "--out", str(out)]) == 1
