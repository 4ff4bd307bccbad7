"""Edge efficiency and purity (with intervals), mean nodes and edges per event of the graphs at
one pT threshold.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--graphs", nargs="+", required=True, help="graph files")
    p.add_argument("--pt-min", type=float, required=True)
    p.add_argument("--phi-slope-max", type=float, required=True)
    p.add_argument("--z0-max", type=float, required=True)
    p.add_argument("--summary", required=True, help="JSON to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.files import write_json
        from trigml.tracking.steps import graph_summary

        write_json(args.summary, graph_summary(args.graphs, pt_min=args.pt_min,
                                               phi_slope_max=args.phi_slope_max, z0_max=args.z0_max))  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
