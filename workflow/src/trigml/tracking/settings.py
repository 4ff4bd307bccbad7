"""Typed settings of the tracking study, built from the validated config (defaults live only in
``workflow/schemas/tracking.schema.yaml``); a missing or unknown key fails naming it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

METHODS = ("dbscan_eta_phi", "dbscan_score", "connected_components")
MATCHINGS = ("dezoort", "strict")


def _from(cls: type, values: dict[str, Any], block: str) -> Any:
    names = {f.name for f in fields(cls)}
    unknown, missing = set(values) - names, names - set(values)
    if unknown or missing:
        raise ValueError(
            f"config block '{block}': unknown key(s) {sorted(unknown)}, missing key(s) {sorted(missing)}"
        )
    return cls(**values)


@dataclass(frozen=True)
class TrackSettings:
    """``tracking.tracks``: track building and the efficiency definitions."""

    methods: list[str]
    threshold: float | None
    dbscan_eps: float
    dbscan_min_samples: int
    score_eps: float
    prune: bool
    matching: str
    min_hits: int
    pt_bins: list[float]
    eta_bins: list[float]

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> TrackSettings:
        s: TrackSettings = _from(cls, values, "tracking.tracks")
        bad = [m for m in s.methods if m not in METHODS]
        if bad or not s.methods:
            raise ValueError(f"tracking.tracks.methods: {bad or 'empty'} (known: {', '.join(METHODS)})")
        if s.matching not in MATCHINGS:
            raise ValueError(f"tracking.tracks.matching '{s.matching}' is not one of {MATCHINGS}")
        return s
