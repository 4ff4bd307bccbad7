"""ROC curves per signal and the technique ablation (figures with JSON twins)."""

import argparse

from trigml.anomaly_kd_l1.steps import plot_files
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--metrics", required=True)
    p.add_argument("--teacher-scores", required=True)
    p.add_argument("--student-scores", nargs="+", required=True)
    p.add_argument("--small-ae-scores", required=True)
    p.add_argument("--roc", required=True)
    p.add_argument("--ablation", required=True)
    p.add_argument("--data-label", default="simulation")
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        plot_files(
            metrics=a.metrics, teacher_scores=a.teacher_scores, student_scores=a.student_scores,
            small_ae_scores=a.small_ae_scores, roc_png=a.roc, ablation_png=a.ablation, data_label=a.data_label,
        )  # fmt: skip
        log.info("figures written: %s, %s", a.roc, a.ablation)


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        ["--metrics", smk.input.metrics, "--teacher-scores", smk.input.teacher_scores]
        + ["--student-scores", *smk.input.student_scores, "--small-ae-scores", smk.input.small_ae_scores]
        + ["--roc", smk.output.roc, "--ablation", smk.output.ablation, "--data-label", smk.params.data_label]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
