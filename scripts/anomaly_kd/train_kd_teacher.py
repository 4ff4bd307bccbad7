"""Baseline, step 1: train the teacher autoencoder of one one-class task alone.

Under Snakemake every option comes by name from the rule (input.data, params.cls, params.train,
params.teacher, params.val_fraction, params.seed, params.device, output.checkpoint) through
trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--data", required=True, help="image set (npz) from prepare_kd_images")
    p.add_argument("--cls", type=int, required=True, help="the normal class")
    p.add_argument("--train", type=json_arg, required=True, help="JSON of TrainSettings fields")
    p.add_argument("--teacher", type=json_arg, required=True, help="JSON of ConvAutoencoder arguments")
    p.add_argument("--val-fraction", type=float, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--device", required=True, choices=["auto", "cpu"])
    p.add_argument("--checkpoint", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        import torch
        from trigml.anomaly_kd.steps import fit_teacher
        from trigml.anomaly_kd.train import TrainSettings
        from trigml.runtime import device

        torch.set_flush_denormal(True)
        s = TrainSettings(**args.train, seed=args.seed, device=device(args.device))
        fit_teacher(data=args.data, cls=args.cls, settings=s, val_fraction=args.val_fraction,
                    checkpoint=args.checkpoint, teacher_config=args.teacher)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
