"""Figure: each of the 16 features per jet class, reference masses marked (JSON twin: per-class
means, standard deviations and quantiles).

Under Snakemake: input.dataset, params.data_kind, output.out.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--data-kind", required=True, choices=["simulated", "real"])
    p.add_argument("--out", required=True, help="PNG (a PDF and a JSON twin are written beside it)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.plots import plot_features

        plot_features(args.dataset, args.out, data_kind=args.data_kind)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
