"""Filter every event's hits at one pT threshold (pixel layers, pT > threshold, one hit per
particle and layer) and write one parquet file per event.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--events", nargs="+", required=True, help="the events' challenge CSV files (inputs)")
    p.add_argument("--prefixes", nargs="+", required=True, help="event prefixes .../event<9 digits>, in order")
    p.add_argument("--pt-min", type=float, required=True, help="truth pT threshold [GeV]")
    p.add_argument("--hits", nargs="+", required=True, help="one parquet file per prefix (outputs)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking.steps import filter_events

        filter_events(args.prefixes, args.hits, pt_min=args.pt_min)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
