"""Jet tagging: LUTs (Yosys synth_xilinx) vs accuracy, every model, with LogicNets' published points."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--metrics", required=True, help="metrics.json of the jets task")
    p.add_argument("--data", required=True, choices=["simulated", "real"], help="what the jet data is")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.plots import plot_luts_vs_accuracy

        plot_luts_vs_accuracy(args.metrics, args.out, data=args.data)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
