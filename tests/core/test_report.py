"""trigml.report: the paper-vs-trigml table with verdicts, the summary's sections, costs per study."""

from __future__ import annotations

import json

import pytest
import yaml
from trigml import report


def _entry(**kw):
    e = {"study": "tracking", "paper": "P", "quantity": "edge efficiency", "value": 0.95, "source": "Sec. 3",
         "better": "higher", "ours": {"file": "t.json", "key": "eff", "interval": "eff_ci"}}  # fmt: skip
    e.update(kw)
    return e


def _rows(tmp_path, content, kinds=None, **kw):
    (tmp_path / "t.json").write_text(json.dumps(content))
    return report.paper_vs_ours(tmp_path, [_entry(**kw)], kinds or {"tracking": "real"})


@pytest.mark.parametrize(
    ("eff", "ci", "better", "verdict"),
    [
        (0.94, [0.93, 0.96], "higher", "agrees within the interval"),
        (0.99, [0.98, 0.995], "higher", "better"),
        (0.80, [0.78, 0.82], "higher", "worse"),
        (0.80, [0.78, 0.82], "lower", "better"),
        (0.99, [0.98, 0.995], "lower", "worse"),
        (0.80, [0.78, 0.82], "none", "differs"),
    ],
)
def test_verdict_from_the_interval(tmp_path, eff, ci, better, verdict):
    (row,) = _rows(tmp_path, {"eff": eff, "eff_ci": ci}, better=better)
    assert row["verdict"] == verdict
    assert row["lo"] == pytest.approx(ci[0]) and row["hi"] == pytest.approx(ci[1])


def test_sr_near_pass_is_a_fail(tmp_path):
    """Issue 19: 'at least 0.9', ours 0.8227 (ratio 0.914) reads like a near-pass: it is worse."""
    (row,) = _rows(tmp_path, {"eff": 0.8227, "eff_ci": [0.81, 0.835]}, value=0.9)
    assert row["verdict"] == "worse"


def test_simulated_data_is_not_comparable_with_the_reason(tmp_path):
    (row,) = _rows(tmp_path, {"eff": 0.5, "eff_ci": [0.4, 0.6]}, {"tracking": "simulated"})
    assert row["verdict"] == "not comparable"
    assert "simulated data" in row["reason"] and "numerically: worse" in row["reason"]
    (row,) = _rows(tmp_path, {"eff": 0.5, "eff_ci": [0.4, 0.6]}, {"tracking": "stand-in (sklearn digits)"})
    assert "stand-in data (sklearn digits)" in row["reason"]
    # a row's own data kind overrides the study's; hardware rows ignore the data kind
    (row,) = _rows(tmp_path, {"eff": 0.5, "eff_ci": [0.4, 0.6]}, {"tracking": "simulated"}, data="real")
    assert row["verdict"] == "worse"
    (row,) = _rows(tmp_path, {"eff": 0.5, "eff_ci": [0.4, 0.6]}, {"tracking": "simulated"}, hardware=True)
    assert row["verdict"] == "worse" and row["data"] == "hardware"
    (row,) = _rows(tmp_path, {"eff": 0.95, "eff_ci": [0.9, 1]}, not_comparable="other pileup")
    assert row["verdict"] == "not comparable" and row["reason"].startswith("other pileup")


def test_std_and_missing_interval(tmp_path):
    (row,) = _rows(tmp_path, {"eff": 0.9, "s": 0.03}, ours={"file": "t.json", "key": "eff", "std": "s"})
    assert (row["lo"], row["hi"], row["verdict"]) == (
        pytest.approx(0.84),
        pytest.approx(0.96),
        "agrees within the interval",
    )
    (row,) = _rows(tmp_path, {"eff": 0.9}, ours={"file": "t.json", "key": "eff"})
    assert row["verdict"] == "worse" and "no interval" in row["reason"]


def test_values_follow_the_json_and_unproduced_rows_collapse(tmp_path):
    entries = [_entry(), _entry(quantity="purity", ours={"file": "absent.json", "key": "p"}),
               _entry(quantity="fake rate", ours={"file": "absent.json", "key": "f"})]  # fmt: skip
    for eff in (0.8123, 0.4321):
        (tmp_path / "t.json").write_text(json.dumps({"eff": eff, "eff_ci": [eff - 0.01, eff + 0.01]}))
        rows = report.paper_vs_ours(tmp_path, entries, {"tracking": "real"})
        md = report.rows_to_markdown(rows)
        assert str(eff) in md and str(eff) in report.rows_to_html(rows)
    assert "0.8123" not in md
    # only filled rows in the table; the others named in one line below it
    assert md.count("| tracking |") == 1 and "…" not in md
    (line,) = [ln for ln in md.splitlines() if "Not filled" in ln]
    assert (
        line
        == "Not filled by this config (2 published numbers). Not run in this config — P: purity; fake rate."
    )
    html = report.rows_to_html(rows)
    assert "<iframe" not in html and "data-verdict='not run'" not in html and "fake rate" in html


