"""scripts/report/summarize_results.py and study_costs.py as CLIs: the table is filled from the studies'
JSON only, every paper row has a verdict, the summary stays short, the landing page is styled HTML."""

import json

import pytest
import yaml
from report.study_costs import main as costs_main
from report.summarize_results import main

PAPER_VALUES = [
    {"study": "tracking", "paper": "DeZoort et al. 2021", "quantity": "edge efficiency, 2 GeV", "value": 0.987,
     "better": "higher", "source": "Sec. 3", "ours": {"file": "tracking/graphs/pt2.0/summary.json",
     "key": "edge_efficiency", "lo": "ci.lo", "hi": "ci.hi"}},
    {"study": "tracking", "paper": "DeZoort et al. 2021", "quantity": "edge purity, 2 GeV", "value": 0.198,
     "better": "higher", "source": "Sec. 3", "ours": {"file": "tracking/graphs/pt2.0/summary.json", "key": "edge_purity"}},
    {"study": "tracking", "paper": "DeZoort et al. 2021", "quantity": "edge purity, 1 GeV", "value": 0.043,
     "better": "higher", "source": "Sec. 3", "ours": {"file": "tracking/graphs/pt1.0/summary.json", "key": "edge_purity"}},
    {"study": "tracking", "paper": "DeZoort et al. 2021", "quantity": "edges, 1 GeV", "value": 99000,
     "better": "none", "source": "Sec. 3", "ours": {"file": "tracking/graphs/pt1.0/summary.json", "key": "mean_edges"}},
    {"study": "jets_sr", "paper": "Tsoi et al. 2023", "quantity": "SR accuracy", "value": 0.723, "better": "higher",
     "source": "Sec. 4", "ours": {"file": "jets_sr/summary.json", "key": "sr.best.accuracy"}},
    {"study": "anomaly_kd", "paper": "Pol et al. 2023", "quantity": "MNIST teacher AUC", "value": 0.948,
     "better": "higher", "data": "real", "source": "Table 1", "ours": {"file": "anomaly_kd/metrics.json",
     "key": "datasets.mnist.auc", "requires": "datasets.mnist"}},
]  # fmt: skip


def _run(tmp_path, repo, values, studies=("tracking",)):
    res = tmp_path / "results"
    (res / "tracking/graphs/pt2.0").mkdir(parents=True, exist_ok=True)
    (res / "tracking/graphs/pt2.0/summary.json").write_text(json.dumps(values))
    paper_values = tmp_path / "paper_values.yaml"
    paper_values.write_text(yaml.safe_dump(PAPER_VALUES))
    out = {k: tmp_path / f"out.{k}" for k in ("md", "json", "table", "prov")}
    kinds = {"tracking": "simulated", "jets_sr": "simulated", "anomaly_kd": "stand-in (sklearn digits)"}
    main(
        ["--results", str(res), "--studies", *studies, "--title", "T", "--paper-values", str(paper_values),
         "--data-kinds", json.dumps(kinds), "--config", '{"seed": 1}', "--configfiles", str(repo / "config/config.yaml"),
         "--repo", str(repo), "--md", str(out["md"]), "--json", str(out["json"]),
         "--table", str(out["table"]), "--provenance", str(out["prov"])],
    )  # fmt: skip
    return {k: p.read_text() for k, p in out.items()}


def _values(eff):
    return {"edge_efficiency": eff, "ci": {"lo": eff - 0.01, "hi": eff + 0.01}, "edge_purity": 0.25}


def test_table_cells_come_from_json(tmp_path, repo):
    first = _run(tmp_path, repo, _values(0.8123))
    assert "0.8123" in first["table"] and "0.8123" in first["md"]
    assert "0.987" in first["table"]  # the paper's value beside it
    again = _run(tmp_path, repo, _values(0.4321))
    assert "0.4321" in again["table"] and "0.8123" not in again["table"]
    rows = json.loads(again["json"])["paper_vs_trigml"]
    eff = next(r for r in rows if r["key"] == "edge_efficiency")
    assert eff["ours"] == pytest.approx(0.4321) and eff["data"] == "simulated"
    assert eff["verdict"] == "not comparable" and "simulated data" in eff["reason"]
    # a value the run did not produce is shown as such, never invented, and collapses to one line
    missing = next(r for r in rows if r["file"].startswith("tracking/graphs/pt1.0"))
    assert missing["ours"] is None and "not produced" in missing["note"]
    assert "| tracking | … |" not in again["md"] and again["md"].count("Not filled by this config (2 ") == 1
    assert "DeZoort et al. 2021: edge purity, 1 GeV; edges, 1 GeV." in again["md"]
    assert "config sha256" in again["prov"] and "`" not in again["prov"]  # HTML, no raw backticks
    assert "## tracking" in again["md"] and "## Provenance" in again["md"]


def test_every_row_has_a_verdict_and_the_summary_is_short(tmp_path, repo):
    out = _run(tmp_path, repo, _values(0.9), studies=("tracking", "jets_sr", "anomaly_kd"))
    rows = json.loads(out["json"])["paper_vs_trigml"]
    assert rows and all(r["verdict"] for r in rows)
    assert len(out["md"].splitlines()) <= 300
    assert "<table" in out["table"] and "<iframe" not in out["table"] and "style=" in out["table"]


def test_wrong_key_names_the_file(tmp_path, repo):
    with pytest.raises(ValueError, match="summary.json"):
        _run(tmp_path, repo, {"efficiency": 0.9})


def test_costs_cli_prints_and_writes(tmp_path, capsys):
    b = tmp_path / "benchmarks" / "data"
    b.mkdir(parents=True)
    (b / "simulate_trackml.tsv").write_text("s\tcpu_time\n3.0\t2.5\n")
    costs_main(["--results", str(tmp_path), "--studies", "data"])
    assert "`simulate_trackml` (3.0)" in capsys.readouterr().out
    costs_main(["--results", str(tmp_path), "--studies", "data", "--md", str(tmp_path / "c.md"),
                "--json", str(tmp_path / "c.json"), "--html", str(tmp_path / "c.html")])  # fmt: skip
    assert json.loads((tmp_path / "c.json").read_text())["studies"][0]["cpu_s"] == 2.5
    assert (
        "<table" in (tmp_path / "c.html").read_text()
        and "simulate_trackml" in (tmp_path / "c.md").read_text()
    )
