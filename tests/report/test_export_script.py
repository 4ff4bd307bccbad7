"""scripts/export/export_onnx.py as a CLI: a study's networks are found, exported and checked."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from export.export_onnx import main


def _netlist(rng):
    inputs = [rng.integers(0, 6, size=(8, 2)), rng.integers(0, 8, size=(4, 2))]
    tables = [rng.random((8, 4)) < 0.5, rng.random((4, 4)) < 0.5]
    return {"n_inputs": 6, "n_classes": 2, "inputs": inputs, "tables": tables, "thresholds": None, "fixed": (8, 4),
            "meta": {}}  # fmt: skip


def test_logic_networks_exported_and_checked(tmp_path):
    from trigml.logic_warp.netlist import FixedPoint, Layer, Netlist

    rng = np.random.default_rng(0)
    d = _netlist(rng)
    net = Netlist(n_inputs=6, layers=[Layer(np.asarray(i), np.asarray(t)) for i, t in zip(d["inputs"], d["tables"])],
                  n_classes=2, fixed=FixedPoint(8, 4))  # fmt: skip
    x = rng.integers(0, 2, size=(20, 6))
    train = tmp_path / "results" / "logic_warp" / "boolean" / "train"
    train.mkdir(parents=True)
    torch.save(
        {"warp4": {"parity4": {"netlist": d, "x": x, "torch_counts": net.class_counts(x)}}},
        train / "networks.pt",
    )
    index = tmp_path / "results" / "export" / "logic_warp.json"
    main(["--results", str(tmp_path / "results"), "--study", "logic_warp",
          "--models", str(tmp_path / "results" / "logic_warp" / "onnx"), "--index", str(index)])  # fmt: skip
    rec = json.loads(index.read_text())
    assert [m["model"] for m in rec["models"]] == ["boolean_networks_warp4_parity4"]
    assert rec["max_abs_diff"] == 0.0 and rec["models"][0]["n_checked"] == 20
    assert (tmp_path / "results" / "logic_warp" / "onnx" / "boolean_networks_warp4_parity4.onnx").exists()


def test_a_wrong_network_is_reported_not_hidden(tmp_path):
    rng = np.random.default_rng(1)
    d = _netlist(rng)
    x = rng.integers(0, 2, size=(10, 6))
    train = tmp_path / "logic_warp" / "boolean" / "train"
    train.mkdir(parents=True)
    torch.save(
        {"warp4": {"f": {"netlist": d, "x": x, "torch_counts": np.zeros((10, 2)) + 99}}},
        train / "networks.pt",
    )
    with pytest.raises(
        ValueError, match=r"disagrees with the framework for boolean_networks_warp4_f \(max \|Δ\| 99"
    ):
        main(["--results", str(tmp_path), "--study", "logic_warp", "--models", str(tmp_path / "onnx"),
              "--index", str(tmp_path / "i.json")])  # fmt: skip


def test_unknown_study_is_named(tmp_path):
    with pytest.raises(ValueError, match="no exporter for study 'data'"):
        main(
            [
                "--results",
                str(tmp_path),
                "--study",
                "data",
                "--models",
                str(tmp_path / "o"),
                "--index",
                str(tmp_path / "i.json"),
            ]
        )
