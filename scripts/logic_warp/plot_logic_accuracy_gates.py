"""Discrete test accuracy vs number of logic nodes, every classification task, WARP vs difflogic."""

import argparse

from trigml.cli import log_to
from trigml.logic_warp.plots import plot_accuracy_vs_gates


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--metrics", nargs="+", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_accuracy_vs_gates(args.metrics, args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--metrics", *smk.input, "--out", smk.output[0], "--log", smk.log[0]])
elif __name__ == "__main__":
    main()
