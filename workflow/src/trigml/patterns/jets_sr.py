"""Paths of the jets_sr study."""

from __future__ import annotations

from ._core import RESULTS, fmt  # noqa: F401

__all__: list[str] = []
