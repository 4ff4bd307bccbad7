"""Per-operator costs measured in the open RTL flow."""

from trigml.jets_sr.calibrate import operator_costs


def test_operator_costs_in_the_rtl_flow():
    out = operator_costs("ap_fixed<16,6>", 256, [-8.0, 8.0])["operators"]
    assert out["add"]["relative_latency"] == 1.0
    # a variable x variable product is an adder array without DSPs: slower and larger than an addition
    assert out["mul"]["latency"] > out["add"]["latency"] and out["mul"]["cost"] > out["add"]["cost"]
    assert out["sin"]["latency"] > 0 and out["sin"]["cost"] > 0  # one lookup table
    assert "no RTL implementation" in out["div"]["error"]
