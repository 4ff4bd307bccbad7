"""Boolean functions: steps until the discrete network is exact, per seed and model."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--metrics", required=True, help="metrics.json of the boolean task")
    p.add_argument("--max-steps", type=int, required=True, help="boolean.max_steps (runs not exact)")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.plots import plot_steps_to_exact

        plot_steps_to_exact(args.metrics, args.out, max_steps=args.max_steps)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
