"""The hls4ml back-end of :mod:`trigml.hardware`, one for every study (hls4ml's own converters / model
/ backends split):

* :mod:`.tools` -- TensorFlow set-up, the tf-keras version fix for QKeras, finding Vivado/Vitis (light);
* :mod:`.converters` -- :class:`~.converters.HLSSettings` and ``convert_keras`` (Keras/QKeras),
  ``convert_pytorch``, ``convert_interaction_network`` (the IN's extension layers, module-level
  classes in :mod:`.interaction_network`), ``convert_symbolic`` (expressions with LUT math);
* :mod:`.csim` -- g++ compile and C simulation;
* :mod:`.compare` -- the one comparison of a C simulation with its reference;
* :mod:`.synthesis` -- Vivado/Vitis HLS synthesis with the report kept, or ``synthesized: false``
  with the reason, as a ``hardware.json`` record (:mod:`trigml.hardware.schema`);
  ``synthesize_or_skip`` is the one synth-or-skip every study calls.

Importing this package imports no hls4ml (only :mod:`.interaction_network` does, at module level).
"""

from .tools import HLS_TOOLS, find_hls_tool, quiet_tensorflow, use_tf_keras_for_hls4ml

__all__ = ["HLS_TOOLS", "find_hls_tool", "quiet_tensorflow", "use_tf_keras_for_hls4ml"]
