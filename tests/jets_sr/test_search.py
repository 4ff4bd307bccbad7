"""Choices on validation jets: the combination of class expressions and the headline model."""

import numpy as np
from trigml.jets_sr import search
from trigml.jets_sr.features import CLASSES
from trigml.jets_sr.settings import LUTSettings

LUT = LUTSettings(table_size=256, lo=-8.0, hi=8.0)


def test_combine_maximises_validation_accuracy_within_the_limit():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(5), 20)
    X = np.eye(5)[y] + rng.normal(0, 0.3, size=(100, 5))  # column k separates class k
    fronts = {}
    for k, c in enumerate(CLASSES):
        fronts[c] = [
            {"complexity": 1, "loss": 0.9, "expression": "0.0"},  # lowest loss within 1: a constant
            {"complexity": 3, "loss": 0.95, "expression": f"1.0*x{k}"},  # worse loss, better classifier
            {"complexity": 30, "loss": 0.1, "expression": f"2.0*x{k}"},
        ]
    cache = {}
    small = search.combine(fronts, X, y, 3, LUT, cache)
    assert all(small[c]["complexity"] <= 3 for c in CLASSES)
    acc = np.mean(np.argmax(search.ovr_scores({c: small[c]["expression"] for c in CLASSES}, X, LUT), 1) == y)
    assert acc > 0.9  # the coordinate ascent left the constants for the separating expressions
    big = search.combine(fronts, X, y, 40, LUT, cache, start=small)
    acc_big = np.mean(
        np.argmax(search.ovr_scores({c: big[c]["expression"] for c in CLASSES}, X, LUT), 1) == y
    )
    assert acc_big >= acc  # starting from the smaller limit's choice, a larger limit never loses


def test_headline_is_best_validation_accuracy_smallest_on_ties():
    entries = [{"max_complexity": 5, "validation_accuracy": 0.5}, {"max_complexity": 10, "validation_accuracy": 0.6},
               {"max_complexity": 20, "validation_accuracy": 0.6}, {"max_complexity": 40, "validation_accuracy": 0.55}]  # fmt: skip
    assert search.headline(entries)["max_complexity"] == 10


def test_validation_front_drops_what_the_fpga_would_not_compute():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 1))
    y = (X[:, 0] > 0).astype(int)  # class 0 = "g" where x0 <= 0
    data = {"search": (X, y), "val": (X, y)}
    from trigml.jets_sr.sr import Candidate

    cands = [Candidate("-1.0*x0", 3, 0.5), Candidate("-100.0*x0", 3, 0.1), Candidate("0.2", 1, 0.9)]
    front, dropped = search.validation_front(cands, data, 0, LUT, precision="ap_fixed<16,6>", check=True)
    assert dropped == 1 and [p["expression"] for p in front] == ["0.2", "-1.0*x0"]  # -100 x0 overflows ±32


def test_restarts_pool_independent_searches():
    from trigml.jets_sr.sr import Candidate

    class StandIn:
        """An engine whose candidates depend on the seed (each search finds other shapes)."""

        seeds: list[int] = []

        def fit(self, X, y, *, max_complexity, seed):
            self.seeds.append(seed)
            return [Candidate("0.1", 1, 0.9), Candidate(f"{seed}.0*x0", 3, 0.5 - seed * 1e-4)]

    seeds = search.restart_seeds(20211, 2, 3)
    assert seeds[0] == 20211 + 2000 and len(set(seeds)) == 3  # the first restart is the single search's seed
    engine = StandIn()
    pooled = search.pooled_fit(engine, np.zeros((4, 1)), np.ones(4), 5, seeds)
    assert engine.seeds == seeds
    assert [c.expression for c in pooled][0] == "0.1" and len(pooled) == 4  # the constant once, three shapes
    assert pooled == sorted(pooled, key=lambda c: (c.complexity, c.train_loss))
