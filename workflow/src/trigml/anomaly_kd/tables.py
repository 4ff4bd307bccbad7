"""Markdown tables of ``metrics.json`` for docs/anomaly_kd.md:
``python -m trigml.anomaly_kd.tables results/anomaly_kd/metrics.json``."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

TECH = {"baseline": "baseline", "colearning": "co-learning", "outlier_exposure": "co-learning + outlier exp.",
        "noise_exposure": "co-learning + noise exp."}  # fmt: skip


def _auc(m: Mapping[str, Any]) -> str:
    lo, hi = m["auc_ci"]
    return f"{m['auc_mean']:.3f} [{lo:.3f}, {hi:.3f}]"


def tables(metrics: Mapping[str, Any]) -> str:
    """Per dataset: test AUC with its 95 % interval per technique and model, the teacher ratio, and
    the technique each student gets on validation."""
    out: list[str] = []
    for d in metrics["datasets"].values():
        techs = d["techniques"]
        models = list(next(iter(techs.values()))["models"])
        out += [f"**{d['dataset']}** — test ROC AUC, class mean [95 % bootstrap interval]; classes "
                f"{next(iter(techs.values()))['classes']}:", "",
                "| technique | " + " | ".join(models) + " |", "|---" * (len(models) + 1) + "|"]  # fmt: skip
        for t, v in techs.items():
            out.append(f"| {TECH[t]} | " + " | ".join(_auc(v["models"][k]) for k in models) + " |")
        out += ["", "| AUC / teacher AUC | " + " | ".join(models[1:]) + " |", "|---" * len(models) + "|"]
        for t, v in techs.items():
            out.append(
                f"| {TECH[t]} | "
                + " | ".join(f"{v['models'][k]['auc_ratio']:.3f}" for k in models[1:])
                + " |"
            )
        out += ["", "| student | technique chosen on validation | validation AUC | test AUC [95 %] | ratio to its teacher |",
                "|---|---|---|---|---|"]  # fmt: skip
        for k, s in d["selected_on_validation"].items():
            lo, hi = s["test_auc_ci"]
            out.append(f"| {k} | {TECH[s['technique']]} | {s['val_auc']:.3f} | {s['test_auc']:.3f} [{lo:.3f}, {hi:.3f}] | "
                       f"{s['auc_ratio']:.3f} |")  # fmt: skip
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    from trigml.files import read_json

    args = sys.argv[1:] if argv is None else argv
    print(tables(read_json(args[0])))


if __name__ == "__main__":
    main()
