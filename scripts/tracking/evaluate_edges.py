"""Edge metrics of a trained IN on the test graphs, at the validation TPR = TNR threshold."""

import argparse

import torch
from trigml.cli import log_to
from trigml.tracking.steps import evaluate_edges


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--val", nargs="+", required=True)
    p.add_argument("--test", nargs="+", required=True)
    p.add_argument("--metrics", required=True, help="metrics JSON to write")
    p.add_argument("--scores", required=True, help="npz of the test events' edge scores")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--log")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    with log_to(args.log):
        evaluate_edges(args.model, args.val, args.test, metrics_path=args.metrics, scores_path=args.scores)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--model", smk.input.model, "--val", *smk.input.val, "--test", *smk.input.test]
        + ["--metrics", smk.output.metrics, "--scores", smk.output.scores, "--threads", str(smk.threads)]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
