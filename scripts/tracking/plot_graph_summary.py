"""Figure: graph efficiency, purity, nodes and edges vs pT threshold, DeZoort et al.'s values beside.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--summaries", nargs="+", required=True, help="graph summary JSONs")
    p.add_argument("--out", required=True, help="PNG to write (its JSON twin beside it)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.files import read_json
        from trigml.tracking.plots import plot_graph_summary

        plot_graph_summary([read_json(s) for s in args.summaries], args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
