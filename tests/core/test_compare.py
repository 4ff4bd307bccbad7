"""Cross-method comparison: estimates follow their stated constants; synthesis numbers win."""

import pytest
from trigml.compare import collect_points, mlp_estimate, ops_estimate


def test_mlp_estimate_by_hand():
    est = mlp_estimate([2, 3, 1], bits=4)
    # 2*3 + 3*1 = 9 multiplications of 4x4 bits (8 LUTs each) and 9 additions (4 LUTs each)
    assert est["multiplications"] == 9
    assert est["luts"] == 9 * 8 + 9 * 4
    # layer 1: fan-in 2 -> 1 adder level -> 1 + 1 + 1 cycles; layer 2: fan-in 3 -> 2 levels -> 1 + 1 + 1
    assert est["latency_cycles"] == 6
    assert est["estimate"] is True
    with pytest.raises(ValueError):
        mlp_estimate([16], bits=8)


def test_ops_estimate_and_unknown_op():
    assert ops_estimate({"mul": 2, "add": 1, "sin": 1}, bits=16)["luts"] == 2 * 128 + 16 + 64
    with pytest.raises(ValueError, match="erf"):
        ops_estimate({"erf": 1}, bits=16)


def test_collect_points_all_families():
    jets = {
        "nn_float": {"accuracy": 0.6},
        "nn_quantized": {"accuracy": 0.58, "hls": {"synthesis": {"synthesized": True, "lut": 1234.0,
                                                                 "latency_ns_worst": 25.0}}},
        "sr": {"per_complexity": [{"max_complexity": 10, "accuracy": 0.45}]},
        "hls_synthesis": [{"synthesized": False, "max_complexity": 10,
                           "estimate": {"operations": {"mul": 1}, "latency_ns": 15.0}}],
    }  # fmt: skip
    logic = {"networks": {"s": {"warp": {"discrete_acc": {"mean": 0.5},
                                         "synth": {"xilinx": {"luts": 300, "logic_depth": 5}}}}}}  # fmt: skip
    pts = collect_points(jets, logic, nn_layers=[16, 64, 32, 32, 5], nn_bits=8)
    fam = {p["family"] for p in pts}
    assert fam == {"NN (hls4ml)", "symbolic regression (hls4ml)", "logic network (Yosys)"}
    q = next(p for p in pts if p["name"].startswith("NN QKeras"))
    assert q["luts"] == 1234.0 and q["estimate"] is False  # a synthesis result is used as it is
    f = next(p for p in pts if p["name"].startswith("NN float"))
    assert f["estimate"] is True
    w = next(p for p in pts if p["family"].startswith("logic"))
    assert w["luts"] == 300 and w["latency_ns"] == pytest.approx(3.0)
