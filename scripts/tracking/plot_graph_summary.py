"""Figure: graph efficiency, purity, nodes and edges vs pT threshold, with the paper's values."""

import argparse

from trigml.cli import log_to
from trigml.files import read_json
from trigml.tracking.plots import plot_graph_summary


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--summaries", nargs="+", required=True)
    p.add_argument("--out", required=True, help="PNG (its JSON twin is written beside it)")
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_graph_summary([read_json(s) for s in args.summaries], args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--summaries", *smk.input, "--out", smk.output[0], "--log", smk.log[0]])
elif __name__ == "__main__":
    main()
