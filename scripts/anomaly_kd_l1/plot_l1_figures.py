"""Trigger ROC curves per signal (log FPR axis, the working points marked) and the technique ablation;
PNG, PDF and JSON twins.

Under Snakemake every option comes by name from the rule (input.metrics, input.teacher_scores,
input.student_scores, input.small_ae_scores, params.data_label, output.roc, output.ablation)
through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--metrics", required=True)
    p.add_argument("--teacher-scores", required=True)
    p.add_argument("--student-scores", nargs="+", required=True)
    p.add_argument("--small-ae-scores", required=True)
    p.add_argument("--roc", required=True)
    p.add_argument("--ablation", required=True)
    p.add_argument("--data-label", required=True, choices=["simulated", "real"])
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.steps import plot_files

        plot_files(
            metrics=a.metrics, teacher_scores=a.teacher_scores, student_scores=a.student_scores,
            small_ae_scores=a.small_ae_scores, roc_png=a.roc, ablation_png=a.ablation, data_label=a.data_label,
        )  # fmt: skip
        log.info("figures written: %s, %s", a.roc, a.ablation)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
