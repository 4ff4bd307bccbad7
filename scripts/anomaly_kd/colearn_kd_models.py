"""Co-learning (plain, with pseudo-outlier exposure, or with noise exposure): teacher and students
A-G trained together on one one-class task; write models and test scores."""

import argparse
import json

import torch
from trigml.anomaly_kd.steps import fit_models
from trigml.anomaly_kd.train import COLEARNING_TECHNIQUES, TrainSettings
from trigml.cli import log_to
from trigml.runtime import device


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", required=True, help="image set (npz) from prepare_images")
    p.add_argument("--outliers", help="the other dataset's image set (outlier_exposure)")
    p.add_argument("--technique", required=True, choices=COLEARNING_TECHNIQUES)
    p.add_argument("--cls", type=int, required=True)
    p.add_argument("--students", required=True, help="JSON {name: [layer tokens]}")
    p.add_argument("--teacher", default="{}", help="JSON of ConvAutoencoder arguments")
    p.add_argument("--train", default="{}", help="JSON of TrainSettings fields")
    p.add_argument("--max-outliers", type=int, default=10000)
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="auto", choices=["auto", "cpu"])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    if args.technique == "outlier_exposure" and not args.outliers:
        p.error("outlier_exposure needs --outliers")
    with log_to(args.log):
        torch.set_num_threads(args.threads)
        torch.set_flush_denormal(True)
        s = TrainSettings(**json.loads(args.train), seed=args.seed, device=device(args.device))
        fit_models(data=args.data, cls=args.cls, technique=args.technique, students=json.loads(args.students), settings=s,
                   val_fraction=args.val_fraction, checkpoint=args.checkpoint, scores=args.scores,
                   outliers=args.outliers, max_outliers=args.max_outliers,
                   teacher_config=json.loads(args.teacher))  # fmt: skip


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        ["--data", smk.input.data, "--technique", smk.wildcards.technique, "--cls", smk.wildcards.cls]
        + (["--outliers", smk.input.outliers] if "outliers" in smk.input.keys() else [])
        + ["--students", json.dumps(smk.params.students), "--teacher", json.dumps(smk.params.teacher)]
        + ["--train", json.dumps(smk.params.train), "--max-outliers", str(smk.params.max_outliers)]
        + ["--val-fraction", str(smk.params.val_fraction), "--seed", str(smk.params.seed)]
        + ["--device", smk.params.device, "--threads", str(smk.threads)]
        + ["--checkpoint", smk.output.checkpoint, "--scores", smk.output.scores, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
