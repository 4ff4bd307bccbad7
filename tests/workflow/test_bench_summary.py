"""benchmarks/summary.py: every speed target side by side (results/bench/summary.json) and the README table."""

from __future__ import annotations

import json

import pytest

from benchmarks import summary

pytestmark = pytest.mark.unit


def _write(path, doc):
    path.write_text(json.dumps(doc))


@pytest.fixture
def bench(tmp_path):
    _write(tmp_path / "trackml_score.json", {"speedup": 25.0, "identical": True})
    # a fast build whose edges differ does not count; keys may hold dots ("pt0.5")
    _write(tmp_path / "tracking_graphs.json", {"speedup_pt1": 150.0, "speedup_pt0.5": 120.0, "identical": False,
                                               "speedup_event_path_pt1": 60.0})  # fmt: skip
    _write(tmp_path / "simulation.json", {"s_per_event": 1.4, "identical": True})
    _write(tmp_path / "dag.json", {"summary": {"run_wall_min": 18.5, "noop_rerun_s": 4.2}})
    _write(tmp_path / "training.json", {"models": {"jets_nn": {"speedup_2_threads": 1.5, "points": {
        "1": {"rate": 1000.0, "unit": "jets/s"}, "2": {"rate": 1500.0, "unit": "jets/s"}}}}})  # fmt: skip
    return tmp_path


def test_each_target_is_judged_with_its_identical_check(bench):
    rows = {r["source"]: r for r in summary.summarize(bench)["targets"]}
    assert rows["trackml_score.json:speedup"]["met"] is True
    assert rows["tracking_graphs.json:speedup_pt1"]["value"] == 150.0
    assert rows["tracking_graphs.json:speedup_pt1"]["met"] is False  # identical: false
    assert rows["tracking_graphs.json:speedup_pt0.5"]["value"] == 120.0
    assert rows["simulation.json:s_per_event"]["met"] is False  # 1.4 s > 1 s
    assert rows["dag.json:summary.run_wall_min"]["met"] is True
    assert rows["dag.json:summary.noop_rerun_s"]["value"] == 4.2
    assert rows["tracking_graphs.json:speedup_event_path_pt0.5"]["met"] is None  # not measured


def test_summary_json_and_readme_table(bench, tmp_path):
    path = summary.write(bench)
    doc = json.loads(path.read_text())
    assert doc["all_met"] is False
    assert doc["training_throughput"]["jets_nn"] == {"1": 1000.0, "2": 1500.0, "unit": "jets/s",
                                                     "speedup_2_threads": 1.5}  # fmt: skip
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{summary.BEGIN}\nold table\n{summary.END}\n\nrest\n")
    summary.update_readme(readme, summary.markdown(doc))
    text = readme.read_text()
    assert "old table" not in text and text.endswith(f"{summary.END}\n\nrest\n")
    assert "| simulation, CPU s per mu = 200 event | 1.4 s | <= 1 s | **no** |" in text


def test_readme_without_markers_is_refused(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n")
    with pytest.raises(ValueError, match="bench:begin"):
        summary.update_readme(readme, "| t |\n")
    assert readme.read_text() == "# no markers\n"
