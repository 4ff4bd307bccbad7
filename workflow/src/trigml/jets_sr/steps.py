"""The steps of the jets_sr workflow, one function per rule (scripts only parse arguments)."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from trigml.files import atomic_path, read_json, write_json

from .dataset import load_jets, split_indices
from .features import CLASSES, FEATURES
from .metrics import with_intervals
from .settings import HLSSettings, LUTSettings, NNSettings, SRSettings, UncertaintySettings

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- split


def make_split(dataset: str, out_npz: str, *, fractions: tuple[float, float, float], seed: int) -> None:
    """Stratified 60/20/20 indices and the standardisation (mean, std of the training jets)."""
    X, y, names = load_jets(dataset)
    idx = split_indices(y, fractions=fractions, seed=seed)
    mean = X[idx["train"]].mean(axis=0)
    std = X[idx["train"]].std(axis=0)
    std = np.where(std > 0, std, 1.0)
    with atomic_path(out_npz) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **idx, mean=mean, std=std, features=np.array(names))
    log.info("split of %d jets: %s", len(y), {k: len(v) for k, v in idx.items()})


def load_split(dataset: str, split_npz: str) -> dict[str, Any]:
    """Standardised features and labels per split: ``{"train": (X, y), "val": ..., "test": ..., "mean", "std"}``."""
    X, y, _ = load_jets(dataset)
    with np.load(split_npz) as s:
        parts = {k: s[k] for k in ("train", "val", "test")}
        mean, std = s["mean"], s["std"]
    if max(int(v.max()) for v in parts.values()) >= len(y):
        raise ValueError(f"{split_npz}: indices beyond the {len(y)} jets of {dataset} (stale split?)")
    Xs = ((X - mean) / std).astype(np.float32)
    out: dict[str, Any] = {k: (Xs[v], y[v]) for k, v in parts.items()}
    out["mean"], out["std"] = mean, std
    return out


# --------------------------------------------------------------------------- NN


def train_nn(
    dataset: str, split_npz: str, out_model: str, out_metrics: str, *, precision: str, nn: NNSettings,
    uncertainty: UncertaintySettings, seed: int,
) -> dict[str, Any]:  # fmt: skip
    """Train the float or quantized baseline (model selection: the last epoch, no test data seen);
    write the model and its test metrics with bootstrap intervals and per-jet test predictions."""
    from . import nn as jnn

    if precision not in ("float", "quantized"):
        raise ValueError(f"precision must be 'float' or 'quantized', got {precision!r}")
    d = load_split(dataset, split_npz)
    (Xtr, ytr), (Xva, yva), (Xte, yte) = d["train"], d["val"], d["test"]
    jnn.set_seeds(seed)
    model = jnn.build_mlp(
        n_inputs=Xtr.shape[1], hidden=tuple(nn.hidden), n_classes=len(CLASSES),
        quantized=precision == "quantized", bits=nn.bits, integer_bits=nn.integer_bits,
    )  # fmt: skip
    t0 = time.perf_counter()
    hist = jnn.train_mlp(model, Xtr, ytr, Xva, yva, epochs=nn.epochs, batch_size=nn.batch_size,
                         learning_rate=nn.learning_rate, seed=seed)  # fmt: skip
    train_s = time.perf_counter() - t0
    scores = model.predict(Xte, verbose=0)
    metrics = with_intervals(scores, yte, n_bootstrap=uncertainty.n_bootstrap, confidence=uncertainty.confidence,
                             seed=seed, base=jnn.classification_metrics(scores, yte))  # fmt: skip
    metrics["validation_accuracy"] = float(np.mean(np.argmax(model.predict(Xva, verbose=0), axis=1) == yva))
    metrics.update(precision=precision, train_s=train_s, history=hist, n_params=int(model.count_params()),
                   n_train=int(len(ytr)), config=asdict(nn))  # fmt: skip
    jnn.save_model(model, out_model)
    write_json(out_metrics, metrics)
    log.info("NN %s: test accuracy %.4f [%.4f, %.4f], AUC %s (%.1f s)", precision, metrics["accuracy"],
             *metrics["accuracy_interval"], metrics["auc"], train_s)  # fmt: skip
    return metrics


def nn_hls(dataset: str, split_npz: str, model_path: str, out_json: str, *, hls: HLSSettings, nn: NNSettings,
           project_dir: str | None = None) -> dict[str, Any]:  # fmt: skip
    """hls4ml conversion of the quantized NN, C simulation vs Keras on test jets, synthesis or its skip."""
    from trigml.hardware.hls4ml.synthesis import synthesize_model as synthesize

    from . import nn as jnn

    d = load_split(dataset, split_npz)
    Xte, yte = d["test"]
    Xte, yte = Xte[: hls.n_compare], yte[: hls.n_compare]
    model = jnn.load_model(model_path)
    keras_scores = model.predict(Xte, verbose=0)
    with tempfile.TemporaryDirectory(prefix="jets_nn_hls_") as tmp:
        out_dir = project_dir or os.path.join(tmp, "nn_hls")
        t0 = time.perf_counter()
        hls_model = jnn.convert_to_hls(
            model, out_dir, precision=nn.hls_precision, reuse_factor=nn.reuse_factor, part=hls.part,
            clock_period=hls.clock_period, backend=hls.backend,
        )  # fmt: skip
        compile_s = time.perf_counter() - t0
        hls_scores = hls_model.predict(np.ascontiguousarray(Xte))
        result = {"csim": jnn.compare_hls(keras_scores, hls_scores, yte), "compile_s": compile_s}
        result["synthesis"] = synthesize(hls_model, hls.backend, design="nn_quantized")
    write_json(out_json, result)
    log.info("NN hls4ml C simulation vs Keras: %s", result["csim"])
    return result


# --------------------------------------------------------------------------- symbolic regression


def _ovr_scores(expressions: dict[str, str], X: np.ndarray, hls: HLSSettings) -> np.ndarray:
    """The NumPy reference of the HLS design: the expressions with sin/cos through its lookup tables."""
    from .search import ovr_scores

    return ovr_scores(expressions, X, LUTSettings.from_hls(hls))


def search_settings(sr: SRSettings, costs: str | None) -> SRSettings:
    """``sr`` with the operator complexity the search uses: the measured RTL table ``costs``
    (``complexity_source: rtl``, the ``calibrate_operators`` output) or the config's table."""
    from dataclasses import replace

    if sr.complexity_source == "table":
        return sr
    if costs is None:
        raise ValueError("jets_sr.sr.complexity_source is rtl but no operator cost table was given (--costs)")
    return replace(sr, operator_complexity=measured_complexity(read_json(costs), sr.operators, costs))


