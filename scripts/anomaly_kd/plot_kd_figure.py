"""Figures of the paper study from metrics.json: AUC vs student parameters per technique (bootstrap
intervals, teacher band, the paper's values beside ours), or the EMD between student and teacher
score distributions. Writes the PNG, a PDF and a JSON twin beside it.

Under Snakemake every option comes by name from the rule (input.metrics, params.figure,
params.dataset, output.png) through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--figure", choices=["auc", "emd"], required=True)
    p.add_argument("--metrics", required=True)
    p.add_argument("--dataset", required=True)
    p.add_argument("--png", required=True, help="PNG; its PDF and JSON twin are written beside it")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.anomaly_kd.plots import plot_auc_vs_params, plot_emd
        from trigml.files import read_json

        figure = {"auc": plot_auc_vs_params, "emd": plot_emd}[args.figure]
        figure(read_json(args.metrics), args.dataset, args.png)
        log.info("wrote %s", args.png)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
