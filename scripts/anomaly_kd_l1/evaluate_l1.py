"""Per-signal ROC AUC and TPR at the configured FPRs (each with a bootstrap interval) of the teacher,
every student and the small autoencoder; the technique chosen on the validation sets; event-level
diagnostics of each signal -> metrics.json.

Under Snakemake every option comes by name from the rule (input.dataset, input.teacher_scores, ...,
params.settings, params.seed, params.data_info, output.metrics) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True, help="npz of prepare_l1_dataset (for the diagnostics)")
    p.add_argument("--teacher-scores", required=True)
    p.add_argument("--teacher-info", required=True)
    p.add_argument("--student-scores", nargs="+", required=True)
    p.add_argument("--student-infos", nargs="+", required=True)
    p.add_argument("--small-ae-scores", required=True)
    p.add_argument("--small-ae-info", required=True)
    p.add_argument("--settings", type=json_arg, required=True,
                   help="JSON of anomaly_kd_l1.metrics: fpr, keep_fraction, max_param_ratio, bootstrap, ci_level")  # fmt: skip
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--data-info", type=json_arg, required=True)
    p.add_argument("--metrics", required=True, help="metrics.json to write")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.steps import evaluate_files

        m = evaluate_files(
            dataset=a.dataset, teacher_scores=a.teacher_scores, teacher_info=a.teacher_info,
            student_scores=a.student_scores, student_infos=a.student_infos, small_ae_scores=a.small_ae_scores,
            small_ae_info=a.small_ae_info, out=a.metrics, settings=a.settings, seed=a.seed, data_info=a.data_info,
        )  # fmt: skip
        log.info("acceptance: %s", m["acceptance"])


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
