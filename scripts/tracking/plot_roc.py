"""Figure: ROC curve of the edge classifier with the working point and the AUC interval.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--metrics", required=True, help="edge metrics JSON (evaluate_edges)")
    p.add_argument("--out", required=True, help="PNG to write (its JSON twin beside it)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.files import read_json
        from trigml.tracking.plots import plot_roc

        plot_roc(read_json(args.metrics), args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
