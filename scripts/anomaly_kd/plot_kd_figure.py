"""Figures of the paper study from metrics.json: AUC vs student parameters per technique (teacher
band, the paper's values beside ours), or the EMD between student and teacher score distributions."""

import argparse

from trigml.anomaly_kd.plots import plot_auc_vs_params, plot_emd
from trigml.cli import log_to
from trigml.files import read_json

FIGURES = {"auc": plot_auc_vs_params, "emd": plot_emd}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--figure", choices=sorted(FIGURES), required=True)
    p.add_argument("--metrics", required=True)
    p.add_argument("--dataset", required=True)
    p.add_argument("--out", required=True, help="PNG; its JSON twin is written beside it")
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        FIGURES[args.figure](read_json(args.metrics), args.dataset, args.out)
        log.info("wrote %s", args.out)


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        ["--figure", smk.params.figure, "--metrics", smk.input[0], "--dataset", smk.wildcards.dataset]
        + ["--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
