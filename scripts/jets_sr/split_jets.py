"""Stratified train/validation/test split of the jet dataset and the input standardisation.

Under Snakemake: input.dataset, params.fractions, params.seed, output.out.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--fractions", type=float, nargs=3, required=True, help="train, validation, test")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True, help="split .npz")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.steps import make_split

        make_split(args.dataset, args.out, fractions=tuple(args.fractions), seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
