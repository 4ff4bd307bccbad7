"""hls4ml glue shared by every study: one place for the QKeras/Keras-version work-around,
finding Vivado/Vitis, running synthesis where it exists and saying clearly where it does not.

Per-study conversions (the interaction network's extension layers, symbolic expressions,
QKeras and PyTorch students) live in their studies and call these helpers.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

# hls4ml backend name -> executable that provides it
HLS_TOOLS = {"Vitis": "vitis_hls", "Vivado": "vivado_hls"}


def quiet_tensorflow() -> None:
    """QKeras models are tf-keras models: select legacy Keras before TensorFlow is imported."""
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def use_tf_keras_for_hls4ml() -> None:
    """Make hls4ml parse tf-keras (QKeras) models with its Keras-2 parser.

    hls4ml 1.3.0 chooses its Keras parser from ``keras.__version__``. TensorFlow 2.21 always
    installs Keras 3, so a tf-keras/QKeras model would go to the Keras-3 parser and fail with
    ``'Node' object has no attribute 'arguments'``. Reporting tf-keras's version to hls4ml routes
    such models to the parser that understands them. Call this before
    ``hls4ml.converters.convert_from_keras_model`` on a tf-keras model; it is idempotent.
    """
    quiet_tensorflow()
    import keras
    import tf_keras

    keras.__version__ = tf_keras.__version__


def find_hls_tool(backend: str = "Vitis") -> str | None:
    """Path of the HLS executable for ``backend`` if it is on PATH, else None."""
    try:
        exe = HLS_TOOLS[backend]
    except KeyError:
        raise ValueError(f"unknown hls4ml backend {backend!r}; expected one of {sorted(HLS_TOOLS)}") from None
    return shutil.which(exe)


def synthesis_skipped(backend: str, **design: Any) -> dict[str, Any]:
    """The JSON a synthesis rule writes where the tool is absent: no numbers, a reason."""
    exe = HLS_TOOLS.get(backend, backend)
    return {
        "synthesized": False,
        "reason": f"{exe} not found on PATH: {backend} HLS synthesis skipped (C simulation still checks the design)",
        "backend": backend,
        **design,
    }


def parse_synthesis_report(project_dir: str | Path, backend: str = "Vitis") -> dict[str, Any]:
    """Latency (cycles, ns), interval and resources from an HLS project's csynth report."""
    from hls4ml.report import parse_vivado_report

    report = parse_vivado_report(str(project_dir)) or {}
    csynth = report.get("CSynthesisReport")
    if not csynth:
        raise FileNotFoundError(f"{project_dir}: no C-synthesis report found (did csynth run?)")

    def _num(key: str) -> float | None:
        v = csynth.get(key)
        try:
            return float(v)
        except (TypeError, ValueError):
            return None

    period = _num("EstimatedClockPeriod") or _num("TargetClockPeriod")
    best = _num("BestLatency")
    worst = _num("WorstLatency")
    return {
        "synthesized": True,
        "backend": backend,
        "latency_cycles_best": best,
        "latency_cycles_worst": worst,
        "latency_ns_worst": worst * period if (worst is not None and period) else None,
        "interval_min": _num("IntervalMin"),
        "interval_max": _num("IntervalMax"),
        "clock_period_ns": period,
        "lut": _num("LUT"),
        "ff": _num("FF"),
        "dsp": _num("DSP48E") or _num("DSP"),
        "bram_18k": _num("BRAM_18K"),
    }


def synthesize(hls_model: Any, backend: str = "Vitis", **design: Any) -> dict[str, Any]:
    """Run C synthesis of a compiled hls4ml model where the tool exists; else a clean skip."""
    if find_hls_tool(backend) is None:
        return synthesis_skipped(backend, **design)
    hls_model.build(csim=False, synth=True, vsynth=False, export=False)
    out = parse_synthesis_report(hls_model.config.get_output_dir(), backend)
    out.update(design)
    return out
