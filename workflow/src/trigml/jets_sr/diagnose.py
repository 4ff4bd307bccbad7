"""Why the NN baseline reaches the accuracy it does: a learning curve and a model-independent check.

    python -m trigml.jets_sr.diagnose results/jets_sr/data/jets.parquet results/jets_sr/data/split.npz

trains the authors' 16→64→32→32→5 NN (30 epochs, batch 64, seed 1) on 25 %, 50 % and 100 % of the
training jets and a gradient-boosted tree classifier (scikit-learn ``HistGradientBoostingClassifier``)
on all training jets with all 16 features, the six SR features and mass + multiplicity; every model
is scored on the same test jets. A curve that flattens and a tree model that matches the NN mean
the NN is limited by what the features carry, not by the sample size. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

SR_FEATURES = ["mass_mmdt", "multiplicity", "zlogz", "c1_b0_mmdt", "c2_b1_mmdt", "d2_b1_mmdt"]


def diagnose(
    dataset: str, split_npz: str, *, fractions: tuple[float, ...] = (0.25, 0.5, 1.0), seed: int = 1
) -> dict[str, Any]:
    """Learning curve of the NN and tree-model accuracies on the test jets (see module)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from . import nn as jnn
    from .features import FEATURES
    from .steps import load_split

    d = load_split(dataset, split_npz)
    (Xtr, ytr), (Xva, yva), (Xte, yte) = d["train"], d["val"], d["test"]
    order = np.random.default_rng(seed).permutation(len(ytr))
    curve = []
    for frac in fractions:
        idx = order[: int(frac * len(ytr))]
        jnn.set_seeds(seed)
        model = jnn.build_mlp(n_inputs=Xtr.shape[1], hidden=(64, 32, 32))
        jnn.train_mlp(model, Xtr[idx], ytr[idx], Xva, yva, epochs=30, batch_size=64, seed=seed)
        acc = float(np.mean(np.argmax(model.predict(Xte, verbose=0), axis=1) == yte))
        curve.append({"n_train": int(len(idx)), "nn_test_accuracy": acc})
    trees = {}
    for name, cols in (
        ("all 16", FEATURES),
        ("six SR features", SR_FEATURES),
        ("mass + multiplicity", SR_FEATURES[:2]),
    ):
        c = [FEATURES.index(f) for f in cols]
        clf = HistGradientBoostingClassifier(random_state=0).fit(Xtr[:, c], ytr)
        trees[name] = float(clf.score(Xte[:, c], yte))
    return {"n_test": int(len(yte)), "nn_learning_curve": curve, "tree_test_accuracy": trees}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dataset")
    p.add_argument("split")
    args = p.parse_args(argv)
    print(json.dumps(diagnose(args.dataset, args.split), indent=1))


if __name__ == "__main__":
    main()
