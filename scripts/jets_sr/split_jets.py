"""Stratified train/validation/test split of the jet dataset and the input standardisation."""

import argparse

from trigml.cli import log_to
from trigml.jets_sr.steps import make_split


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--fractions", type=float, nargs=3, default=[0.6, 0.2, 0.2])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        make_split(args.dataset, args.out, fractions=tuple(args.fractions), seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--dataset", smk.input[0], "--fractions", *map(str, smk.params.fractions), "--seed", str(smk.params.seed),
          "--out", smk.output[0], "--log", smk.log[0]])  # fmt: skip
elif __name__ == "__main__":
    main()
