"""Figure: each of the 16 features per jet class (JSON twin: per-class means)."""

import argparse

from trigml.cli import log_to
from trigml.jets_sr.plots import plot_features


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--real", action="store_true", help="the data are the real OpenML 42468 jets")
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_features(args.dataset, args.out, real=args.real)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--dataset", smk.input[0], "--out", smk.output[0], "--log", smk.log[0]]
        + (["--real"] if smk.params.real else [])
    )
elif __name__ == "__main__":
    main()
