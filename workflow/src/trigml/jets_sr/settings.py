"""Typed settings of the jets_sr study, built from the validated ``jets_sr`` config blocks.

The defaults live only in ``workflow/schemas/jets_sr.schema.yaml``: Snakemake fills them in, the
rules pass each block as a param, and these dataclasses take every field by name (a missing or
unknown key is an error that names the block), so library code never guesses a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T")


def build(cls: type[T], block: Mapping[str, Any], where: str) -> T:
    """``cls(**block)`` with a message naming the config block on missing or unknown keys."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(block) - names)
    missing = sorted(names - set(block))
    if unknown or missing:
        raise ValueError(
            f"{where}: unknown key(s) {unknown}, missing key(s) {missing} (see workflow/schemas/jets_sr.schema.yaml)"
        )
    return cls(**block)


@dataclass(frozen=True)
class NNSettings:
    """``jets_sr.nn``: the 16→64→32→32→5 baseline and its hls4ml conversion."""

    hidden: list[int]
    epochs: int
    batch_size: int
    learning_rate: float
    bits: int
    integer_bits: int
    hls_precision: str
    reuse_factor: int


@dataclass(frozen=True)
class HLSSettings:
    """``jets_sr.hls``: the hls4ml symbolic-expression design."""

    precision: str
    part: str
    clock_period: float
    backend: str
    lut_table_size: int
    lut_range: list[float]
    n_compare: int


@dataclass(frozen=True)
class LUTSettings:
    """The lookup tables of sin/cos in the HLS design (hls4ml ``math_lut``): N entries over [lo, hi]."""

    table_size: int
    lo: float
    hi: float

    @classmethod
    def from_hls(cls, hls: HLSSettings) -> LUTSettings:
        lo, hi = (float(v) for v in hls.lut_range)
        if not lo < hi:
            raise ValueError(
                f"jets_sr.hls.lut_range must be [low, high] with low < high, got {hls.lut_range}"
            )
        return cls(table_size=int(hls.lut_table_size), lo=lo, hi=hi)

    def table(self) -> dict[str, Any]:
        return {"table_size": self.table_size, "lo": self.lo, "hi": self.hi}


@dataclass(frozen=True)
class SRSettings:
    """``jets_sr.sr``: the search (engine, operators, costs, budget) and the sweep."""

    engine: str
    features: list[str]
    n_train: int
    complexities: list[int]
    operators: list[str]
    complexity_source: str
    operator_complexity: dict[str, int]
    generations: int
    population_size: int
    restarts: int
    max_time: int | None
    require_hls_range: bool
    hls_complexities: list[int]

    def __post_init__(self) -> None:
        if self.complexity_source not in ("rtl", "table"):
            raise ValueError(
                f"jets_sr.sr.complexity_source must be rtl or table, got {self.complexity_source!r}"
            )
        needed = sorted({*self.operators, "add", "sub", "mul"} - set(self.operator_complexity))
        if needed:
            raise ValueError(f"jets_sr.sr.operator_complexity: no cost for operator(s) {needed}")
        extra = sorted(set(self.hls_complexities) - set(self.complexities))
        if extra:
            raise ValueError(
                f"jets_sr.sr.hls_complexities {extra} are not in jets_sr.sr.complexities {self.complexities}"
            )


@dataclass(frozen=True)
class UncertaintySettings:
    """``jets_sr.uncertainty``: bootstrap intervals of every accuracy and AUC."""

    n_bootstrap: int
    confidence: float
