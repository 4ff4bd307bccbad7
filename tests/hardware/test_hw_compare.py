"""The cross-method figure takes NN, SR and logic points from hardware.json: measured, no estimates."""

import pytest
from trigml.compare import collect_points

pytestmark = pytest.mark.unit


def _rec(study, design, luts, cycles, depth, acc):
    return (f"results/{study}/hardware/{design}/hardware.json", {
        "backend": "rtl", "part": "xc", "clock_ns": 5.0, "luts": luts, "ffs": 1, "carry": 0, "dsps": 0,
        "brams": 0, "logic_depth": depth, "pipeline_stages": max(cycles - 1, 1), "latency_cycles": cycles,
        "latency_ns": 5.0 * cycles if cycles else None, "ii": 1, "bit_exact": True, "mismatches": 0,
        "n_checked": 600, "accuracy_float": acc, "accuracy_fixed": acc, "tool_versions": {},
        "synthesized": True, "reason": None, "design": design, "study": study, "metric": "accuracy",
    })  # fmt: skip


def test_measured_points_replace_estimates():
    jets = {
        "nn_float": {"accuracy": 0.6},
        "nn_quantized": {"accuracy": 0.58},
        "sr": {"per_complexity": [{"max_complexity": 10, "accuracy": 0.45}]},
        "hls_synthesis": [{"synthesized": False, "max_complexity": 10,
                           "estimate": {"operations": {"mul": 1}, "latency_ns": 15.0}}],
    }  # fmt: skip
    logic = {"networks": {"s": {"warp": {"discrete_acc": {"mean": 0.5},
                                         "synth": {"xilinx": {"luts": 300, "logic_depth": 5}}}}}}  # fmt: skip
    hw = [_rec("jets_sr", "nn", 6000, 6, 6, 0.62), _rec("jets_sr", "sr_c10", 530, 2, 14, 0.445),
          _rec("logic_warp", "jets_warp2_s", 515, 0, 19, 0.51), _rec("anomaly_kd_l1", "student", 9, 2, 3, 0.9)]  # fmt: skip
    pts = collect_points(jets, logic, nn_layers=[16, 64, 32, 32, 5], nn_bits=8, hardware=hw)
    assert len(pts) == 3 and not any(
        p["estimate"] for p in pts
    )  # the estimates and old logic points are gone
    nn = next(p for p in pts if p["family"].startswith("NN"))
    assert nn["luts"] == 6000 and nn["latency_ns"] == 30.0 and nn["source"].endswith("nn/hardware.json")
    assert nn["latency_estimate"] is False  # 6 LUT levels (3.6 ns) fit the 5 ns clock
    sr = next(p for p in pts if p["name"] == "SR complexity <= 10")
    # 14 levels (8.4 ns) do not fit 5 ns: 2 cycles at the path's delay, flagged
    assert sr["latency_estimate"] and sr["latency_ns"] == pytest.approx(2 * 14 * 0.6)
    logic_pt = next(p for p in pts if p["family"].startswith("logic"))
    assert logic_pt["latency_estimate"] and logic_pt["latency_ns"] == pytest.approx(19 * 0.6)
    without = collect_points(jets, logic, nn_layers=[16, 64, 32, 32, 5], nn_bits=8)
    assert any(p["estimate"] for p in without)  # no hardware.json: the labelled estimates come back
