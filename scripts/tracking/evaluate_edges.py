"""Edge metrics of a trained IN on the test graphs at the validation TPR = TNR threshold, with an
event-bootstrap interval on each; writes the test events' edge scores for track building.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--model", required=True, help="IN checkpoint (train_in)")
    p.add_argument("--val", nargs="+", required=True, help="validation graph files (threshold)")
    p.add_argument("--test", nargs="+", required=True, help="test graph files (metrics)")
    p.add_argument("--n-boot", type=int, required=True, help="bootstrap replicas over test events")
    p.add_argument("--seed", type=int, required=True, help="seed of the bootstrap")
    p.add_argument("--metrics", required=True, help="metrics JSON to write")
    p.add_argument("--scores", required=True, help="edge scores npz to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        import torch
        from trigml.tracking.steps import evaluate_edges

        torch.set_num_threads(args.threads)
        evaluate_edges(args.model, args.val, args.test, n_boot=args.n_boot, seed=args.seed,
                       metrics_path=args.metrics, scores_path=args.scores)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
