"""Convergence of WARP vs difflogic: loss and discrete accuracy vs epoch (steps) and wall time."""

import argparse

from trigml.cli import log_to
from trigml.logic_warp.plots import plot_convergence


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--task", required=True)
    p.add_argument("--runs", nargs="+", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_convergence(args.runs, args.out, task=args.task)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--task", smk.wildcards.task, "--runs", *smk.input.runs, "--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
