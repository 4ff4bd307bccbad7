"""Paths of the jets_sr study (Tsoi et al. 2023); the jet dataset is shared with logic_warp."""

from __future__ import annotations

from ._core import RESULTS, fmt  # noqa: F401

__all__ = [
    "dataset",
    "class_sim",
    "class_stats",
    "download_dir",
    "sim_stats",
    "features_png",
    "split",
    "nn_model",
    "nn_metrics",
    "nn_hls_json",
    "operator_costs",
    "sr_front",
    "sr_timing",
    "hls_json",
    "hls_synth_json",
    "roc_png",
    "complexity_png",
    "approx_png",
    "resources_png",
    "summary_json",
]

_ROOT = f"{RESULTS}/jets_sr"


def dataset() -> str:
    """The jet dataset (real or simulated): parquet, the 16 feature columns of OpenML 42468 + ``class``."""
    return f"{_ROOT}/data/jets.parquet"


def class_sim(**wc: object) -> str:
    """Simulated jets of one class (``{jet_class}`` ∈ g, q, t, w, z), merged into :func:`jets_dataset`."""
    return fmt(f"{_ROOT}/data/sim/jets_{{jet_class}}.parquet", **wc)


def class_stats(**wc: object) -> str:
    """Timing and selection efficiency of one class's simulation job."""
    return fmt(f"{_ROOT}/data/sim/jets_{{jet_class}}.json", **wc)


def download_dir() -> str:
    """Where the OpenML file is downloaded to (with its sha256 lock file)."""
    return f"{_ROOT}/data/download"


def sim_stats() -> str:
    """Simulation timing (jets/s per class) and per-class feature means."""
    return f"{_ROOT}/data/simulation.json"


def features_png() -> str:
    """Each of the 16 features per class (JSON twin: per-class means)."""
    return f"{_ROOT}/data/features.png"


def split() -> str:
    """Train/validation/test indices (npz) and the input standardisation."""
    return f"{_ROOT}/data/split.npz"


def nn_model(**wc: object) -> str:
    """The trained Keras NN baseline (``{precision}`` ∈ float, quantized), tf-keras .h5."""
    return fmt(f"{_ROOT}/nn/model_{{precision}}.h5", **wc)


def nn_metrics(**wc: object) -> str:
    """Accuracy, per-class AUC and ROC points of one NN baseline on the test set."""
    return fmt(f"{_ROOT}/nn/metrics_{{precision}}.json", **wc)


def nn_hls_json() -> str:
    """hls4ml conversion of the quantized NN: C simulation vs Keras, synthesis or its skip reason."""
    return f"{_ROOT}/nn/hls.json"


def operator_costs() -> str:
    """Per-operator complexity of the SR search measured in the open RTL flow (calibrate_operators)."""
    return f"{_ROOT}/sr/operator_costs.json"


def sr_front() -> str:
    """Pareto front per class (complexity, loss, accuracy, SymPy expression) and the chosen models."""
    return f"{_ROOT}/sr/front.json"


def sr_timing() -> str:
    """SR wall time per class and maximum complexity."""
    return f"{_ROOT}/sr/timing.json"


def hls_json() -> str:
    """hls4ml symbolic-expression C simulation vs NumPy for each chosen complexity."""
    return f"{_ROOT}/hls/csim.json"


def hls_synth_json() -> str:
    """Synthesis results (where Vivado/Vitis run) or a labelled operation-count estimate."""
    return f"{_ROOT}/hls/synthesis.json"


def roc_png() -> str:
    return f"{_ROOT}/figures/roc.png"


def complexity_png() -> str:
    return f"{_ROOT}/figures/auc_accuracy_vs_complexity.png"


def approx_png() -> str:
    return f"{_ROOT}/figures/approximation_accuracy.png"


def resources_png() -> str:
    return f"{_ROOT}/figures/latency_resources.png"


def summary_json() -> str:
    return f"{_ROOT}/summary.json"