def measured_complexity(table: dict[str, Any], operators: list[str] | tuple[str, ...], where: str) -> dict[str, int]:
    """The ``complexity`` of a measured table, checked to cover ``operators`` and add, sub, mul, cmul
    (every table of :mod:`trigml.jets_sr.calibrate` measures those; kept here so a search needs no RTL tools)."""
    cx = table.get("complexity")
    if not isinstance(cx, dict):
        raise ValueError(f"{where}: no 'complexity' table (run calibrate_operators)")
    missing = sorted((set(operators) | {"add", "sub", "mul", "cmul"}) - set(cx))
    if missing:
        raise ValueError(f"{where}: no measured complexity for operator(s) {missing} (stale table?)")
    return {str(k): int(v) for k, v in cx.items()}


def run_sr(dataset: str, split_npz: str, nn_metrics: str, out_front: str, out_timing: str, *, sr: SRSettings,
           hls: HLSSettings, uncertainty: UncertaintySettings, seed: int, costs: str | None = None) -> dict[str, Any]:  # fmt: skip
    """One-vs-rest SR (one search per class), fronts and choices on validation jets, test reported
    (:mod:`trigml.jets_sr.search`); ``nn_metrics``: the float NN's per-jet test predictions, for
    the paired approximation accuracy; ``costs``: the measured operator table (see :func:`search_settings`)."""
    from . import search
    from .engines import get_engine

    hls_latency = dict(sr.operator_complexity)
    sr = search_settings(sr, costs)
    log.info("operator complexity (%s): %s", sr.complexity_source, sr.operator_complexity)
    lut = LUTSettings.from_hls(hls)
    cols = search.feature_columns(sr.features)
    d = load_split(dataset, split_npz)
    data = {k: (d[k][0][:, cols], d[k][1]) for k in ("train", "val", "test")}
    data["search"] = search.training_subset(*data["train"], sr.n_train, seed)
    from .sr import fixed_point_limit

    engine = get_engine(sr, lut, value_limit=fixed_point_limit(hls.precision) if sr.require_hls_range else float("inf"))
    fronts, seconds, dropped = search.search_fronts(engine, data, sr, lut, precision=hls.precision, seed=seed)
    nn_pred = np.asarray(read_json(nn_metrics)["predictions"])
    if len(nn_pred) != len(data["test"][1]):
        raise ValueError(f"{nn_metrics}: {len(nn_pred)} test predictions, the split has {len(data['test'][1])} test jets")
    entries = search.sweep(fronts, data, sr, lut, uncertainty, seed, nn_pred)
    best = search.headline(entries)
    result = {
        "engine": engine.name, "features": sr.features, "variables": {f"x{i}": f for i, f in enumerate(sr.features)},
        "standardisation": {"mean": d["mean"][cols].tolist(), "std": d["std"][cols].tolist()},
        "n_train": int(len(data["search"][1])), "n_validation": int(len(data["val"][1])), "n_test": int(len(data["test"][1])),
        "loss": "L2 margin loss mean(max(0, 1 - t f)^2), t = 2 onehot - 1: objective of the search (training jets) "
                "and of the front (validation jets); sin/cos through the HLS lookup tables",
        "selection": "per complexity: the five front members (one per class) whose argmax classifies the validation "
                     "jets best (coordinate ascent); headline: the sweep entry of best validation accuracy; test jets "
                     "only reported",
        "complexity_source": sr.complexity_source, "operator_complexity": sr.operator_complexity,
        "operator_latency_hls": hls_latency, "operators": sr.operators, "lut": lut.table(),
        "hls_range_check": {"enabled": sr.require_hls_range, "lut_range": [lut.lo, lut.hi], "precision": hls.precision},
        "dropped_by_hls_range_check": dropped, "fronts": fronts, "sweep": entries, "best": best,
    }  # fmt: skip
    write_json(out_front, result)
    write_json(out_timing, {"engine": engine.name, "n_train": result["n_train"], "seconds": seconds})
    log.info("SR headline: complexity ≤ %d, validation accuracy %.4f, test accuracy %.4f [%.4f, %.4f]",
             best["max_complexity"], best["validation_accuracy"], best["accuracy"], *best["accuracy_interval"])  # fmt: skip
    return result


