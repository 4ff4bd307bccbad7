"""Typed settings of the hardware subsystem, built from the validated ``hardware:`` config block
(``workflow/schemas/hardware.schema.yaml`` holds every default)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["RtlSettings"]


@dataclass(frozen=True)
class RtlSettings:
    """``part`` / ``yosys_family``: the FPGA the numbers are for and Yosys's ``synth_xilinx -family``;
    ``clock_ns``: clock period; ``latency_cutoff``: da4ml delay units per pipeline stage (0 = one
    combinational stage between input and output registers); ``n_checked``: inputs simulated;
    ``max_cost``: largest da4ml cost estimate (≈ LUTs) synthesised, larger designs get
    ``synthesized: false``; ``synth_timeout_s``: CPU-time limit of one Yosys run [s]."""

    part: str
    yosys_family: str
    clock_ns: float
    latency_cutoff: float
    n_checked: int
    max_cost: float
    synth_timeout_s: float

    def __post_init__(self) -> None:
        if self.clock_ns <= 0 or self.n_checked < 1 or self.max_cost <= 0 or self.synth_timeout_s <= 0:
            raise ValueError(f"hardware settings out of range: {self}")

    @classmethod
    def from_config(cls, block: dict[str, Any]) -> RtlSettings:
        """From the validated ``hardware`` config block (``limits`` flattened)."""
        lim = block["limits"]
        return cls(
            part=block["part"], yosys_family=block["yosys_family"], clock_ns=float(block["clock_ns"]),
            latency_cutoff=float(block["latency_cutoff"]), n_checked=int(block["n_checked"]),
            max_cost=float(lim["max_cost"]), synth_timeout_s=float(lim["synth_timeout_s"]),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)
