"""Numbers published by Pol et al. (2023), drawn beside ours in every figure.

ROC-AUC averaged over the ten one-class tasks (Table 1 / Fig. 2 of the ESANN 2023 paper);
parameters and ptflops complexity as quoted in the authors' ``models.py``.
"""

from __future__ import annotations

STUDENTS = ("A", "B", "C", "D", "E", "F", "G")
PARAMS = {"teacher": 19357, "A": 7180, "B": 2190, "C": 1060, "D": 409, "E": 225, "F": 133, "G": 77}
# ptflops "MMac" of the authors' models (counts element-wise operations too; see the README)
MACS_PTFLOPS = {
    "teacher": 18.91e6,
    "A": 6.37e6,
    "B": 2.25e6,
    "C": 432.09e3,
    "D": 131.26e3,
    "E": 114.3e3,
    "F": 57.85e3,
    "G": 53.27e3,
}

# AUC[dataset][technique] = {"teacher": ..., "A": ..., ...}; only the values the paper prints.
AUC = {
    "mnist": {
        "baseline": {
            "teacher": 0.948,
            **dict(zip(STUDENTS, (0.936, 0.935, 0.918, 0.882, 0.869, 0.784, 0.818), strict=True)),
        },
    },
    "fashion_mnist": {
        "baseline": {
            "teacher": 0.889,
            **dict(zip(STUDENTS, (0.842, 0.852, 0.852, 0.866, 0.841, 0.848, 0.795), strict=True)),
        },
        "outlier_exposure": dict(
            zip(STUDENTS, (0.872, 0.872, 0.876, 0.865, 0.870, 0.865, 0.854), strict=True)
        ),
    },
}
# The offline sets replace MNIST: their figures show the paper's MNIST values, labelled so.
DISPLAY = {"mnist": "MNIST", "fashion_mnist": "Fashion-MNIST"}
COMPARE_WITH = {"mnist": "mnist", "fashion_mnist": "fashion_mnist", "mnist5k": "mnist", "digits": "mnist"}


def paper_auc(dataset: str, technique: str) -> tuple[str | None, dict[str, float]]:
    """(paper dataset compared with, {model: AUC}) for our ``dataset`` and ``technique`` ({} if none)."""
    ref = COMPARE_WITH.get(dataset)
    if ref is None:
        return None, {}
    return ref, dict(AUC.get(ref, {}).get(technique, {}))
