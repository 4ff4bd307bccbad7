"""Trace → Verilog → Verilator (bit-exact) → Yosys for one tiny design of each kind; a wrong
reference fails naming the design; missing tools, failed synthesis and designs over the limits
give synthesized: false with the reason and never a half-written hardware.json."""

import json
from pathlib import Path

import numpy as np
import pytest
from trigml.hardware import rtl, schema
from trigml.hardware.steps import synth_rtl

pytestmark = pytest.mark.unit


def _flow(design, tmp_path, settings):
    prj = tmp_path / design.name / "rtl"
    rtl.write_project(design, prj, settings)
    sim = rtl.simulate(prj, n_checked=settings.n_checked)
    syn = rtl.synthesize(prj, settings)
    record = rtl.hardware_record(prj, sim, syn, settings)
    schema.validate(record)
    return prj, sim, record


@pytest.fixture(scope="module")
def dense_run(tmp_path_factory):
    """The tiny dense design through the whole flow once (Verilator outputs kept for the
    wrong-reference test, which needs no second build)."""
    from hw_tiny import flow_keeping_outputs, make_tiny_dense

    prj = tmp_path_factory.mktemp("dense") / "rtl"
    return prj, *flow_keeping_outputs(make_tiny_dense(), prj)


def test_dense_design_bit_exact_and_synthesised(dense_run):
    _, got, r = dense_run
    assert len(got) == 300 and r["n_checked"] == 300 and r["bit_exact"] and r["mismatches"] == 0
    assert r["synthesized"], r["reason"]
    assert r["luts"] > 0 and r["ffs"] > 0 and r["dsps"] == 0  # constant weights: adder trees, no DSP
    assert r["latency_cycles"] == r["pipeline_stages"] + 1 and r["latency_ns"] == 5.0 * r["latency_cycles"]
    assert r["ii"] == 1 and r["logic_depth"] > 0
    assert r["accuracy_float"] == 1.0 and r["accuracy_fixed"] > 0.8  # labels are the float argmax


def test_sr_design_with_lut_bit_exact(tiny_sr, tmp_path, rtl_settings):
    prj, _, r = _flow(tiny_sr, tmp_path, rtl_settings)
    assert list((prj / "src" / "memfiles").glob("*.mem")), "sin/cos become lookup-table memfiles"
    assert r["bit_exact"] and r["n_checked"] == 200
    assert r["synthesized"] and r["luts"] > 0, r["reason"]


def test_logic_net_bit_exact(tiny_logic, tmp_path, rtl_settings):
    from trigml.hardware.designs.logicnet import logicnet_design

    d = logicnet_design(tiny_logic, "warp_s", study="logic_warp", name="jets_warp_s", pipeline_every=0)
    _, _, r = _flow(d, tmp_path, rtl_settings)
    assert r["bit_exact"] and r["n_checked"] == 150
    assert r["synthesized"] and r["luts"] > 0 and r["ffs"] > 0  # registered input and output, as da4ml's designs
    assert r["pipeline_stages"] == 1 and r["latency_cycles"] == 2 and r["latency_ns"] == 2 * rtl_settings.clock_ns


