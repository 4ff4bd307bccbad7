"""The one hardware.json schema: every field present, consistent, written whole or not at all."""

import pytest
from trigml.hardware import schema

pytestmark = pytest.mark.unit


def _record(**over):
    r = {
        "backend": "rtl", "part": "xcvu13p", "clock_ns": 5.0, "luts": 10, "ffs": 4, "carry": 1, "dsps": 0,
        "brams": 0, "logic_depth": 3, "pipeline_stages": 1, "latency_cycles": 2, "latency_ns": 10.0, "ii": 1,
        "bit_exact": True, "mismatches": 0, "n_checked": 100, "accuracy_float": 0.7, "accuracy_fixed": 0.69,
        "tool_versions": {"yosys": "0.70"}, "synthesized": True, "reason": None,
    }  # fmt: skip
    r.update(over)
    return r


def test_valid_record_roundtrip(tmp_path):
    path = tmp_path / "hardware.json"
    schema.write(path, _record(design="nn", study="jets_sr"))
    assert schema.read(path)["luts"] == 10


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"backend": "vivado"}, "backend"),
        ({"luts": -1}, "luts"),
        ({"luts": None}, "luts must be measured"),
        ({"bit_exact": True, "mismatches": 2}, "bit_exact must equal"),
        ({"synthesized": False, "reason": ""}, "reason must say why"),
        ({"synthesized": True, "reason": "x"}, "reason must be null"),
        ({"accuracy_fixed": 1.5}, "accuracy_fixed"),
        ({"extra": 1}, "unknown field"),
    ],
)
def test_invalid_records_name_the_field(over, message):
    with pytest.raises(schema.HardwareSchemaError, match=message):
        schema.validate(_record(**over), where="design nn")


def test_missing_field_is_named():
    r = _record()
    del r["ii"]
    with pytest.raises(schema.HardwareSchemaError, match=r"missing field\(s\) \['ii'\]"):
        schema.validate(r)


def test_invalid_record_leaves_no_file(tmp_path):
    path = tmp_path / "hardware.json"
    with pytest.raises(schema.HardwareSchemaError):
        schema.write(path, _record(luts="many"))
    assert not path.exists() and not list(tmp_path.iterdir())


def test_not_synthesized_record_is_valid():
    r = schema.not_synthesized(backend="rtl", part="xc", clock_ns=5.0, reason="no Yosys", n_checked=10,
                               mismatches=0, bit_exact=True)  # fmt: skip
    assert schema.validate(r)["luts"] is None and r["synthesized"] is False
