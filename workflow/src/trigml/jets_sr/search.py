"""The run_sr step: one-vs-rest search per class, fronts and model choice on validation jets,
test jets only reported.

1. per class, ``restarts`` independent searches (:mod:`trigml.jets_sr.engines`, seeds
   :func:`restart_seeds`) on ``n_train`` training jets, target t = +1 for the class and −1
   otherwise, up to the largest complexity of the sweep, their candidates pooled;
2. every candidate is scored on the *validation* jets with LUT sin/cos (what the FPGA computes):
   L2 margin loss and accuracy; the (complexity, validation loss) Pareto front is kept, without the
   expressions the HLS design would not compute faithfully (``require_hls_range``);
3. for each maximum complexity of the sweep, the five class expressions (front members within the
   limit) that classify the validation jets best by argmax (:func:`combine`);
4. the headline model is the sweep entry of best validation accuracy (the smallest complexity on
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
from .sr import Candidate, evaluate, hls_range_problems, l2_margin_loss

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


def validation_front(cands: list[Candidate], data: dict[str, Any], k: int, lut: LUTSettings, *, precision: str,
                     check: bool) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """The (complexity, validation L2 margin loss) Pareto front of one class's candidates, and how
    many would-be members were dropped because the HLS design would not compute them faithfully on
    the search jets (checked only for would-be members: the check is slow). sin/cos go through the
    lookup table everywhere, clamped at its ends as on the FPGA, so arguments beyond the table are
    allowed as long as they stay inside the fixed-point range (and constant phases are not reduced
    mod 2π: with a clamped table that is no identity)."""
    Xs = data["search"][0]
    Xva, yva = data["val"]
    t = np.where(yva == k, 1.0, -1.0)
    points: dict[str, dict[str, Any]] = {}
    for cand in cands:
        expr = cand.expression
        if expr not in points:
            pred = evaluate(expr, Xva, lut=lut)
            points[expr] = {"complexity": cand.complexity, "loss": l2_margin_loss(pred, t),
                            "accuracy": float(np.mean(np.sign(pred) == t)), "train_loss": cand.train_loss,
                            "expression": expr}  # fmt: skip
    front: list[dict[str, Any]] = []
    dropped = 0
    for p in sorted(points.values(), key=lambda p: (p["complexity"], p["loss"])):
        if front and p["loss"] >= front[-1]["loss"]:
            continue
        if check and hls_range_problems(p["expression"], Xs, lut_range=(lut.lo, lut.hi), precision=precision,
                                        trig_clamped=True):  # fmt: skip
            dropped += 1
            continue
        front.append(p)
    return front, dropped


def restart_seeds(seed: int, k: int, restarts: int) -> list[int]:
    """Seeds of the ``restarts`` independent searches of class ``k`` (the first is ``seed + 1000 k``)."""
    return [seed + 1000 * k + 7919 * r for r in range(restarts)]


def pooled_fit(engine: Any, X: np.ndarray, t: np.ndarray, cmax: int, seeds: list[int]) -> list[Candidate]:
    """The candidates of independent searches (one per seed) pooled: one entry per expression (its
    lowest training loss), sorted by (complexity, training loss)."""
    pool: dict[str, Candidate] = {}
    for s in seeds:
        for c in engine.fit(X, t, max_complexity=cmax, seed=s):
            if c.expression not in pool or pool[c.expression].train_loss > c.train_loss:
                pool[c.expression] = c
    return sorted(pool.values(), key=lambda c: (c.complexity, c.train_loss))


def search_fronts(engine: Any, data: dict[str, Any], sr: SRSettings, lut: LUTSettings, *, precision: str,
                  seed: int) -> tuple[dict[str, list[dict[str, Any]]], dict[str, float], dict[str, int]]:  # fmt: skip
    """Per class: the searches (``sr.restarts`` independent ones, candidates pooled), the HLS check
    and the validation front; seconds and drops per class."""
    Xs, ys = data["search"]
    cmax = max(sr.complexities)
    fronts: dict[str, list[dict[str, Any]]] = {}
    seconds: dict[str, float] = {}
    dropped: dict[str, int] = {}
    for k, cls in enumerate(CLASSES):
        t0 = time.perf_counter()
        cands = pooled_fit(engine, Xs, np.where(ys == k, 1.0, -1.0), cmax, restart_seeds(seed, k, sr.restarts))
        fronts[cls], dropped[cls] = validation_front(cands, data, k, lut, precision=precision,
                                                     check=sr.require_hls_range)  # fmt: skip
        seconds[cls] = time.perf_counter() - t0
        best = fronts[cls][-1]
        log.info("SR class %s (%d/%d): %.1f s, %d candidates, %d dropped by the HLS check, front of %d; "
                 "best validation loss %.4f at complexity %d", cls, k + 1, len(CLASSES), seconds[cls], len(cands),
                 dropped[cls], len(fronts[cls]), best["loss"], best["complexity"])  # fmt: skip
    return fronts, seconds, dropped


def ovr_scores(expressions: dict[str, str], X: np.ndarray, lut: LUTSettings | None) -> np.ndarray:
    """(N, 5) one-vs-rest scores of the five class expressions."""
    return np.stack([evaluate(expressions[c], X, lut=lut) for c in CLASSES], axis=1)


def combine(fronts: dict[str, list[dict[str, Any]]], X: np.ndarray, y: np.ndarray, cmax: int, lut: LUTSettings,
            cache: dict[str, np.ndarray], start: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:  # fmt: skip
    """The five class expressions within complexity ``cmax`` whose argmax classifies the validation
    jets best: start from each class's front member of lowest validation loss (or from ``start``, the
    choice at a smaller limit, whichever classifies better), then change one class at a time to the
    member that raises the validation accuracy (coordinate ascent, until no change; ties keep the
    current member). Classes with nothing within ``cmax`` take their simplest."""
    pools = {c: [p for p in fronts[c] if p["complexity"] <= cmax] or [min(fronts[c], key=lambda p: p["complexity"])]
             for c in CLASSES}  # fmt: skip
    for pool in pools.values():
        for p in pool:
            if p["expression"] not in cache:
                cache[p["expression"]] = evaluate(p["expression"], X, lut=lut)
    starts = [{c: min(pools[c], key=lambda p: p["loss"]) for c in CLASSES}] + ([start] if start else [])
    best, scores, chosen = -1.0, np.empty(0), starts[0]
    for init in starts:
        trial = np.stack([cache[init[c]["expression"]] for c in CLASSES], axis=1)
        acc = float(np.mean(np.argmax(trial, axis=1) == y))
        if acc > best:
            best, scores, chosen = acc, trial, dict(init)
    for _ in range(10):
        changed = False
        for k, c in enumerate(CLASSES):
            for p in pools[c]:
                trial = scores.copy()
                trial[:, k] = cache[p["expression"]]
                acc = float(np.mean(np.argmax(trial, axis=1) == y))
                if acc > best + 1e-12:
                    best, scores, chosen[c], changed = acc, trial, p, True
        if not changed:
            break
    return chosen


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
    cache: dict[str, np.ndarray] = {}
    chosen: dict[str, dict[str, Any]] | None = None
    for cmax in sorted(sr.complexities):
        chosen = combine(fronts, Xva, yva, cmax, lut, cache, start=chosen)
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
