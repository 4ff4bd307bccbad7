"""Settings of the TrackML-like simulation (the ``data.trackml.simulation`` config block).

The JSON schema (``workflow/schemas/data.schema.yaml``) is the single source of defaults for the
workflow; this dataclass mirrors it for library and CLI use and checks every value again, so a
bad value fails with the key's name whichever way the simulation is called.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .generator import HARD_PROCESSES, MINIMUM_BIAS

__all__ = ["SimulationSettings", "SYSTEMS"]

SYSTEMS = ("pixel", "short_strip", "long_strip")


def _default_resolution() -> dict[str, list[float]]:
    # cell pitch / sqrt(12) along local (u, v): pixels 50 × 56.25 µm, short strips 80 µm × 1.2 mm,
    # long strips 120 µm × 10.8 mm
    return {"pixel": [0.0144, 0.0162], "short_strip": [0.0231, 0.3464], "long_strip": [0.0346, 3.118]}


@dataclass(frozen=True)
class SimulationSettings:
    mu: float = 10.0
    hard_process: str = "ttbar"
    minimum_bias: str = "all"
    sqrt_s_gev: float = 14000.0
    beam_spot_mm: tuple[float, float, float] = (0.015, 0.015, 6.0)
    bfield_t: float = 2.0
    strips: bool = True
    multiple_scattering: bool = True
    material_scale: float = 1.0
    hit_efficiency: float = 0.99
    noise_fraction: float = 0.1
    resolution_mm: dict[str, list[float]] = field(default_factory=_default_resolution)
    min_pt_gev: float = 0.1
    max_eta: float = 4.0
    min_pt_hits_gev: float = 0.15
    decay_tau0_max_mm: float = 1000.0
    interaction_per_x0: float = 2.0

    @classmethod
    def from_dict(cls, values: dict[str, Any] | None) -> SimulationSettings:
        """Build from a config mapping; unknown keys and bad values raise ``ValueError`` naming the key."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"unknown simulation setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        if "beam_spot_mm" in values:
            values["beam_spot_mm"] = tuple(values["beam_spot_mm"])
        if "resolution_mm" in values:
            res = _default_resolution()
            res.update(values["resolution_mm"])
            values["resolution_mm"] = res
        s = cls(**values)
        s.check()
        return s

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["beam_spot_mm"] = list(self.beam_spot_mm)
        return d

    def check(self) -> None:
        def bad(key: str, why: str) -> None:
            raise ValueError(f"simulation setting '{key}' = {getattr(self, key)!r}: {why}")

        def number(key: str) -> float:
            v = getattr(self, key)
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                bad(key, "must be a finite number")
            return float(v)

        if number("mu") < 0:
            bad("mu", "must be >= 0")
        if self.hard_process not in HARD_PROCESSES:
            bad("hard_process", f"must be one of {sorted(HARD_PROCESSES)}")
        if self.minimum_bias not in MINIMUM_BIAS:
            bad("minimum_bias", f"must be one of {sorted(MINIMUM_BIAS)}")
        if self.hard_process == "none" and self.mu == 0:
            bad("mu", "must be > 0 when hard_process is 'none' (events would be empty)")
        if number("sqrt_s_gev") <= 10:
            bad("sqrt_s_gev", "must be > 10 GeV")
        if len(self.beam_spot_mm) != 3 or any(not math.isfinite(x) or x < 0 for x in self.beam_spot_mm):
            bad("beam_spot_mm", "must be three finite sigmas >= 0 (x, y, z)")
        if number("bfield_t") <= 0:
            bad("bfield_t", "must be > 0")
        for key in ("strips", "multiple_scattering"):
            if not isinstance(getattr(self, key), bool):
                bad(key, "must be true or false")
        if number("material_scale") < 0:
            bad("material_scale", "must be >= 0")
        if not 0 < number("hit_efficiency") <= 1:
            bad("hit_efficiency", "must be in (0, 1]")
        if number("noise_fraction") < 0:
            bad("noise_fraction", "must be >= 0")
        if set(self.resolution_mm) - set(SYSTEMS):
            bad("resolution_mm", f"keys must be among {list(SYSTEMS)}")
        for sys_, res in self.resolution_mm.items():
            if len(res) != 2 or any(not math.isfinite(r) or r < 0 for r in res):
                bad("resolution_mm", f"'{sys_}' must be two finite resolutions >= 0 (u, v) in mm")
        if number("min_pt_gev") <= 0:
            bad("min_pt_gev", "must be > 0")
        if number("max_eta") <= 0:
            bad("max_eta", "must be > 0")
        if number("min_pt_hits_gev") < 0:
            bad("min_pt_hits_gev", "must be >= 0")
        if number("decay_tau0_max_mm") < 0:
            bad("decay_tau0_max_mm", "must be >= 0")
        if number("interaction_per_x0") < 0:
            bad("interaction_per_x0", "must be >= 0")
