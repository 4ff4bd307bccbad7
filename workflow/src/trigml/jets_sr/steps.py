"""The steps of the jets_sr workflow, one function per rule (scripts only parse arguments)."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from trigml.files import atomic_path, read_json, write_json

from .dataset import load_jets, split_indices
from .features import CLASSES, FEATURES

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- split


def make_split(
    dataset: str, out_npz: str, *, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2), seed: int = 0
) -> None:
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
    dataset: str,
    split_npz: str,
    out_model: str,
    out_metrics: str,
    *,
    precision: str,
    nn: dict[str, Any],
    seed: int = 0,
) -> dict[str, Any]:
    """Train the float or quantized baseline; write the model and its test metrics."""
    from . import nn as jnn

    if precision not in ("float", "quantized"):
        raise ValueError(f"precision must be 'float' or 'quantized', got {precision!r}")
    d = load_split(dataset, split_npz)
    (Xtr, ytr), (Xva, yva), (Xte, yte) = d["train"], d["val"], d["test"]
    jnn.set_seeds(seed)
    model = jnn.build_mlp(
        n_inputs=Xtr.shape[1], hidden=tuple(nn.get("hidden", (64, 32, 32))), n_classes=len(CLASSES),
        quantized=precision == "quantized", bits=nn.get("bits", 8), integer_bits=nn.get("integer_bits", 0),
    )  # fmt: skip
    t0 = time.perf_counter()
    hist = jnn.train_mlp(
        model, Xtr, ytr, Xva, yva, epochs=nn.get("epochs", 30), batch_size=nn.get("batch_size", 256),
        learning_rate=nn.get("learning_rate", 1e-3), seed=seed,
    )  # fmt: skip
    train_s = time.perf_counter() - t0
    scores = model.predict(Xte, verbose=0)
    metrics = jnn.classification_metrics(scores, yte)
    metrics.update(
        precision=precision, train_s=train_s, history=hist, n_params=int(model.count_params()), config=nn
    )
    jnn.save_model(model, out_model)
    write_json(out_metrics, metrics)
    log.info(
        "NN %s: test accuracy %.4f, AUC %s (%.1f s)", precision, metrics["accuracy"], metrics["auc"], train_s
    )
    return metrics


def nn_hls(dataset: str, split_npz: str, model_path: str, out_json: str, *, hls: dict[str, Any], nn: dict[str, Any],
           n_compare: int = 1000, project_dir: str | None = None) -> dict[str, Any]:  # fmt: skip
    """hls4ml conversion of the quantized NN, C simulation vs Keras on test jets, synthesis or its skip."""
    from trigml.hls import synthesize

    from . import nn as jnn

    d = load_split(dataset, split_npz)
    Xte, yte = d["test"]
    Xte, yte = Xte[:n_compare], yte[:n_compare]
    model = jnn.load_model(model_path)
    keras_scores = model.predict(Xte, verbose=0)
    with tempfile.TemporaryDirectory(prefix="jets_nn_hls_") as tmp:
        out_dir = project_dir or os.path.join(tmp, "nn_hls")
        t0 = time.perf_counter()
        hls_model = jnn.convert_to_hls(
            model, out_dir, precision=nn.get("hls_precision", "ap_fixed<16,6>"), reuse_factor=nn.get("reuse_factor", 1),
            part=hls.get("part", "xcvu9p-flga2577-2-e"), clock_period=hls.get("clock_period", 5.0),
            backend=hls.get("backend", "Vitis"),
        )  # fmt: skip
        compile_s = time.perf_counter() - t0
        hls_scores = hls_model.predict(np.ascontiguousarray(Xte))
        result = {"csim": jnn.compare_hls(keras_scores, hls_scores, yte), "compile_s": compile_s}
        result["synthesis"] = synthesize(hls_model, hls.get("backend", "Vitis"), design="nn_quantized")
    write_json(out_json, result)
    log.info("NN hls4ml C simulation vs Keras: %s", result["csim"])
    return result


# --------------------------------------------------------------------------- symbolic regression


def _ovr_scores(expressions: dict[str, str], X: np.ndarray) -> np.ndarray:
    from .sr import evaluate

    return np.stack([evaluate(expressions[c], X) for c in CLASSES], axis=1)


def run_sr(
    dataset: str, split_npz: str, out_front: str, out_timing: str, *, sr: dict[str, Any], seed: int = 0
) -> dict[str, Any]:
    """One-vs-rest SR per class and maximum complexity; Pareto fronts; the combined classifier per
    complexity (argmax over the five expressions) on the test set."""
    from .nn import classification_metrics
    from .sr import (
        Candidate,
        evaluate,
        get_engine,
        hls_range_problems,
        l2_margin_loss,
        pareto_front,
        reduce_trig_phase,
    )

    features = list(sr.get("features", FEATURES[:6]))
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"jets_sr.sr.features: unknown feature(s) {unknown}; known: {FEATURES}")
    cols = [FEATURES.index(f) for f in features]
    d = load_split(dataset, split_npz)
    (Xtr, ytr), (Xva, yva), (Xte, yte) = d["train"], d["val"], d["test"]
    rng = np.random.default_rng(seed)
    n_train = min(int(sr.get("n_train", 8000)), len(ytr))
    pick = np.sort(rng.choice(len(ytr), size=n_train, replace=False))
    Xs, ys = Xtr[pick][:, cols], ytr[pick]
    Xva, Xte = Xva[:, cols], Xte[:, cols]
    complexities = sorted(int(c) for c in sr.get("complexities", [5, 10, 20, 40]))
    engine = get_engine(
        sr.get("engine", "pyoperon"), operators=tuple(sr.get("operators", ("add", "sub", "mul", "sin", "sc"))),
        operator_complexity=sr.get("operator_complexity"), generations=int(sr.get("generations", 60)),
        population_size=int(sr.get("population_size", 300)), max_time=sr.get("max_time"),
    )  # fmt: skip
    # expressions must be deployable in the HLS design: on the SR training jets, LUT function
    # arguments inside the table's range (constant phases first reduced mod 2π) and every
    # intermediate inside the ap_fixed range (see sr.hls_range_problems)
    lut_range = list(sr.get("lut_range", [-8.0, 8.0]))
    precision = str(sr.get("precision", "ap_fixed<16,6>"))
    check = bool(sr.get("require_hls_range", True))
    dropped: dict[str, int] = {}
    timing: dict[str, dict[str, float]] = {}
    fronts: dict[str, list[dict[str, Any]]] = {}
    for k, cls in enumerate(CLASSES):
        t_train = np.where(ys == k, 1.0, -1.0)
        t_val = np.where(yva == k, 1.0, -1.0)
        cands: dict[str, Candidate] = {}
        timing[cls] = {}
        for j, cmax in enumerate(complexities):
            t0 = time.perf_counter()
            for cand in engine.fit(Xs, t_train, max_complexity=cmax, seed=seed + 1000 * k + j):
                expr = str(reduce_trig_phase(cand.expression))
                if (
                    check
                    and expr not in cands
                    and hls_range_problems(expr, Xs, lut_range=lut_range, precision=precision)
                ):
                    dropped[cls] = dropped.get(cls, 0) + 1
                    continue
                cands.setdefault(expr, Candidate(expr, cand.complexity, cand.train_loss))
            timing[cls][str(cmax)] = time.perf_counter() - t0
            log.info(
                "SR %s, complexity ≤ %d: %.1f s, %d candidates so far",
                cls,
                cmax,
                timing[cls][str(cmax)],
                len(cands),
            )
        points = []
        for cand in cands.values():
            pred = evaluate(cand.expression, Xva)
            points.append({
                "complexity": cand.complexity, "loss": l2_margin_loss(pred, t_val),
                "accuracy": float(np.mean(np.sign(pred) == t_val)), "train_loss": cand.train_loss,
                "expression": cand.expression,
            })  # fmt: skip
        fronts[cls] = pareto_front(points)
    sweep = []
    for cmax in complexities:
        chosen = {}
        for cls in CLASSES:
            ok = [p for p in fronts[cls] if p["complexity"] <= cmax]
            chosen[cls] = ok[-1] if ok else min(fronts[cls], key=lambda p: p["complexity"])
        exprs = {c: chosen[c]["expression"] for c in CLASSES}
        metrics = classification_metrics(_ovr_scores(exprs, Xte), yte)
        sweep.append({
            "max_complexity": cmax, "expressions": exprs,
            "complexity": {c: chosen[c]["complexity"] for c in CLASSES},
            "total_complexity": int(sum(chosen[c]["complexity"] for c in CLASSES)), **metrics,
        })  # fmt: skip
        log.info("SR complexity ≤ %d: test accuracy %.4f, AUC %s", cmax, metrics["accuracy"], metrics["auc"])
    result = {
        "engine": engine.name,
        "features": features,
        "standardisation": {"mean": d["mean"][cols].tolist(), "std": d["std"][cols].tolist()},
        "variables": {f"x{i}": f for i, f in enumerate(features)},
        "n_train": n_train,
        "loss": "L2 margin loss mean(max(0, 1 - t f)^2) on the validation split, t = 2 onehot - 1",
        "operator_complexity": sr.get("operator_complexity"),
        "operators": list(sr.get("operators", [])),
        "hls_range_check": {"enabled": check, "lut_range": lut_range, "precision": precision},
        "dropped_by_hls_range_check": dropped,
        "fronts": fronts,
        "sweep": sweep,
    }
    write_json(out_front, result)
    write_json(out_timing, {"engine": engine.name, "n_train": n_train, "seconds": timing})
    return result


# --------------------------------------------------------------------------- hls4ml


def sr_hls(dataset: str, split_npz: str, front_json: str, out_csim: str, out_synth: str, *, hls: dict[str, Any],
           complexities: list[int], project_root: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The chosen five expressions of each listed complexity → hls4ml (LUT math) → C simulation vs
    NumPy on test jets; synthesis where the HLS tool exists, else an operation-count estimate."""
    from trigml.hls import find_hls_tool, synthesis_skipped

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
    n = min(int(hls.get("n_compare", 1000)), len(yte))
    X, y = Xte[:n][:, cols], yte[:n]
    backend = hls.get("backend", "Vitis")
    compiler = {"Vitis": "vitis_hls", "Vivado": "vivado_hls"}[backend]
    csim_out: dict[str, Any] = {"precision": hls.get("precision", "ap_fixed<16,6>"), "lut_table_size": hls.get("lut_table_size", 256),
                                "lut_range": hls.get("lut_range", [-8.0, 8.0]), "n_compare": n, "designs": []}  # fmt: skip
    synth_out: dict[str, Any] = {"designs": []}
    with tempfile.TemporaryDirectory(prefix="jets_sr_hls_") as tmp:
        root = Path(project_root or tmp)
        for c in complexities:
            exprs = [sweep[c]["expressions"][k] for k in CLASSES]
            t0 = time.perf_counter()
            model = sh.convert(
                exprs, len(cols), root / f"sr_c{c}", precision=csim_out["precision"], part=hls.get("part", "xcvu9p-flga2577-2-e"),
                clock_period=hls.get("clock_period", 5.0), table_size=csim_out["lut_table_size"],
                lut_range=csim_out["lut_range"], backend_compiler=compiler,
            )  # fmt: skip
            hls_scores = sh.csim(model, X)
            seconds = time.perf_counter() - t0
            ref = _ovr_scores(dict(zip(CLASSES, exprs, strict=True)), X)
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
            if find_hls_tool(backend) is not None:  # pragma: no cover - needs Vivado/Vitis
                from trigml.hls import synthesize

                rep = synthesize(model, backend, max_complexity=c)
            else:
                rep = synthesis_skipped(backend, max_complexity=c)
                rep["estimate"] = sh.operation_estimate(exprs, clock_period=hls.get("clock_period", 5.0),
                                                        operator_latency=front.get("operator_complexity"))  # fmt: skip
            synth_out["designs"].append(rep)
    write_json(out_csim, csim_out)
    write_json(out_synth, synth_out)
    return {"csim": csim_out, "synthesis": synth_out}
