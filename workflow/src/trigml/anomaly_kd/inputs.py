"""Config-derived lists and input / param functions of the anomaly_kd rules (``anomaly_kd.smk``).

The rule file builds one :class:`KDInputs` from the validated config and passes its bound methods
as input / params functions, so no Python logic lives in the rules and every choice here is tested.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from trigml import patterns

from .datasets import IDX_FILE_NAMES, OUTLIER_SOURCE, REAL_DATASETS

# Wildcard patterns, set on each rule (not globally, so other studies' wildcards are untouched).
DATASET_RE = "mnist5k|mnist5k_rot90|digits|digits_rot90|mnist|fashion_mnist"
REAL_RE = "|".join(REAL_DATASETS)
TECHNIQUE_RE = "baseline|colearning|outlier_exposure|noise_exposure"
COLEARNING_RE = "colearning|outlier_exposure|noise_exposure"
CLASS_RE = r"\d"
STUDENT_RE = "[A-Za-z][A-Za-z0-9_]*"
HLS_KEYS = ("precision", "reuse_factor", "backend", "io_type", "part", "clock_period")


class KDInputs:
    """Input and params functions of the anomaly_kd rules, from the validated ``anomaly_kd`` block."""

    def __init__(self, kd: Mapping[str, Any]) -> None:
        self.kd = kd

    def idx_outputs(self) -> dict[str, str]:
        """Outputs of download_kd_idx: the four IDX files of ``{dataset}``."""
        return {part: patterns.anomaly_kd.idx_file(idxfile=name) for part, name in IDX_FILE_NAMES.items()}

    def idx_files(self, wildcards: Any) -> dict[str, str]:
        """Input of prepare_kd_images: the four IDX files of a real dataset, none for the stand-ins."""
        if wildcards.dataset not in REAL_DATASETS:
            return {}
        return {
            part: patterns.anomaly_kd.idx_file(dataset=wildcards.dataset, idxfile=name)
            for part, name in IDX_FILE_NAMES.items()
        }

    def base_url(self, wildcards: Any) -> str:
        """Folder URL of ``{dataset}``'s IDX files (config anomaly_kd.download.<dataset>_url)."""
        return self.kd["download"][f"{wildcards.dataset}_url"]

    def sha256(self, wildcards: Any) -> dict[str, str | None]:
        """Configured sha256 per IDX part of ``{dataset}`` (None: recorded in a lock file on first download)."""
        known = self.kd["download"]["sha256"]
        return {part: known[f"{wildcards.dataset}/{part}"] if f"{wildcards.dataset}/{part}" in known else None
                for part in IDX_FILE_NAMES}  # fmt: skip

    def colearn_input(self, wildcards: Any) -> dict[str, str]:
        """Input of colearn_kd_models: the images, plus the other dataset's for outlier exposure."""
        inputs = {"data": patterns.anomaly_kd.images(dataset=wildcards.dataset)}
        if wildcards.technique == "outlier_exposure":
            inputs["outliers"] = patterns.anomaly_kd.images(dataset=OUTLIER_SOURCE[wildcards.dataset])
        return inputs

    def scores(self) -> list[str]:
        """Every task's scores file (input of evaluate_kd)."""
        kd = self.kd
        return [
            patterns.anomaly_kd.scores(dataset=d, technique=t, cls=c)
            for d in kd["datasets"]
            for t in kd["techniques"]
            for c in kd["classes"]
        ]

    def figures(self, pattern: Callable[..., str]) -> list[str]:
        """One figure per configured dataset."""
        return [pattern(dataset=d) for d in self.kd["datasets"]]

    def hls_targets(self, pattern: Callable[..., str]) -> list[str]:
        """csim/synth JSONs of the converted students (config anomaly_kd.hls)."""
        hls = self.kd["hls"]
        classes = hls["classes"] if hls["classes"] is not None else self.kd["classes"][:1]
        return [
            pattern(dataset=d, technique=hls["technique"], cls=c, student=s)
            for d in self.kd["datasets"]
            for c in classes
            for s in hls["students"]
        ]

    def train_params(self) -> dict[str, Any]:
        """Training settings handed to the scripts (optimiser + technique knobs): TrainSettings fields."""
        return {
            **self.kd["train"],
            "noise_sigma": self.kd["noise_exposure"]["sigma"],
            "outlier_fraction": self.kd["outlier_exposure"]["fraction"],
        }

    def hls_params(self) -> dict[str, Any]:
        return {k: self.kd["hls"][k] for k in HLS_KEYS}