def test_unfilled_rows_are_grouped_by_why_and_paper():
    rows = [{"verdict": "not run", "paper": p, "quantity": q, "note": n} for p, q, n in [
        ("Pol", "MNIST baseline, teacher AUC", report.NOT_PRODUCED),
        ("Pol", "MNIST baseline, A AUC", "not run in this config (datasets.mnist absent)"),
        ("Pol", "Fashion-MNIST baseline, G AUC", "not run in this config (datasets.fashion_mnist absent)"),
        ("Tsoi", "lowest SR latency [ns]", "not measured: vitis_hls not found"),
    ]] + [{"verdict": "worse", "paper": "X", "quantity": "filled", "note": ""}]  # fmt: skip
    assert report.unfilled_line(rows) == (
        "Not filled by this config (4 published numbers). Not run in this config — Pol: MNIST baseline, "
        "teacher/A AUC; Fashion-MNIST baseline, G AUC. Not measured (vitis_hls not found) — Tsoi: "
        "lowest SR latency [ns]."
    )
    assert report.unfilled_line(rows[-1:]) == ""
    assert report.compact_quantities(["a, x (ours: k, 1)", "a, y (ours: k, 1)", "b"]) == [
        "a, x/y (ours: k, 1)",
        "b",
    ]
    assert report.compact_quantities(["p, pT > 1 GeV", "p, pT > 2 GeV"]) == ["p, pT > 1/pT > 2 GeV"]


def test_ratio_of_two_measured_numbers(tmp_path):
    """Tsoi's '13-fold' is NN latency over SR latency: ``over`` divides ours by a second number."""
    (tmp_path / "sr.json").write_text(json.dumps({"latency_ns": 10.0}))
    ours = {"file": "t.json", "key": "latency_ns", "over": {"file": "sr.json", "key": "latency_ns"}}
    (row,) = _rows(tmp_path, {"latency_ns": 40.0}, ours=ours, value=13, hardware=True)
    assert row["ours"] == pytest.approx(4.0) and row["verdict"] == "worse"
    (tmp_path / "sr.json").write_text(json.dumps({"latency_ns": None, "reason": "yosys absent"}))
    (row,) = _rows(tmp_path, {"latency_ns": 40.0}, ours=ours, value=13, hardware=True)
    assert row["verdict"] == "not run" and row["note"] == "not measured: yosys absent"
    with pytest.raises(ValueError, match="'over'"):
        report._check_entry("v.yaml", 0, _entry(ours={**ours, "over": {"file": "sr.json"}}))


def test_reason_is_found_beside_a_nested_empty_value(tmp_path):
    content = {"synthesis": [{"latency_ns": None, "reason": "vitis_hls not found"}]}
    (row,) = _rows(tmp_path, content, ours={"file": "t.json", "key": "synthesis.0.latency_ns"})
    assert row["note"] == "not measured: vitis_hls not found"


def test_hardware_record_without_synthesis_says_why(tmp_path):
    (tmp_path / "hw.json").write_text(json.dumps({"luts": None, "reason": "vivado not on PATH"}))
    (row,) = report.paper_vs_ours(
        tmp_path, [_entry(quantity="LUTs", better="lower", hardware=True, ours={"file": "hw.json", "key": "luts"})],
        {"tracking": "simulated"},
    )  # fmt: skip
    assert row["verdict"] == "not run" and row["note"] == "not measured: vivado not on PATH"


def test_bad_entries_are_named(tmp_path):
    f = tmp_path / "v.yaml"
    for bad, msg in [({"source": " "}, "empty source"), ({"better": "up"}, "better must be"),
                     ({"study": "jets"}, "study 'jets'"), ({"data": "simulation"}, "data must be"),
                     ({"colour": 1}, "unknown key"), ({"ours": {"file": "a"}}, "'file' and 'key'")]:  # fmt: skip
        f.write_text(yaml.safe_dump([_entry(**bad)]))
        with pytest.raises(ValueError, match=msg):
            report.load_paper_values(f)


def test_the_repository_paper_values_load(repo):
    entries = report.load_paper_values(repo / "workflow/resources/paper_values.yaml")
    assert entries and all(len(e["source"]) > 10 for e in entries)


def test_every_seed_paper_has_rows(repo):
    entries = report.load_paper_values(repo / "workflow/resources/paper_values.yaml")
    papers = " ".join(e["paper"] for e in entries)
    for author in ("DeZoort", "Tsoi", "Pol", "Govorkova", "Gerlach", "LogicNets"):
        assert author in papers, author


