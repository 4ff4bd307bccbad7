"""The ablation: one model and network of a classification task trained with each of the paper's
tricks (residual initialisation, learnable thresholds, stochastic smoothing) switched off, every seed."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--task", required=True, choices=["jets", "digits"])
    p.add_argument("--split", required=True, help="train/validation/test split (.npz)")
    p.add_argument("--block", type=json_arg, required=True, help="the task's config block (JSON)")
    p.add_argument("--model", type=json_arg, required=True, help="the model's logic_warp.models entry (JSON)")
    p.add_argument("--training", type=json_arg, required=True, help="logic_warp.training (JSON)")
    p.add_argument("--network", required=True, help="name of the network size")
    p.add_argument(
        "--switches", nargs="+", required=True, choices=["residual_init", "learnable_thresholds", "smoothing"]
    )
    p.add_argument("--seeds", type=int, nargs="+", required=True)
    p.add_argument("--hardware", type=json_arg, required=True, help="logic_warp.hardware (JSON)")
    p.add_argument("--out-json", required=True)
    p.add_argument("--device", default="auto", choices=["auto", "cpu"], help="cpu forces the CPU")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.steps import train_ablation
        from trigml.runtime import device

        train_ablation(
            args.task, block=args.block, model=args.model, training=args.training, network=args.network,
            switches=args.switches, seeds=args.seeds, hardware=args.hardware, split_path=args.split,
            out_json=args.out_json, device=device(args.device),
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
