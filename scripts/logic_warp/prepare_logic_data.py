"""Train / validation / test split of a classification task of the logic study (jets: standardised
features; digits: scikit-learn's bundled 8x8 images)."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--task", required=True, choices=["jets", "digits"])
    p.add_argument("--jets", help="jet parquet (task jets only)")
    p.add_argument("--block", type=json_arg, required=True, help="the task's config block (JSON)")
    p.add_argument("--training", type=json_arg, required=True, help="logic_warp.training (JSON)")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True, help="split file (.npz) to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp import settings
        from trigml.logic_warp.steps import prepare_task

        task = settings.classifier_task(args.block, args.training)
        prepare_task(args.task, args.out, settings=task, seed=args.seed, jets=args.jets)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
