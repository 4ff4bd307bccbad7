"""The study's scripts as command lines on tiny inputs: designs, figures, collection of results."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tfpga_helpers import toy_graph_file
from tracking_fpga import build_sector_designs, collect_results, plot_figure


@pytest.fixture(scope="module")
def designs(tmp_path_factory):
    d = tmp_path_factory.mktemp("designs")
    graphs = [d / "event000001005.npz", d / "event000001006.npz"]
    for k, g in enumerate(graphs):
        toy_graph_file(g, seed=10 + k, n_particles=50)
    build_sector_designs.main(
        ["--graphs", *map(str, graphs), "--events", "1005", "1006", "--designs", "[[12, 16], [40, 80]]",
         "--design-files", str(d / "n12e16.npz"), str(d / "n40e80.npz"), "--summary", str(d / "designs.json"),
         "--sectors", '{"n_phi": 4, "n_eta": 1, "eta_range": [-4, 4], "edge_policy": "cut", "local_phi": true}',
         "--log", str(d / "log.txt")]
    )  # fmt: skip
    return d


def test_build_designs_script(designs):
    s = json.loads((designs / "designs.json").read_text())
    assert s["events"] == [1005, 1006]
    assert s["sectors"] == {"n_phi": 4, "n_eta": 1, "eta_range": [-4.0, 4.0], "edge_policy": "cut", "local_phi": True}
    assert set(s["designs"]) == {"n12e16", "n40e80"}
    with np.load(designs / "n12e16.npz") as f:
        assert f["x"].shape == (8, 12, 3)  # 2 events x 4 sectors
        assert f["event"].tolist() == [1005] * 4 + [1006] * 4
        real = f["x"][:, :, 0] > 0  # padded nodes are zero
        assert np.abs(f["x"][:, :, 1][real]).max() <= 1  # phi local to the sector: phi / (pi/4) for 4 sectors


def test_plot_designs_and_twin(designs, tmp_path):
    png = tmp_path / "designs.png"
    plot_figure.main(["--figure", "designs", "--inputs", str(designs / "designs.json"), "--png", str(png)])
    assert png.stat().st_size > 1000
    twin = json.loads(png.with_suffix(".json").read_text())
    s = json.loads((designs / "designs.json").read_text())
    assert twin["fraction_edges_lost"] == [s["designs"][n]["fraction_edges_lost"] for n in twin["designs"]]


def test_collect_and_figures_from_results(tmp_path):
    rows = []
    for n, e, auc in ((28, 56, 0.9), (113, 196, 0.95)):
        p = tmp_path / f"c{n}.json"
        p.write_text(json.dumps({"n_nodes": n, "n_edges": e, "style": "pipeline", "precision": "ap_fixed<16,6>",
                                 "auc_torch": {"value": auc, "lo": auc - 0.01, "hi": auc + 0.01},
                                 "auc_hls": {"value": auc - 0.001, "lo": auc - 0.011, "hi": auc + 0.009}, "max_abs_diff": 0.01,
                                 "csim_graphs_per_s": 100.0, "torch_graphs_per_s": 500.0}))  # fmt: skip
        rows.append(str(p))
    collect_results.main(["--results", *rows, "--out", str(tmp_path / "csim.json")])
    data = json.loads((tmp_path / "csim.json").read_text())
    assert [r["n_nodes"] for r in data["results"]] == [28, 113]
    plot_figure.main(
        ["--figure", "csim", "--inputs", str(tmp_path / "csim.json"), "--png", str(tmp_path / "c.png")]
    )
    assert json.loads((tmp_path / "c.json").read_text())["auc_hls"][1] == {"value": 0.949, "lo": 0.939, "hi": 0.959}
    (tmp_path / "ocl.json").write_text(
        json.dumps({"available": False, "reason": "no platform", "results": []})
    )
    plot_figure.main(["--figure", "throughput", "--inputs", str(tmp_path / "ocl.json"), str(tmp_path / "csim.json"),
                      "--png", str(tmp_path / "t.png")])  # fmt: skip
    assert json.loads((tmp_path / "t.json").read_text())["torch"] == {"56": 500.0, "196": 500.0}
    with pytest.raises(FileNotFoundError, match="nope.json"):
        collect_results.main(["--results", str(tmp_path / "nope.json"), "--out", str(tmp_path / "x.json")])


def test_figure_twins_do_not_overwrite_results():
    from pathlib import Path

    from trigml import patterns

    pngs = [patterns.tracking_fpga.designs_png(), patterns.tracking_fpga.csim_png(), patterns.tracking_fpga.precision_scan_png(), patterns.tracking_fpga.synth_png(),
            patterns.tracking_fpga.throughput_png()]  # fmt: skip
    results = {patterns.tracking_fpga.designs_json(), patterns.tracking_fpga.csim_summary_json(), patterns.tracking_fpga.precision_scan_json(),
               patterns.tracking_fpga.synth_summary_json(), patterns.tracking_fpga.opencl_json()}  # fmt: skip
    assert not {str(Path(p).with_suffix(".json")) for p in pngs} & results
