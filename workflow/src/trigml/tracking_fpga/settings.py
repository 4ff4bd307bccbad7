"""Typed settings of the tracking_fpga study, built from its validated config block
(``workflow/schemas/tracking_fpga.schema.yaml`` holds every default), and its cross-key checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .sectors import design_name


@dataclass(frozen=True)
class SectorSettings:
    """How an event graph is cut into sector graphs (see :mod:`trigml.tracking_fpga.sectors`)."""

    n_phi: int
    n_eta: int
    eta_range: tuple[float, float]
    edge_policy: str
    local_phi: bool

    @classmethod
    def from_config(cls, block: Mapping[str, Any]) -> SectorSettings:
        return cls(
            n_phi=int(block["n_phi"]), n_eta=int(block["n_eta"]), eta_range=tuple(map(float, block["eta_range"])),
            edge_policy=str(block["edge_policy"]), local_phi=bool(block["local_phi"]),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["eta_range"] = list(self.eta_range)
        return d

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments of :func:`~trigml.tracking_fpga.sectors.split_sectors`."""
        return {**self.to_dict(), "eta_range": self.eta_range}


def check_config(config: Mapping[str, Any]) -> None:
    """Cross-key checks of ``tracking_fpga`` (called by :func:`trigml.config.validate_config`)."""
    if "tracking_fpga" not in config["studies"]:
        return
    block = config["tracking_fpga"]
    names = [design_name(*d) for d in block["designs"]]
    points = [(design_name(*p["design"]), p["reuse_factor"], p["style"]) for p in block["synthesis"]["points"]]
    if len(set(points)) != len(points):
        raise ValueError(
            "config key 'tracking_fpga.synthesis.points' repeats a (design, reuse_factor, style) point: "
            "each names one output file"
        )
    for key in ("precision_scan", "opencl", "rtl"):
        missing = sorted({design_name(*d) for d in block[key]["designs"]} - set(names))
        if missing:
            raise ValueError(f"config key 'tracking_fpga.{key}.designs' names {missing}, which are not in 'tracking_fpga.designs'")
    cuts = [float(r["pt"]) for r in config["tracking"]["graph"]["cuts"]]
    if float(block["pt"]) not in cuts:
        raise ValueError(f"config key 'tracking_fpga.pt' ({block['pt']}) has no row in 'tracking.graph.cuts' ({cuts})")
