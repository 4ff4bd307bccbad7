"""Paths of the jets_sr study (Tsoi et al. 2023); the jet dataset is shared with logic_warp."""

from __future__ import annotations

from ._core import RESULTS, fmt  # noqa: F401

__all__ = [
    "jets_dataset",
    "jets_class_sim",
    "jets_class_stats",
    "jets_download_dir",
    "jets_sim_stats",
    "jets_features_png",
    "jets_split",
    "jets_nn_model",
    "jets_nn_metrics",
    "jets_nn_hls_json",
    "jets_sr_front",
    "jets_sr_timing",
    "jets_hls_json",
    "jets_hls_synth_json",
    "jets_roc_png",
    "jets_complexity_png",
    "jets_approx_png",
    "jets_resources_png",
    "jets_summary_json",
]

_ROOT = f"{RESULTS}/jets_sr"


def jets_dataset() -> str:
    """The jet dataset (real or simulated): parquet, the 16 feature columns of OpenML 42468 + ``class``."""
    return f"{_ROOT}/data/jets.parquet"


def jets_class_sim(**wc: object) -> str:
    """Simulated jets of one class (``{jet_class}`` ∈ g, q, t, w, z), merged into :func:`jets_dataset`."""
    return fmt(f"{_ROOT}/data/sim/jets_{{jet_class}}.parquet", **wc)


def jets_class_stats(**wc: object) -> str:
    """Timing and selection efficiency of one class's simulation job."""
    return fmt(f"{_ROOT}/data/sim/jets_{{jet_class}}.json", **wc)


def jets_download_dir() -> str:
    """Where the OpenML file is downloaded to (with its sha256 lock file)."""
    return f"{_ROOT}/data/download"


def jets_sim_stats() -> str:
    """Simulation timing (jets/s per class) and per-class feature means."""
    return f"{_ROOT}/data/simulation.json"


def jets_features_png() -> str:
    """Each of the 16 features per class (JSON twin: per-class means)."""
    return f"{_ROOT}/data/features.png"


def jets_split() -> str:
    """Train/validation/test indices (npz) and the input standardisation."""
    return f"{_ROOT}/data/split.npz"


def jets_nn_model(**wc: object) -> str:
    """The trained Keras NN baseline (``{precision}`` ∈ float, quantized), tf-keras .h5."""
    return fmt(f"{_ROOT}/nn/model_{{precision}}.h5", **wc)


def jets_nn_metrics(**wc: object) -> str:
    """Accuracy, per-class AUC and ROC points of one NN baseline on the test set."""
    return fmt(f"{_ROOT}/nn/metrics_{{precision}}.json", **wc)


def jets_nn_hls_json() -> str:
    """hls4ml conversion of the quantized NN: C simulation vs Keras, synthesis or its skip reason."""
    return f"{_ROOT}/nn/hls.json"


def jets_sr_front() -> str:
    """Pareto front per class (complexity, loss, accuracy, SymPy expression) and the chosen models."""
    return f"{_ROOT}/sr/front.json"


def jets_sr_timing() -> str:
    """SR wall time per class and maximum complexity."""
    return f"{_ROOT}/sr/timing.json"


def jets_hls_json() -> str:
    """hls4ml symbolic-expression C simulation vs NumPy for each chosen complexity."""
    return f"{_ROOT}/hls/csim.json"


def jets_hls_synth_json() -> str:
    """Synthesis results (where Vivado/Vitis run) or a labelled operation-count estimate."""
    return f"{_ROOT}/hls/synthesis.json"


def jets_roc_png() -> str:
    return f"{_ROOT}/figures/roc.png"


def jets_complexity_png() -> str:
    return f"{_ROOT}/figures/auc_accuracy_vs_complexity.png"


def jets_approx_png() -> str:
    return f"{_ROOT}/figures/approximation_accuracy.png"


def jets_resources_png() -> str:
    return f"{_ROOT}/figures/latency_resources.png"


def jets_summary_json() -> str:
    return f"{_ROOT}/summary.json"
