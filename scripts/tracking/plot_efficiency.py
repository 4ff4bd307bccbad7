"""Figures: tracking efficiency vs particle pT and vs eta, with Clopper-Pearson error bars.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--tracks", required=True, help="track metrics JSON (build_tracks)")
    p.add_argument("--pt", required=True, help="figure vs pT to write")
    p.add_argument("--eta", required=True, help="figure vs eta to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.files import read_json
        from trigml.tracking.plots import plot_efficiency

        tracks = read_json(args.tracks)
        plot_efficiency(tracks, args.pt, variable="pt")
        plot_efficiency(tracks, args.eta, variable="eta")


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
