"""TrackML-like simulation: Pythia8 hard process + Poisson pileup through the TrackML detector.

``generator`` (Pythia8 events), ``geometry`` (the detector with the challenge's ids),
``propagation`` (vectorised helices with multiple scattering), ``events`` (the four challenge
tables, particle ids, hit weights; datasets on disk), ``validation`` (against the real event 1000
particle table), ``bench`` (events per second, peak memory).
"""

from __future__ import annotations

from .events import (
    TrackMLSimulator,
    build_event,
    challenge_weights,
    decode_particle_id,
    encode_particle_id,
    simulate_dataset,
)
from .geometry import Detector, Surface, trackml_detector
from .settings import SimulationSettings

__all__ = [
    "Detector",
    "SimulationSettings",
    "Surface",
    "TrackMLSimulator",
    "build_event",
    "challenge_weights",
    "decode_particle_id",
    "encode_particle_id",
    "simulate_dataset",
    "trackml_detector",
]
