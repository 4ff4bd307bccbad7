"""The hls4ml environment: TensorFlow set-up, the tf-keras version trap, finding Vivado/Vitis (light: no
hls4ml import)."""

from __future__ import annotations

import os
import shutil

# hls4ml backend name -> executable that provides it
HLS_TOOLS = {"Vitis": "vitis_hls", "Vivado": "vivado_hls"}


def quiet_tensorflow() -> None:
    """QKeras models are tf-keras models: select legacy Keras before TensorFlow is imported."""
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def use_tf_keras_for_hls4ml() -> None:
    """Make hls4ml parse tf-keras (QKeras) models with its Keras-2 parser -- the one place of this fix.

    hls4ml 1.3.0 chooses its Keras parser from ``keras.__version__``. TensorFlow 2.21 always
    installs Keras 3, so a tf-keras/QKeras model would go to the Keras-3 parser and fail with
    ``'Node' object has no attribute 'arguments'``. Reporting tf-keras's version to hls4ml routes
    such models to the parser that understands them. Idempotent; called by
    :func:`trigml.hardware.hls4ml.converters.convert_keras` before every Keras conversion.
    """
    quiet_tensorflow()
    import keras
    import tf_keras

    keras.__version__ = tf_keras.__version__


def find_hls_tool(backend: str) -> str | None:
    """Path of the HLS executable for ``backend`` if it is on PATH, else None."""
    try:
        exe = HLS_TOOLS[backend]
    except KeyError:
        raise ValueError(f"unknown hls4ml backend {backend!r}; expected one of {sorted(HLS_TOOLS)}") from None
    return shutil.which(exe)
