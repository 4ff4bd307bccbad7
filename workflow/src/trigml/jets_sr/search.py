"""The run_sr step: one-vs-rest search per class, fronts and model choice on validation jets,
test jets only reported.

1. per class, one search (:mod:`trigml.jets_sr.engines`) on ``n_train`` training jets, target
   t = +1 for the class and −1 otherwise, up to the largest complexity of the sweep;
2. expressions the HLS design would not compute faithfully are dropped (``require_hls_range``);
3. every candidate is scored on the *validation* jets with LUT sin/cos (what the FPGA computes):
   L2 margin loss and accuracy; the (complexity, validation loss) Pareto front is kept;
4. for each maximum complexity of the sweep, each class takes its front member of lowest
   validation loss within the limit, and the five expressions classify by argmax;
5. the headline model is the sweep entry of best validation accuracy (the smallest complexity on
   ties); its test accuracy and AUCs are reported with bootstrap intervals, as are all the others.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np

from .features import CLASSES, FEATURES
from .metrics import with_intervals
from .settings import LUTSettings, SRSettings, UncertaintySettings
from .sr import Candidate, evaluate, hls_range_problems, l2_margin_loss, pareto_front, reduce_trig_phase

log = logging.getLogger(__name__)


def feature_columns(features: list[str]) -> list[int]:
    """Columns of the SR features in the dataset's order; unknown names are an error."""
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"jets_sr.sr.features: unknown feature(s) {unknown}; known: {FEATURES}")
    return [FEATURES.index(f) for f in features]


def training_subset(X: np.ndarray, y: np.ndarray, n_train: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n_train`` training jets (all if fewer), drawn without replacement, seeded."""
    n = min(int(n_train), len(y))
    pick = np.sort(np.random.default_rng(seed).choice(len(y), size=n, replace=False))
    return X[pick], y[pick]


def deployable(cands: list[Candidate], X: np.ndarray, *, lut: LUTSettings, precision: str,
               check: bool) -> tuple[list[Candidate], int]:  # fmt: skip
    """Candidates with constant trig phases reduced mod 2π, minus those the HLS design would not
    compute faithfully on ``X`` (when ``check``); also how many were dropped."""
    kept: dict[str, Candidate] = {}
    dropped = 0
    for cand in cands:
        expr = str(reduce_trig_phase(cand.expression))
        if expr in kept:
            continue
        if check and hls_range_problems(expr, X, lut_range=(lut.lo, lut.hi), precision=precision):
            dropped += 1
            continue
        kept[expr] = Candidate(expr, cand.complexity, cand.train_loss)
    return list(kept.values()), dropped


def validation_front(
    cands: list[Candidate], X: np.ndarray, y: np.ndarray, k: int, lut: LUTSettings
) -> list[dict[str, Any]]:
    """The (complexity, validation L2 margin loss) Pareto front of one class's candidates."""
    t = np.where(y == k, 1.0, -1.0)
    points = []
    for cand in cands:
        pred = evaluate(cand.expression, X, lut=lut)
        points.append({
            "complexity": cand.complexity, "loss": l2_margin_loss(pred, t),
            "accuracy": float(np.mean(np.sign(pred) == t)), "train_loss": cand.train_loss,
            "expression": cand.expression,
        })  # fmt: skip
    return pareto_front(points)


def search_fronts(engine: Any, data: dict[str, Any], sr: SRSettings, lut: LUTSettings, *, precision: str,
                  seed: int) -> tuple[dict[str, list[dict[str, Any]]], dict[str, float], dict[str, int]]:  # fmt: skip
    """Per class: the search, the HLS check and the validation front; seconds and drops per class."""
    Xs, ys = data["search"]
    Xva, yva = data["val"]
    cmax = max(sr.complexities)
    fronts: dict[str, list[dict[str, Any]]] = {}
    seconds: dict[str, float] = {}
    dropped: dict[str, int] = {}
    for k, cls in enumerate(CLASSES):
        t0 = time.perf_counter()
        cands = engine.fit(Xs, np.where(ys == k, 1.0, -1.0), max_complexity=cmax, seed=seed + 1000 * k)
        cands, dropped[cls] = deployable(cands, Xs, lut=lut, precision=precision, check=sr.require_hls_range)
        fronts[cls] = validation_front(cands, Xva, yva, k, lut)
        seconds[cls] = time.perf_counter() - t0
        best = fronts[cls][-1]
        log.info("SR class %s (%d/%d): %.1f s, %d candidates, %d dropped by the HLS check, front of %d; "
                 "best validation loss %.4f at complexity %d", cls, k + 1, len(CLASSES), seconds[cls], len(cands),
                 dropped[cls], len(fronts[cls]), best["loss"], best["complexity"])  # fmt: skip
    return fronts, seconds, dropped


def ovr_scores(expressions: dict[str, str], X: np.ndarray, lut: LUTSettings | None) -> np.ndarray:
    """(N, 5) one-vs-rest scores of the five class expressions."""
    return np.stack([evaluate(expressions[c], X, lut=lut) for c in CLASSES], axis=1)


def choose(front: list[dict[str, Any]], cmax: int) -> dict[str, Any]:
    """The front member of lowest validation loss within complexity ``cmax`` (else the simplest)."""
    ok = [p for p in front if p["complexity"] <= cmax]
    return min(ok, key=lambda p: p["loss"]) if ok else min(front, key=lambda p: p["complexity"])


def sweep(fronts: dict[str, list[dict[str, Any]]], data: dict[str, Any], sr: SRSettings, lut: LUTSettings,
          unc: UncertaintySettings, seed: int, nn_predictions: np.ndarray) -> list[dict[str, Any]]:  # fmt: skip
    """The combined classifier per maximum complexity: validation accuracy (for the choice), test
    metrics with bootstrap intervals and the approximation accuracy (SR / NN accuracy on the same
    test jets, paired bootstrap interval) — reported."""
    from .metrics import ratio_interval
    from .nn import classification_metrics

    Xva, yva = data["val"]
    Xte, yte = data["test"]
    out = []
    for cmax in sorted(sr.complexities):
        chosen = {c: choose(fronts[c], cmax) for c in CLASSES}
        exprs = {c: chosen[c]["expression"] for c in CLASSES}
        val_acc = float(np.mean(np.argmax(ovr_scores(exprs, Xva, lut), axis=1) == yva))
        scores = ovr_scores(exprs, Xte, lut)
        test = with_intervals(scores, yte, n_bootstrap=unc.n_bootstrap, confidence=unc.confidence, seed=seed,
                              base=classification_metrics(scores, yte))  # fmt: skip
        ratio = ratio_interval(np.argmax(scores, axis=1) == yte, nn_predictions == yte, n_bootstrap=unc.n_bootstrap,
                               confidence=unc.confidence, seed=seed)  # fmt: skip
        out.append({"max_complexity": cmax, "expressions": exprs, "validation_accuracy": val_acc, "approximation": ratio,
                    "complexity": {c: chosen[c]["complexity"] for c in CLASSES},
                    "total_complexity": int(sum(chosen[c]["complexity"] for c in CLASSES)), **test})  # fmt: skip
        log.info("SR complexity ≤ %d: validation accuracy %.4f, test accuracy %.4f [%.4f, %.4f], SR/NN %.3f [%.3f, %.3f]",
                 cmax, val_acc, test["accuracy"], *test["accuracy_interval"], ratio["value"], *ratio["interval"])  # fmt: skip
    return out


def headline(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The sweep entry of best validation accuracy; the smaller complexity on ties."""
    return max(entries, key=lambda e: (round(e["validation_accuracy"], 12), -e["max_complexity"]))
