"""Per-operator complexity measured in the open RTL flow (calibrate_operators)."""

import pytest
from trigml.hardware.settings import RtlSettings
from trigml.jets_sr import calibrate
from trigml.jets_sr.settings import SRSettings
from trigml.jets_sr.steps import search_settings

RTL = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=5.0, n_checked=10,
                  max_cost=20000, synth_timeout_s=120)  # fmt: skip


def no_yosys(project, settings):
    return {"synthesized": False, "reason": "not run in this test"}


def test_measured_complexity_is_the_rtl_pipeline():
    table = calibrate.calibrate(["add", "sin", "sc"], precision="ap_fixed<16,6>", table_size=256,
                                lut_range=[-8.0, 8.0], settings=RTL, synthesize=no_yosys)  # fmt: skip
    cx = table["complexity"]
    assert set(cx) == {"add", "sub", "mul", "cmul", "sin", "sc"}
    # at 5 ns a sum, a difference, a scaling by a constant (shift-and-add) and a lookup table take one
    # stage; a variable x variable product (and sin*cos) is a multiplier: several
    assert cx["add"] == cx["sub"] == cx["cmul"] == cx["sin"] == 1
    assert cx["mul"] > 1 and cx["sc"] >= cx["mul"]
    assert table["operators"]["mul"]["latency_cycles"] == cx["mul"] + 1  # input to output register
    assert table["operators"]["add"]["synthesized"] is False


def test_unbuildable_operator_and_bad_cutoff_are_errors():
    with pytest.raises(ValueError, match="operator 'div'.*complexity_source: table"):
        calibrate.calibrate(["div"], precision="ap_fixed<16,6>", table_size=256, lut_range=[-8.0, 8.0], settings=RTL,
                            synthesize=no_yosys)  # fmt: skip
    flat = RtlSettings(**{**RTL.to_dict(), "latency_cutoff": 0.0})
    with pytest.raises(ValueError, match="latency_cutoff"):
        calibrate.calibrate(
            ["add"], precision="ap_fixed<16,6>", table_size=256, lut_range=[-8.0, 8.0], settings=flat
        )


def test_search_uses_the_measured_table(tmp_path):
    from trigml.files import write_json

    base = dict(engine="pyoperon", features=["mass_mmdt"], n_train=100, complexities=[5], operators=["add", "sin"],
                operator_complexity={"add": 1, "sub": 1, "mul": 1, "sin": 8}, generations=1, population_size=10, restarts=1,
                max_time=None, require_hls_range=True, hls_complexities=[])  # fmt: skip
    table = tmp_path / "costs.json"
    write_json(table, {"complexity": {"add": 1, "sub": 1, "mul": 4, "cmul": 1, "sin": 1}})
    rtl = search_settings(SRSettings(**base, complexity_source="rtl"), str(table))
    assert rtl.operator_complexity["mul"] == 4 and rtl.operator_complexity["sin"] == 1
    assert (
        search_settings(SRSettings(**base, complexity_source="table"), str(table)).operator_complexity["sin"]
        == 8
    )
    write_json(table, {"complexity": {"add": 1}})
    with pytest.raises(ValueError, match="no measured complexity.*cmul"):
        search_settings(SRSettings(**base, complexity_source="rtl"), str(table))
    with pytest.raises(ValueError, match="no operator cost table"):
        search_settings(SRSettings(**base, complexity_source="rtl"), None)
