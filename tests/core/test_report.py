"""results/summary.md is built from the studies' JSON only."""

from __future__ import annotations

import json

import pytest
from trigml.report import summarize


def test_summary_reads_values_from_json(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "validation.json").write_text(
        json.dumps({"n_particles": 12263, "ks": {"pt": 0.031}})
    )
    md, data = summarize(tmp_path, ["data", "tracking"], "T")
    assert "| n_particles | 12263 |" in md
    assert "| ks.pt | 0.031 |" in md
    assert data["data"]["data/validation.json"]["n_particles"] == 12263
    assert "## tracking" in md and "_no JSON outputs found_" in md
    # change one value: the summary follows
    (tmp_path / "data" / "validation.json").write_text(json.dumps({"n_particles": 999}))
    md2, _ = summarize(tmp_path, ["data"], "T")
    assert "| n_particles | 999 |" in md2 and "12263" not in md2


def test_summary_names_a_broken_json(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.json").write_text("{not json")
    with pytest.raises(ValueError, match="broken.json"):
        summarize(tmp_path, ["data"], "T")
