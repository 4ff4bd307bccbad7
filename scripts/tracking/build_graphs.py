"""Build the geometric graphs (the paper's 23 layer pairs, phi-slope and z0 cuts) of filtered-hit
files, one graph file per event; the log line splits read, build and write time.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--hits", nargs="+", required=True, help="filtered-hit parquet files")
    p.add_argument("--graphs", nargs="+", required=True, help="graph files to write (same order)")
    p.add_argument("--pt-min", type=float, required=True)
    p.add_argument("--phi-slope-max", type=float, required=True, help="largest |dphi/dr| [1/mm]")
    p.add_argument("--z0-max", type=float, required=True, help="largest |z0| [mm]")
    p.add_argument("--labels", choices=["dezoort", "consecutive"], required=True, help="edge labels")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking.steps import build_graphs

        build_graphs(args.hits, args.graphs, pt_min=args.pt_min, phi_slope_max=args.phi_slope_max,
                     z0_max=args.z0_max, labels=args.labels)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
