"""Draw one figure of the tracking_fpga study from its JSON inputs (designs, csim, precision_scan,
synth, throughput); the plotted numbers are written beside it as JSON."""

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


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--figure", smk.params.figure, "--inputs", *smk.input, "--out", smk.output[0], "--log", smk.log[0]])
elif __name__ == "__main__":
    main()
