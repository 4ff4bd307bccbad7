"""The summary script: the paper-vs-trigml table is filled from the studies' JSON, nothing else."""

import json

import pytest
import yaml
from report.summarize_results import main
from trigml.report import load_paper_values, lookup


def _run(tmp_path, repo, values):
    res = tmp_path / "results"
    (res / "tracking/graphs/pt2.0").mkdir(parents=True, exist_ok=True)
    (res / "tracking/graphs/pt2.0/summary.json").write_text(json.dumps(values))
    out = {k: tmp_path / f"out.{k}" for k in ("md", "json", "table", "prov")}
    main(
        ["--results", str(res), "--studies", "tracking", "--paper-values",
         str(repo / "workflow/resources/paper_values.yaml"), "--data-kinds", '{"tracking": "simulated"}',
         "--repo", str(repo), "--md", str(out["md"]), "--json", str(out["json"]),
         "--table", str(out["table"]), "--provenance", str(out["prov"])],
        config={"seed": 1},
    )  # fmt: skip
    return {k: p.read_text() for k, p in out.items()}


def test_table_cells_come_from_json(tmp_path, repo):
    first = _run(
        tmp_path, repo, {"edge_efficiency": 0.8123, "edge_purity": 0.25, "mean_nodes": 230, "mean_edges": 600}
    )
    assert "0.8123" in first["table"] and "0.8123" in first["md"]
    assert "0.987" in first["table"]  # the paper's value beside it
    again = _run(
        tmp_path, repo, {"edge_efficiency": 0.4321, "edge_purity": 0.25, "mean_nodes": 230, "mean_edges": 600}
    )
    assert "0.4321" in again["table"] and "0.8123" not in again["table"]
    rows = json.loads(again["json"])["paper_vs_trigml"]
    eff = next(r for r in rows if r["key"] == "edge_efficiency")
    assert eff["ours"] == pytest.approx(0.4321)
    assert eff["ratio"] == pytest.approx(0.4321 / 0.987)
    assert eff["data"] == "simulated"
    # a value the run did not produce is shown as such, never invented
    missing = next(r for r in rows if r["file"].startswith("tracking/graphs/pt1.0"))
    assert missing["ours"] is None and "not produced" in missing["note"]
    assert "config sha256" in again["prov"]


def test_wrong_key_names_the_file(tmp_path, repo):
    with pytest.raises(ValueError, match="summary.json"):
        _run(tmp_path, repo, {"efficiency": 0.9})


def test_every_paper_value_has_a_source(repo):
    entries = load_paper_values(repo / "workflow/resources/paper_values.yaml")
    assert entries
    for e in entries:
        assert len(e["source"]) > 10


def test_paper_values_file_is_rejected_without_source(tmp_path):
    f = tmp_path / "v.yaml"
    f.write_text(yaml.safe_dump([{"study": "x", "paper": "p", "quantity": "q", "value": 1, "source": " ",
                                  "ours": {"file": "a.json", "key": "b"}}]))  # fmt: skip
    with pytest.raises(ValueError, match="empty source"):
        load_paper_values(f)


def test_lookup_paths():
    assert lookup({"a": {"b": [1, 2]}}, "a.b.1") == 2
    with pytest.raises(KeyError, match="'c'"):
        lookup({"a": {}}, "a.c")


def test_required_setting_absent_is_reported_not_run(tmp_path):
    from trigml.report import paper_vs_ours

    (tmp_path / "kd.json").write_text(json.dumps({"datasets": {"digits": {"auc": 0.9}}}))
    entries = [
        {"study": "anomaly_kd", "paper": "p", "quantity": "mnist", "value": 0.948, "source": "Table 1",
         "ours": {"file": "kd.json", "key": "datasets.mnist.auc", "requires": "datasets.mnist"}},
        {"study": "anomaly_kd", "paper": "p", "quantity": "digits", "value": 0.948, "source": "Table 1",
         "ours": {"file": "kd.json", "key": "datasets.digits.auc", "requires": "datasets.digits"}},
    ]  # fmt: skip
    mnist, digits = paper_vs_ours(tmp_path, entries, {})
    assert mnist["ours"] is None and "not run in this config" in mnist["note"]
    assert digits["ours"] == pytest.approx(0.9)
