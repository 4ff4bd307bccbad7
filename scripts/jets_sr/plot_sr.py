"""Figures: ROC per class (SR vs NN), AUC/accuracy vs complexity, approximation accuracy, latency."""

import argparse

from trigml.cli import log_to
from trigml.jets_sr import plots


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--nn", required=True, help="metrics JSON of the float NN")
    p.add_argument("--front", required=True)
    p.add_argument("--synthesis", required=True)
    p.add_argument("--real", action="store_true")
    p.add_argument("--roc", required=True)
    p.add_argument("--complexity", required=True)
    p.add_argument("--approximation", required=True)
    p.add_argument("--resources", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plots.plot_roc(args.nn, args.front, args.roc, real=args.real)
        plots.plot_complexity(args.nn, args.front, args.complexity, real=args.real)
        plots.plot_approximation(args.nn, args.front, args.approximation, real=args.real)
        plots.plot_resources(args.synthesis, args.resources, real=args.real)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--nn", smk.input.nn, "--front", smk.input.front, "--synthesis", smk.input.synthesis,
          "--roc", smk.output.roc, "--complexity", smk.output.complexity, "--approximation", smk.output.approximation,
          "--resources", smk.output.resources, "--log", smk.log[0]] + (["--real"] if smk.params.real else []))  # fmt: skip
elif __name__ == "__main__":
    main()
