"""Convergence of every model: validation discrete accuracy vs epoch (Boolean: accuracy on the
truth table vs step) and vs training wall time, mean ± std over seeds."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--runs", required=True, help="runs.json of the task")
    p.add_argument("--timing", required=True, help="timing.json of the task")
    p.add_argument("--jets", required=True, choices=["simulated", "real"], help="what the jet data is")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.plots import plot_convergence

        plot_convergence(args.runs, args.timing, args.out, jets=args.jets)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
