"""Baseline, step 1: train the teacher autoencoder of one one-class task alone."""

import argparse
import json

import torch
from trigml.anomaly_kd.steps import fit_teacher
from trigml.anomaly_kd.train import TrainSettings
from trigml.cli import log_to
from trigml.runtime import device


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", required=True, help="image set (npz) from prepare_images")
    p.add_argument("--cls", type=int, required=True, help="the normal class")
    p.add_argument("--train", default="{}", help="JSON of TrainSettings fields (epochs, batch_size, lr, ...)")
    p.add_argument("--teacher", default="{}", help="JSON of ConvAutoencoder arguments")
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="auto", choices=["auto", "cpu"])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        torch.set_num_threads(args.threads)
        torch.set_flush_denormal(True)
        s = TrainSettings(**json.loads(args.train), seed=args.seed, device=device(args.device))
        fit_teacher(data=args.data, cls=args.cls, settings=s, val_fraction=args.val_fraction,
                    checkpoint=args.checkpoint, teacher_config=json.loads(args.teacher))  # fmt: skip


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        ["--data", smk.input.data, "--cls", smk.wildcards.cls, "--train", json.dumps(smk.params.train)]
        + ["--teacher", json.dumps(smk.params.teacher), "--val-fraction", str(smk.params.val_fraction)]
        + ["--seed", str(smk.params.seed), "--device", smk.params.device, "--threads", str(smk.threads)]
        + ["--checkpoint", smk.output.checkpoint, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
