"""Markdown tables of ``metrics.json`` for docs/anomaly_kd_l1.md:
``python -m trigml.anomaly_kd_l1.tables results/anomaly_kd_l1/metrics.json``."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from .evaluate import fpr_key


def _tpr(m: Mapping[str, Any], fpr: float) -> str:
    r = m[fpr_key(fpr)]
    if r["tpr"] is None:
        return "—"
    return f"{r['tpr']:.4f} [{r['ci'][0]:.4f}, {r['ci'][1]:.4f}]"


def tables(metrics: Mapping[str, Any]) -> str:
    """Per model and signal: AUC [interval] and TPR at each FPR [interval]; the selection; diagnostics."""
    fprs, signals = metrics["fpr_targets"], metrics["signals"]
    rows = [("teacher AE", metrics["teacher"])]
    rows += [(f"student `{k}`", v) for k, v in metrics["students"].items()]
    rows.append(("small AE, no distillation", metrics["small_ae"]))
    out = ["| model | params | signal | AUC [95 %] | " + " | ".join(f"TPR @ FPR {f:g} [95 %]" for f in fprs) + " |",
           "|---" * (4 + len(fprs)) + "|"]  # fmt: skip
    for name, m in rows:
        for s in signals:
            sig = m["signals"][s]
            ci = sig["auc_ci"]
            out.append(f"| {name} | {m['n_params']:,} | {s} | {sig['auc']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}] | "
                       + " | ".join(_tpr(sig, f) for f in fprs) + " |")  # fmt: skip
    acc = metrics["acceptance"]
    out += ["", f"Best technique (chosen on validation): `{acc['best_technique']}`; signals kept (test): "
            f"{acc['n_signals_auc_kept']}; passed: {acc['passed']}; teacher below random: "
            f"{', '.join(acc['signals_teacher_below_random']) or 'none'}.", ""]  # fmt: skip
    diag = metrics["diagnostics"]
    if diag:
        keys = ["met", "sum_pt", "lead_lepton_pt", "n_objects"]
        out += ["| sample | mean MET (GeV) | mean Σ pT (GeV) | mean leading-lepton pT (GeV) | mean objects | AUC of Σ pT | AUC of MET |",
                "|---|---|---|---|---|---|---|"]  # fmt: skip
        for s in ["background", *signals]:
            d = diag[s]
            extra = (
                ["—", "—"] if s == "background" else [f"{d['auc_of_sum_pt']:.3f}", f"{d['auc_of_met']:.3f}"]
            )
            out.append(
                f"| {s} | " + " | ".join(f"{d[k]:.1f}" for k in keys) + " | " + " | ".join(extra) + " |"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    from trigml.files import read_json

    args = sys.argv[1:] if argv is None else argv
    print(tables(read_json(args[0])))


if __name__ == "__main__":
    main()
