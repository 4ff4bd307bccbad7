"""Paths of the jets_sr study (Tsoi et al. 2023); the jet dataset is shared with logic_warp."""

from __future__ import annotations

from ._core import RESULTS, fmt  # noqa: F401

__all__ = ["jets_dataset"]


def jets_dataset() -> str:
    """The jet dataset (real or simulated): parquet, the 16 feature columns of OpenML 42468 + ``class``."""
    return f"{RESULTS}/jets_sr/data/jets.parquet"
