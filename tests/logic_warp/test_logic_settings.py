"""Typed settings from the validated config and the cross-key checks of the logic_warp block."""

from __future__ import annotations

import copy

import pytest
from trigml.config import ConfigError, load_config
from trigml.logic_warp import settings as S


@pytest.fixture(scope="module")
def default_config(repo):
    return load_config(repo / "config" / "config.yaml")


def test_models_take_the_shared_training_tricks_unless_they_say_otherwise(default_config):
    lw = copy.deepcopy(default_config["logic_warp"])
    specs = S.model_specs(lw["models"], lw["training"])
    assert [(s.name, s.method, s.lut_rank) for s in specs] == [
        ("difflogic", "difflogic", 2), ("warp2", "warp", 2), ("warp4", "warp", 4), ("warp6", "warp", 6),
    ]  # fmt: skip
    # the same smoothing and initialisation for both methods (issue 16): from `training`
    assert {s.sampling for s in specs} == {"gumbel_soft"} and {s.init for s in specs} == {"residual"}
    lw["models"][0]["sampling"] = "soft"
    assert S.model_specs(lw["models"], lw["training"])[0].sampling == "soft"


def test_task_settings_resolve_the_learning_rate(default_config):
    lw = default_config["logic_warp"]
    jets = S.classifier_task(lw["jets"], lw["training"])
    assert jets.lr == lw["training"]["lr"] and jets.sizes == (("s", (100, 100)),)
    assert jets.encoding.learnable and jets.val_fraction == 0.2
    boolean = S.boolean_task(lw["boolean"], lw["training"])
    assert boolean.lr == 0.1 and boolean.functions[0] == ("random6", "random", 6, 0)


def test_ablation_variants_switch_off_one_trick_each(default_config):
    lw = default_config["logic_warp"]
    spec = S.model_specs(lw["models"], lw["training"])[1]
    enc = S.classifier_task(lw["jets"], lw["training"]).encoding
    s, e = S.ablation_variant(spec, enc, "residual_init")
    assert s.init == "random" and e == enc
    s, e = S.ablation_variant(spec, enc, "learnable_thresholds")
    assert s == spec and not e.learnable and e.noise == enc.noise
    s, e = S.ablation_variant(spec, enc, "smoothing")
    assert s.sampling == "soft" and not e.noise and e.learnable
    with pytest.raises(ValueError, match="switch"):
        S.ablation_variant(spec, enc, "dropout")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda lw: lw["models"].append(dict(lw["models"][0])), "unique"),
        (lambda lw: lw["models"][0].update(lut_rank=4), "difflogic nodes are 2-input"),
        (lambda lw: lw["ablation"].update(model="warp9"), "ablation.model"),
        (lambda lw: lw["ablation"].update(network="xl"), "ablation.network"),
        (lambda lw: lw.update(tasks=["boolean", "digits"]), "ablation.task"),
        (lambda lw: lw["jets"]["sizes"][0].update(widths=[100, 12]), "multiple of the 5 classes"),
        (lambda lw: lw["jets"]["sizes"][0].update(widths=[20, 100]), "cannot read all 64 inputs"),
        (lambda lw: lw["boolean"]["functions"].append({"kind": "parity", "n": 3}), "parity3"),
    ],
)
def test_cross_key_errors_name_the_key(default_config, edit, message):
    config = copy.deepcopy(default_config)
    edit(config["logic_warp"])
    with pytest.raises(ConfigError, match=message):
        S.check_config(config)


def test_the_default_and_paper_configs_pass(repo):
    for name in ("config.yaml", "paper.yaml"):
        S.check_config(load_config(repo / "config" / name))
