"""Per-signal ROC AUC and TPR at fixed FPR of the teacher, every student and the small autoencoder -> metrics.json."""

import argparse
import json

from trigml.anomaly_kd_l1.steps import evaluate_files
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--teacher-scores", required=True)
    p.add_argument("--teacher-info", required=True)
    p.add_argument("--student-scores", nargs="+", required=True)
    p.add_argument("--student-infos", nargs="+", required=True)
    p.add_argument("--small-ae-scores", required=True)
    p.add_argument("--small-ae-info", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--fpr", type=float, nargs="+", default=[1e-5, 1e-3])
    p.add_argument("--keep-fraction", type=float, default=0.95)
    p.add_argument("--max-param-ratio", type=float, default=0.05)
    p.add_argument("--data-info", type=json.loads, default={})
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        m = evaluate_files(
            teacher_scores=a.teacher_scores, teacher_info=a.teacher_info, student_scores=a.student_scores,
            student_infos=a.student_infos, small_ae_scores=a.small_ae_scores, small_ae_info=a.small_ae_info,
            out=a.out, fprs=a.fpr, keep_fraction=a.keep_fraction, max_param_ratio=a.max_param_ratio, data_info=a.data_info,
        )  # fmt: skip
        log.info("acceptance: %s", m["acceptance"])


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    mp = smk.params.metrics
    main(
        ["--teacher-scores", smk.input.teacher_scores, "--teacher-info", smk.input.teacher_info]
        + ["--student-scores", *smk.input.student_scores, "--student-infos", *smk.input.student_infos]
        + ["--small-ae-scores", smk.input.small_ae_scores, "--small-ae-info", smk.input.small_ae_info]
        + ["--out", smk.output[0], "--fpr", *map(str, mp["fpr"]), "--keep-fraction", str(mp["keep_fraction"])]
        + ["--max-param-ratio", str(mp["max_param_ratio"]), "--data-info", json.dumps(smk.params.data_info)]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
