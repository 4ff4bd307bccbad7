"""Config-derived lists, input / params functions and the cross-key config check of the
anomaly_kd_l1 rules (``anomaly_kd_l1.smk``), tested in tests/anomaly_kd_l1/test_l1_inputs.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trigml import patterns

SIGNALS = ("Ato4l", "leptoquark", "hToTauTau", "hChToTauNu")
REAL_SAMPLES = ("background", *SIGNALS)


def check_config(config: Mapping[str, Any]) -> None:
    """Cross-key checks of ``anomaly_kd_l1`` (called by :func:`trigml.config.validate_config`):
    ``ValueError`` naming the key when the converted student's technique is not trained."""
    if "anomaly_kd_l1" not in config["studies"]:
        return
    l1 = config["anomaly_kd_l1"]
    if l1["hls"]["technique"] not in l1["techniques"]:
        raise ValueError(
            f"config key 'anomaly_kd_l1.hls.technique': {l1['hls']['technique']!r} is not one of "
            f"anomaly_kd_l1.techniques ({', '.join(l1['techniques'])})"
        )


class L1Inputs:
    """Input and params functions of the anomaly_kd_l1 rules, from the validated block."""

    def __init__(self, l1: Mapping[str, Any]) -> None:
        self.l1 = l1

    def techniques(self) -> list[str]:
        return list(self.l1["techniques"])

    def technique_re(self) -> str:
        return "|".join(self.l1["techniques"])

    def simulated_samples_re(self) -> str:
        """Samples the simulation rule makes: all of them, or only the pseudo-outliers when downloading
        (the public set has no other-SM-process sample)."""
        samples = [*REAL_SAMPLES, "outliers"] if self.l1["source"] == "simulate" else ["outliers"]
        return "|".join(samples)

    def downloaded_samples_re(self) -> str:
        """Samples the download rule makes: the five public files, or none (a regex that never matches)."""
        return "|".join(REAL_SAMPLES) if self.l1["source"] == "download" else "(?!)"

    def signal_events(self) -> list[str]:
        return [patterns.anomaly_kd_l1.events(sample=s) for s in SIGNALS]

    def switches(self, wildcards: Any) -> dict[str, Any]:
        """The ablation row ``{technique}``'s switches."""
        return dict(self.l1["techniques"][wildcards.technique])

    def student_outputs(self, kind: str) -> list[str]:
        """One file per technique: ``kind`` is scores or info."""
        pattern = {
            "scores": patterns.anomaly_kd_l1.student_scores,
            "info": patterns.anomaly_kd_l1.student_info,
        }[kind]
        return [pattern(technique=t) for t in self.l1["techniques"]]

    def hls_model(self) -> str:
        return patterns.anomaly_kd_l1.student_model(technique=self.l1["hls"]["technique"])

    def data_info(self) -> dict[str, Any]:
        sim = self.l1["simulation"] if self.l1["source"] == "simulate" else None
        return {"source": self.l1["source"], "simulation": sim}

    def data_label(self) -> str:
        return "simulated" if self.l1["source"] == "simulate" else "real"
