"""Train every model (WARP at k = 2, 4, 6, difflogic) on every network of one task (Boolean
functions or network sizes) for every seed; classification runs keep their best-validation epoch."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--task", required=True, choices=["boolean", "jets", "digits"])
    p.add_argument("--split", help="train/validation/test split (.npz) of a classification task")
    p.add_argument("--block", type=json_arg, required=True, help="the task's config block (JSON)")
    p.add_argument("--models", type=json_arg, required=True, help="logic_warp.models (JSON)")
    p.add_argument("--training", type=json_arg, required=True, help="logic_warp.training (JSON)")
    p.add_argument("--seeds", type=int, nargs="+", required=True)
    p.add_argument("--hardware", type=json_arg, required=True, help="logic_warp.hardware (JSON)")
    p.add_argument("--out-json", required=True, help="results and histories (JSON)")
    p.add_argument("--out-timing", required=True, help="wall times (JSON)")
    p.add_argument("--out-networks", required=True, help="first-seed networks (.pt)")
    p.add_argument("--device", default="auto", choices=["auto", "cpu"], help="cpu forces the CPU")
    args = p.parse_args(argv)
    if args.task != "boolean" and not args.split:
        p.error(f"task {args.task} needs --split")
    with log_to(args.log):
        from trigml.logic_warp.steps import train_task
        from trigml.runtime import device

        train_task(
            args.task, block=args.block, models=args.models, training=args.training, seeds=args.seeds,
            hardware=args.hardware, out_json=args.out_json, out_timing=args.out_timing,
            out_networks=args.out_networks, split_path=args.split, device=device(args.device),
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("models",)))  # noqa: F821
elif __name__ == "__main__":
    main()
