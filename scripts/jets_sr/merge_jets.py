"""Merge the per-class simulated jets into the study's dataset (parquet) and the timing JSON.

Under Snakemake: input.class_parquets, input.class_stats, params.seed, output.parquet,
output.stats (through trigml.cli.snakemake_argv).
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--class-parquets", nargs="+", required=True)
    p.add_argument("--class-stats", nargs="+", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--parquet", required=True, help="the merged dataset")
    p.add_argument("--stats", required=True, help="the merged timing JSON")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.simulate import merge_classes

        merge_classes(args.class_parquets, args.class_stats, args.parquet, args.stats, seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
