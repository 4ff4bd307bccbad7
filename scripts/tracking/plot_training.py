"""Figure: loss and accuracy per epoch of the IN training.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--history", required=True, help="history JSON (train_in)")
    p.add_argument("--out", required=True, help="PNG to write (its JSON twin beside it)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.files import read_json
        from trigml.tracking.plots import plot_training

        plot_training(read_json(args.history), args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