# --------------------------------------------------------------------------- hls4ml


def sr_hls(dataset: str, split_npz: str, front_json: str, out_csim: str, out_synth: str, *, hls: HLSSettings,
           complexities: list[int], project_root: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The chosen five expressions of each listed complexity → hls4ml (LUT math) → C simulation vs
    NumPy on test jets; synthesis where the HLS tool exists, else an operation-count estimate."""
    from trigml.hardware.hls4ml.synthesis import synthesize_or_skip

    from . import symbolic_hls as sh
    from .nn import classification_metrics

    front = read_json(front_json)
    sweep = {int(s["max_complexity"]): s for s in front["sweep"]}
    missing = [c for c in complexities if c not in sweep]
    if missing:
        raise ValueError(f"hls complexities {missing} are not in the SR sweep {sorted(sweep)} ({front_json})")
    cols = [FEATURES.index(f) for f in front["features"]]
    d = load_split(dataset, split_npz)
    Xte, yte = d["test"]
    n = min(hls.n_compare, len(yte))
    X, y = Xte[:n][:, cols], yte[:n]
    backend = hls.backend
    compiler = {"Vitis": "vitis_hls", "Vivado": "vivado_hls"}[backend]
    csim_out: dict[str, Any] = {"precision": hls.precision, "lut_table_size": hls.lut_table_size,
                                "lut_range": list(hls.lut_range), "n_compare": n, "designs": []}  # fmt: skip
    synth_out: dict[str, Any] = {"designs": []}
    with tempfile.TemporaryDirectory(prefix="jets_sr_hls_") as tmp:
        root = Path(project_root or tmp)
        for c in complexities:
            exprs = [sweep[c]["expressions"][k] for k in CLASSES]
            t0 = time.perf_counter()
            model = sh.convert(
                exprs, len(cols), root / f"sr_c{c}", precision=hls.precision, part=hls.part,
                clock_period=hls.clock_period, table_size=hls.lut_table_size,
                lut_range=csim_out["lut_range"], backend_compiler=compiler,
            )  # fmt: skip
            hls_scores = sh.csim(model, X)
            seconds = time.perf_counter() - t0
            ref = _ovr_scores(dict(zip(CLASSES, exprs, strict=True)), X, hls)
            diff = np.abs(hls_scores - ref)
            m_hls = classification_metrics(hls_scores, y)
            m_ref = classification_metrics(ref, y)
            csim_out["designs"].append({
                "max_complexity": c, "expressions": dict(zip(CLASSES, exprs, strict=True)), "compile_and_run_s": seconds,
                "max_abs_diff": float(diff.max()), "mean_abs_diff": float(diff.mean()),
                "argmax_agreement": float(np.mean(np.argmax(hls_scores, 1) == np.argmax(ref, 1))),
                "accuracy_numpy": m_ref["accuracy"], "accuracy_hls": m_hls["accuracy"],
                "auc_numpy": m_ref["auc"], "auc_hls": m_hls["auc"],
            })  # fmt: skip
            log.info(
                "SR c ≤ %d: C sim vs NumPy max |Δ| %.4f, accuracy %.4f (NumPy %.4f)",
                c,
                diff.max(),
                m_hls["accuracy"],
                m_ref["accuracy"],
            )
            rep = synthesize_or_skip(lambda m=model: m, backend, part=hls.part, clock_period=hls.clock_period,
                                     max_complexity=c)  # fmt: skip
            if not rep["synthesized"]:
                rep["estimate"] = sh.operation_estimate(exprs, clock_period=hls.clock_period,
                                                        operator_latency=front["operator_latency_hls"])  # fmt: skip
            synth_out["designs"].append(rep)
    write_json(out_csim, csim_out)
    write_json(out_synth, synth_out)
    return {"csim": csim_out, "synthesis": synth_out}