def test_pol_constants_in_the_code_are_paper_values_rows(repo):
    """Every AUC of trigml.anomaly_kd.published (drawn in the figures) is a row of paper_values.yaml."""
    from trigml.anomaly_kd import published

    entries = report.load_paper_values(repo / "workflow/resources/paper_values.yaml")
    rows = {(e["ours"]["key"].split(".")[1], e["ours"]["key"].split(".")[3], e["ours"]["key"].split(".")[5]):
            e["value"] for e in entries if e["study"] == "anomaly_kd" and e["ours"]["key"].endswith("auc_mean")}  # fmt: skip
    for dataset, techniques in published.AUC.items():
        for technique, models in techniques.items():
            for model, auc in models.items():
                assert rows[(dataset, technique, model)] == auc, (dataset, technique, model)


def test_lookup_paths():
    assert report.lookup({"a": {"b": [1, 2]}}, "a.b.1") == 2
    with pytest.raises(KeyError, match="'c'"):
        report.lookup({"a": {}}, "a.c")


def test_required_setting_absent_is_reported_not_run(tmp_path):
    (tmp_path / "kd.json").write_text(json.dumps({"datasets": {"digits": {"auc": 0.9}}}))
    entries = [
        _entry(study="anomaly_kd", ours={"file": "kd.json", "key": "datasets.mnist.auc", "requires": "datasets.mnist"}),
        _entry(study="anomaly_kd", ours={"file": "kd.json", "key": "datasets.digits.auc", "requires": "datasets.digits"}),
    ]  # fmt: skip
    mnist, digits = report.paper_vs_ours(tmp_path, entries, {"anomaly_kd": "stand-in"})
    assert mnist["ours"] is None and "not run in this config" in mnist["note"]
    assert digits["ours"] == pytest.approx(0.9)


def test_study_costs_from_benchmark_files(tmp_path):
    b = tmp_path / "benchmarks" / "tracking"
    (b / "train_in").mkdir(parents=True)
    head = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"
    (b / "train_in" / "pt2.0.tsv").write_text(head + "12.5\t0:00:12\t100\t1\t1\t1\t0\t0\t90\t11.0\n")
    (b / "build_graphs.tsv").write_text(head + "2.0\t0:00:02\t100\t1\t1\t1\t0\t0\t90\t1.5\n")
    (tmp_path / "tracking").mkdir()
    (tmp_path / "tracking" / "x.bin").write_bytes(b"\0" * 2_000_000)
    (c,) = report.study_costs(tmp_path, ["tracking"])
    assert c == {"study": "tracking", "wall_s": 14.5, "cpu_s": 12.5, "rules_benchmarked": 2,
                 "slowest_rule": "train_in", "slowest_rule_s": 12.5, "disk_mb": 2.0}  # fmt: skip
    assert "`train_in` (12.5)" in report.costs_markdown([c])


def test_categories_in_dag_order():
    assert list(report.CATEGORIES.values()) == sorted(report.CATEGORIES.values())
    assert report.OVERVIEW_CATEGORY < report.CATEGORIES["data"] < report.CROSS_STUDY_CATEGORY


def test_summary_sections_hold_hardware_and_stay_short(tmp_path):
    from trigml.hardware import schema

    for i in range(15):
        rec = schema.not_synthesized(backend="rtl", part="xc7", clock_ns=5.0, reason="yosys absent")
        d = tmp_path / "logic_warp" / "hardware" / f"net{i:02d}"
        d.mkdir(parents=True)
        schema.write(d / "hardware.json", rec)
    md = report.build_summary(tmp_path, ["logic_warp"], [], {"logic_warp": "simulated"}, "T")
    assert "| net00 | rtl |" in md and "no: yosys absent" in md
    assert "3 more designs" in md and "net14" not in md
    assert len(md.splitlines()) < 40


def test_summary_of_every_study_stays_under_300_lines(tmp_path, repo):
    """Worst case: every published number produced, 15 designs and 30 figures per study."""
    from trigml.hardware import schema

    entries = report.load_paper_values(repo / "workflow/resources/paper_values.yaml")
    rows = report.paper_vs_ours(tmp_path, entries, dict.fromkeys(report.STUDY_ORDER, "real"))
    for r in rows:
        r.update(ours=1.0, lo=0.9, hi=1.1, interval_given=True, verdict="worse", reason="")
    for study in report.STUDY_ORDER:
        for i in range(15):
            d = tmp_path / study / "hardware" / f"d{i:02d}"
            d.mkdir(parents=True)
            schema.write(
                d / "hardware.json", schema.not_synthesized(backend="rtl", part="p", clock_ns=5.0, reason="r")
            )
        for i in range(30):
            (tmp_path / study / f"f{i:02d}.png").write_bytes(b"")
    md = report.build_summary(tmp_path, list(report.STUDY_ORDER), rows, {}, "T")
    assert len(md.splitlines()) <= 300 - 40  # leaves room for the exports table and provenance
