"""Draw one figure of the tracking_fpga study from its JSON inputs (designs, csim, precision_scan,
synth, throughput); the plotted numbers are written beside it as JSON."""

from __future__ import annotations

import argparse

from trigml.cli import log_to
from trigml.tracking_fpga import plots

FIGURES = {
    "designs": plots.plot_designs,
    "csim": plots.plot_csim,
    "precision_scan": plots.plot_precision_scan,
    "synth": plots.plot_synth,
    "throughput": plots.plot_throughput,
}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--figure", required=True, choices=sorted(FIGURES))
    p.add_argument("--inputs", nargs="+", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        FIGURES[args.figure](*args.inputs, args.out)
        log.info("%s -> %s", args.figure, args.out)


if __name__ == "__main__":
    main()
elif "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(["--figure", smk.params.figure, "--inputs", *smk.input, "--out", smk.output[0], "--log", smk.log[0]])