def test_wrong_reference_names_the_design(dense_run):
    prj, got, _ = dense_run
    with np.load(prj / "reference.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["expected_codes"][7, 1] += 1  # a deliberately wrong software reference for input #7
    np.savez_compressed(prj / "reference.npz", **arrays)
    try:
        with pytest.raises(
            rtl.BitMismatch, match=r"design tiny_dense: 1 of 300 inputs .* first differing input #7"
        ):
            rtl.check_outputs(prj, got)
    finally:
        arrays["expected_codes"][7, 1] -= 1
        np.savez_compressed(prj / "reference.npz", **arrays)


def _sim_json(tmp_path):
    path = tmp_path / "simulation.json"
    path.write_text(json.dumps({"design": "tiny_dense", "n_checked": 300, "mismatches": 0, "bit_exact": True,
                                "metric": "accuracy", "accuracy_float": 1.0, "accuracy_fixed": 0.9,
                                "tool_versions": {"verilator": "5.48.0"}}))  # fmt: skip
    return path


def test_over_the_limit_is_not_synthesised(tiny_dense, tmp_path, rtl_settings):
    import dataclasses

    prj = tmp_path / "rtl"
    rtl.write_project(tiny_dense, prj, rtl_settings)
    small = dataclasses.replace(rtl_settings, max_cost=1.0)
    out = tmp_path / "hardware.json"
    r = synth_rtl(prj, _sim_json(tmp_path), out, settings=_as_config(small))
    assert r["synthesized"] is False and "hardware.limits.max_cost" in r["reason"] and r["luts"] is None
    assert schema.read(out)["reason"] == r["reason"]


def _as_config(s):
    d = s.to_dict()
    return {**{k: d[k] for k in ("part", "yosys_family", "clock_ns", "latency_cutoff", "n_checked")},
            "limits": {"max_cost": d["max_cost"], "synth_timeout_s": d["synth_timeout_s"]}}  # fmt: skip


def test_missing_yosys_and_failed_synthesis(tiny_dense, tmp_path, rtl_settings, monkeypatch):
    import trigml.logic_warp.synth as lw_synth

    prj = tmp_path / "rtl"
    rtl.write_project(tiny_dense, prj, rtl_settings)

    def no_yosys():
        raise lw_synth.YosysNotFound("no Yosys on this machine")

    monkeypatch.setattr(lw_synth, "find_yosys", no_yosys)
    r = rtl.synthesize(prj, rtl_settings)
    assert r == {"synthesized": False, "reason": "Yosys not found: no Yosys on this machine"}
    monkeypatch.undo()
    (prj / "src" / "tiny_dense.v").write_text("module tiny_dense(input clk; endmodule\n")  # broken Verilog
    r = rtl.synthesize(prj, rtl_settings)
    assert r["synthesized"] is False and "Yosys failed" in r["reason"]


def test_missing_verilator_is_a_clear_error(tiny_dense, tmp_path, rtl_settings, monkeypatch):
    import trigml.logic_warp.simulate as lw_sim

    prj = tmp_path / "rtl"
    rtl.write_project(tiny_dense, prj, rtl_settings)

    def none(prefer="auto"):
        raise lw_sim.SimulatorNotFound("install verilator")

    monkeypatch.setattr(lw_sim, "find_simulator", none)
    with pytest.raises(rtl.ToolMissing, match="Verilator not found"):
        rtl.simulate(prj, n_checked=10)


def test_not_bit_exact_simulation_is_not_synthesised(tiny_dense, tmp_path, rtl_settings):
    prj = tmp_path / "rtl"
    rtl.write_project(tiny_dense, prj, rtl_settings)
    sim = tmp_path / "simulation.json"
    sim.write_text(json.dumps({"bit_exact": False, "mismatches": 3}))
    out = tmp_path / "hardware.json"
    with pytest.raises(ValueError, match="not bit-exact"):
        synth_rtl(prj, sim, out, settings=_as_config(rtl_settings))
    assert not out.exists()


def test_cpu_time_limit_gives_a_reason(tiny_sr, tmp_path, rtl_settings):
    import dataclasses

    prj = tmp_path / "rtl"
    rtl.write_project(tiny_sr, prj, rtl_settings)
    r = rtl.synthesize(prj, dataclasses.replace(rtl_settings, synth_timeout_s=1))  # Yosys needs more
    assert r["synthesized"] is False and "1 CPU-seconds" in r["reason"] and "tiny_sr" in r["reason"]


def test_verilator_runtime_objects_are_built_once_and_reused(tiny_logic, tmp_path, rtl_settings, monkeypatch):
    """The first build stores Verilator's runtime objects in the cache; the next design's build takes
    them from there (make compiles only the design) and simulates the same outputs."""
    from trigml.hardware import rtl
    from trigml.hardware.designs.logicnet import logicnet_design

    monkeypatch.setenv("TRIGML_CACHE", str(tmp_path / "cache"))
    d = logicnet_design(tiny_logic, "warp_s", study="logic_warp", name="jets_warp_s", pipeline_every=0)
    prj = tmp_path / "rtl"
    rtl.write_project(d, prj, rtl_settings)
    first, _ = rtl.run_verilator(prj, n_checked=150)
    (folder,) = (tmp_path / "cache" / "verilator-runtime").iterdir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(rtl._RUNTIME_OBJECTS)
    built = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    compiled = []
    real = rtl._run_logged

    def spy(cmd, cwd, env=None, **kw):
        real(cmd, cwd, env, **kw)
        if cmd[0] == "make":
            compiled.extend(p.name for p in (Path(cwd) / "obj").glob("verilated*.d"))  # make's dependency files

    monkeypatch.setattr(rtl, "_run_logged", spy)
    again, _ = rtl.run_verilator(prj, n_checked=150)
    assert np.array_equal(first, again)
    assert compiled == []  # no runtime source compiled the second time
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == built
