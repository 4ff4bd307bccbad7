"""Figures: ROC per class (SR vs NN), AUC/accuracy vs complexity, approximation accuracy, latency,
each with its bootstrap intervals, a PDF and a JSON twin.

Under Snakemake: input.nn, input.front, input.synthesis, params.data_kind, output.roc,
output.complexity, output.approximation, output.resources.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--nn", required=True, help="metrics JSON of the float NN")
    p.add_argument("--front", required=True)
    p.add_argument("--synthesis", required=True)
    p.add_argument("--data-kind", required=True, choices=["simulated", "real"])
    for name in ("roc", "complexity", "approximation", "resources"):
        p.add_argument(f"--{name}", required=True, help=f"{name} figure (PNG)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr import plots

        plots.plot_roc(args.nn, args.front, args.roc, data_kind=args.data_kind)
        plots.plot_complexity(args.nn, args.front, args.complexity, data_kind=args.data_kind)
        plots.plot_approximation(args.nn, args.front, args.approximation, data_kind=args.data_kind)
        plots.plot_resources(args.synthesis, args.resources, data_kind=args.data_kind)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
