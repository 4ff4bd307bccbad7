"""Jet tagging: LUTs (Yosys synth_xilinx) vs accuracy, with LogicNets' published JSC points."""

import argparse

from trigml.cli import log_to
from trigml.logic_warp.plots import plot_luts_vs_accuracy


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--metrics", required=True, help="metrics.json of the jets task")
    p.add_argument("--data", default="simulation", help="what the jet data is (simulation / real)")
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_luts_vs_accuracy(args.metrics, args.out, data=args.data)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--metrics", smk.input[0], "--data", smk.params.data, "--out", smk.output[0], "--log", smk.log[0]])
elif __name__ == "__main__":
    main()
