"""Gather the scores of every (dataset, technique, class) into metrics.json: test AUC (mean, std over
classes, bootstrap interval), validation AUC, AUC ratio to the teacher, EMD, parameters, MACs,
footprint, and per student the technique chosen on validation AUC.

Under Snakemake every option comes by name from the rule (input.scores, params.students,
params.teacher, params.settings, params.seed, output.metrics) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--scores", nargs="+", required=True, help="scores.npz files of the training rules")
    p.add_argument("--students", type=json_arg, required=True, help="JSON {name: [layer tokens]}")
    p.add_argument("--teacher", type=json_arg, required=True, help="JSON of ConvAutoencoder arguments")
    p.add_argument("--settings", type=json_arg, required=True,
                   help="JSON: quant_bits, keep_threshold, bootstrap, ci_level (config anomaly_kd.metrics)")  # fmt: skip
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--metrics", required=True, help="metrics.json to write")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.anomaly_kd.evaluate import summarize
        from trigml.files import write_json

        st = args.settings
        m = summarize(args.scores, students=args.students, teacher_config=args.teacher, quant_bits=st["quant_bits"],
                      keep_threshold=st["keep_threshold"], n_boot=st["bootstrap"], ci_level=st["ci_level"],
                      seed=args.seed)  # fmt: skip
        write_json(args.metrics, m)
        for k, v in m["headline"].items():
            log.info("%s: %s", k, f"{v:.4f}" if isinstance(v, float) else v)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
