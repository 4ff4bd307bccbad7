"""Paths of the hardware subsystem's open RTL back-end (``trigml.hardware``): one folder per design,
``results/<study>/hardware/<design>/``, for every study that sends designs through
``convert_rtl → simulate_rtl → synth_rtl`` (workflow/rules/hardware.smk)."""

from __future__ import annotations

from ._core import RESULTS, fmt

__all__ = ["design_dir", "hardware_json", "hls_hardware_json", "hls_project", "rtl_project", "simulation_json", "STUDIES"]

STUDIES = ("jets_sr", "anomaly_kd", "anomaly_kd_l1", "logic_warp", "tracking_fpga")


def design_dir(**wc: object) -> str:
    """Folder of one design (``{hw_study}``: the study, ``{hw_design}``: the design's name)."""
    return fmt(f"{RESULTS}/{{hw_study}}/hardware/{{hw_design}}", **wc)


def rtl_project(**wc: object) -> str:
    """The RTL project of a design: Verilog (``src/``), ``design.json``, ``reference.npz``."""
    return fmt(f"{design_dir()}/rtl", **wc)


def simulation_json(**wc: object) -> str:
    """Verilator simulation: inputs checked, mismatches (0, else the rule fails), accuracies."""
    return fmt(f"{design_dir()}/simulation.json", **wc)


def hardware_json(**wc: object) -> str:
    """The ``hardware.json`` record (rtl back-end): Yosys cells, depth, latency, bit-exactness."""
    return fmt(f"{design_dir()}/hardware.json", **wc)


def hls_project(**wc: object) -> str:
    """A written hls4ml project of a design (hls4ml back-end; the study's convert rule writes it)."""
    return fmt(f"{design_dir()}/hls4ml", **wc)


def hls_hardware_json(**wc: object) -> str:
    """The ``hardware.json`` record of the hls4ml back-end (shared rule ``synth_hls``)."""
    return fmt(f"{design_dir()}/hls4ml.json", **wc)
