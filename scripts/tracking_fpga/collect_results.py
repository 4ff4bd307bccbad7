"""Gather per-job JSON results (C simulations, precision scans, synthesis points) into one file."""

import argparse

from trigml.cli import log_to
from trigml.tracking_fpga.plots import collect


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--inputs", nargs="+", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        collect(args.inputs, args.out)
        log.info("%d results -> %s", len(args.inputs), args.out)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--inputs", *smk.input, "--out", smk.output[0], "--log", smk.log[0]])
elif __name__ == "__main__":
    main()
