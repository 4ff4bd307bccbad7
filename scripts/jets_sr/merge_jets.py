"""Merge the per-class simulated jets into the study's dataset (parquet) and timing JSON."""

import argparse

from trigml.cli import log_to
from trigml.jets_sr.simulate import merge_classes


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--parquets", nargs="+", required=True)
    p.add_argument("--stats", nargs="+", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--out-stats", required=True)
    p.add_argument("--log")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    with log_to(args.log):
        merge_classes(args.parquets, args.stats, args.out, args.out_stats, seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main([
        "--parquets", *smk.input.parquets, "--stats", *smk.input.stats, "--seed", str(smk.params.seed),
        "--out", smk.output.parquet, "--out-stats", smk.output.stats, "--log", smk.log[0],
    ])  # fmt: skip
elif __name__ == "__main__":
    main()
