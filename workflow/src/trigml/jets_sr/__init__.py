"""Jet tagging with symbolic regression on FPGAs (the jets_sr study; Tsoi et al. 2023).

Modules: :mod:`.features` (mMDT grooming, energy-correlation ratios), :mod:`.simulate`
(Pythia8 + FastJet), :mod:`.dataset` (the parquet format, OpenML 42468), :mod:`.nn` (Keras/QKeras
baseline), :mod:`.sr` (engine interface, pyoperon, PySR), :mod:`.symbolic_hls` (hls4ml symbolic
expressions), :mod:`.plots`, :mod:`.bench`.
"""

from .features import CLASSES, FEATURES

__all__ = ["CLASSES", "FEATURES"]
