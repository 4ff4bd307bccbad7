"""Figure: ROC curve of the edge classifier."""

import argparse

from trigml.cli import log_to
from trigml.files import read_json
from trigml.tracking.plots import plot_roc


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--metrics", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_roc(read_json(args.metrics), args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--metrics", smk.input[0], "--out", smk.output[0], "--log", smk.log[0]])
elif __name__ == "__main__":
    main()
