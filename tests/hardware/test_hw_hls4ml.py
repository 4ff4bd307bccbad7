"""The shared hls4ml back-end (trigml.hardware.hls4ml) without a compile: the tf-keras version fix,
settings, LUT expressions, the one compare() and the one synth-or-skip."""

from __future__ import annotations

import numpy as np
import pytest
from trigml.hardware import schema
from trigml.hardware.hls4ml import converters, synthesis, use_tf_keras_for_hls4ml
from trigml.hardware.hls4ml.compare import compare


def test_tf_keras_version_fix_is_isolated_and_idempotent():
    use_tf_keras_for_hls4ml()
    use_tf_keras_for_hls4ml()
    import keras
    import tf_keras

    assert keras.__version__ == tf_keras.__version__
    assert keras.__version__.startswith("2.")  # hls4ml then picks its Keras-2 parser (QKeras models)


def test_settings_reject_bad_values():
    kw = {
        "backend": "Vitis",
        "part": "xcvu9p-flga2104-2L-e",
        "clock_period": 5.0,
        "precision": "ap_fixed<16,6>",
    }
    assert converters.HLSSettings(**kw).convert_kwargs()["io_type"] == "io_parallel"
    with pytest.raises(ValueError, match="Quartus"):
        converters.HLSSettings(**{**kw, "backend": "Quartus"})
    with pytest.raises(ValueError, match="reuse_factor"):
        converters.HLSSettings(**kw, reuse_factor=0)


def test_lut_expressions():
    import sympy

    e, used = converters.to_lut_expression("x0*x1 + sin(x2) - exp(x3)")
    assert used == ["sin", "exp"] and e.has(sympy.Function("sin_lut"))
    assert converters.lut_functions(used, table_size=64, lut_range=(-4, 4))["sin_lut"]["range_end"] == 4.0
    with pytest.raises(ValueError, match="sqrt"):
        converters.to_lut_expression("sqrt(x0)")
    with pytest.raises(ValueError, match="low < high"):
        converters.lut_functions(["sin"], table_size=64, lut_range=(1, 1))


def test_compare_accuracy_auc_and_mask():
    ref = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    got = ref + np.array([[0.0, 0.0], [0.05, -0.05], [-0.2, 0.2], [0.0, 0.0]])
    c = compare(ref, got, labels=np.array([0, 1, 0, 1]), metric="accuracy")
    assert c["n_checked"] == 4 and c["max_abs_diff"] == pytest.approx(0.2)
    assert c["argmax_agreement"] == 0.75 and c["float"] == 1.0 and c["fixed"] == 0.75
    a = compare(
        ref[:, :1], got[:, :1], labels=np.array([1, 0, 1, 0]), metric="auc", mask=np.array([1, 1, 1, 0])
    )
    assert a["n_checked"] == 3 and a["float"] == 1.0 and a["fixed"] == 1.0  # 0.9, 0.4 (signal) above 0.25
    with pytest.raises(ValueError, match="outputs"):
        compare(ref, got[:, :1])
    with pytest.raises(ValueError, match="no rows"):
        compare(ref, got, mask=np.zeros(4, bool))


def test_synth_or_skip_without_the_tool_never_converts(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))

    def convert():
        raise AssertionError("converted although the HLS tool is absent")

    rec = synthesis.synthesize_or_skip(
        convert, "Vivado", part="xcvu9p-flga2104-2L-e", clock_period=4.0, design_id=7
    )
    rec.update(design="d", study="s")
    schema.validate(rec)
    assert (
        rec["synthesized"] is False and rec["backend"] == "hls4ml" and "vivado_hls not found" in rec["reason"]
    )
    assert rec["luts"] is None and rec["latency_ns"] is None and rec["details"] == {"design_id": 7}
