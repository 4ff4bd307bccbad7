"""Draw one figure of the tracking_fpga study from its JSON inputs (designs, csim, precision_scan,
synth, throughput); the plotted numbers are written beside it as JSON."""

from trigml.cli import log_to, parser, snakemake_argv

FIGURES = ("designs", "csim", "precision_scan", "synth", "throughput")


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--figure", required=True, choices=FIGURES)
    p.add_argument("--inputs", nargs="+", required=True)
    p.add_argument("--png", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking_fpga import plots

        getattr(plots, f"plot_{args.figure}")(*args.inputs, args.png)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
