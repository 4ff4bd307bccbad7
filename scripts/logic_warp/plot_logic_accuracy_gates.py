"""Discrete test accuracy (mean ± std over seeds) vs logic nodes, every model and classification task."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--metrics", nargs="+", required=True, help="metrics.json of the classification tasks")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.plots import plot_accuracy_vs_gates

        plot_accuracy_vs_gates(args.metrics, args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
