"""Paths of the TrackML data (real or simulated) and of its validation."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = [
    "trackml_dir",
    "trackml_event",
    "trackml_download_dir",
    "validation_json",
    "validation_png",
    "summary_json",
]

TRACKML_PARTS = ("hits", "cells", "particles", "truth")


def trackml_dir() -> str:
    """Folder of the per-event challenge CSVs every study reads."""
    return f"{RESULTS}/data/trackml/events"


def trackml_event(**wc: object) -> str:
    """One challenge file: ``event<9 digits>-<part>.csv`` (part: hits, cells, particles, truth)."""
    return fmt(f"{trackml_dir()}/event{{event}}-{{part}}.csv", **wc)


def trackml_download_dir() -> str:
    """Where downloaded archives (and their sha256 lock files) are kept."""
    return f"{RESULTS}/data/trackml/download"


def validation_json() -> str:
    return f"{RESULTS}/data/validation.json"


def validation_png() -> str:
    return f"{RESULTS}/data/validation.png"


def summary_json() -> str:
    return f"{RESULTS}/data/summary.json"
