"""Distil a QKeras student from the teacher's score with one technique row (co-learning, outlier/noise
exposure, tail weighting); write the student, its scores (and its teacher's) and its info."""

import argparse
import json

from trigml.anomaly_kd_l1.steps import train_student
from trigml.anomaly_kd_l1.training import Technique, TrainConfig
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--teacher", required=True, help="trained teacher (used unless the technique co-learns)")
    p.add_argument("--technique", required=True, help="name of the ablation row")
    p.add_argument("--switches", type=json.loads, default={}, help="JSON, e.g. '{\"colearn\": true}'")
    p.add_argument("--model", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--info", required=True)
    p.add_argument("--hidden", type=int, nargs="+", default=[16, 8])
    p.add_argument("--bits", type=int, default=8)
    p.add_argument("--integer-bits", type=int, default=2)
    p.add_argument("--teacher-hidden", type=int, nargs="+", default=[128, 64])
    p.add_argument("--teacher-latent", type=int, default=16)
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument(
        "--exposure",
        type=json.loads,
        default={},
        help="outlier_fraction, noise_sigma, tail_quantile, tail_weight",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        cfg = TrainConfig(epochs=a.epochs, batch_size=a.batch_size, lr=a.lr, seed=a.seed, **a.exposure)
        info = train_student(
            a.dataset, a.teacher, technique_name=a.technique, technique=Technique.from_config(a.switches),
            model_out=a.model, scores_out=a.scores, info_out=a.info, hidden=a.hidden, bits=a.bits,
            integer=a.integer_bits, teacher_hidden=a.teacher_hidden, teacher_latent=a.teacher_latent, train=cfg,
        )  # fmt: skip
        log.info(
            "student %s: %d parameters, validation L1 %.4f",
            a.technique,
            info["n_params"],
            info["history"]["student_val"][-1],
        )


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    s, t = smk.params.student, smk.params.teacher
    main(
        [
            "--dataset",
            smk.input.dataset,
            "--teacher",
            smk.input.teacher,
            "--technique",
            smk.wildcards.technique,
        ]
        + [
            "--switches",
            json.dumps(smk.params.switches),
            "--model",
            smk.output.model,
            "--scores",
            smk.output.scores,
        ]
        + ["--info", smk.output.info, "--hidden", *map(str, s["hidden"]), "--bits", str(s["bits"])]
        + ["--integer-bits", str(s["integer_bits"]), "--teacher-hidden", *map(str, t["hidden"])]
        + [
            "--teacher-latent",
            str(t["latent"]),
            "--epochs",
            str(s["epochs"]),
            "--batch-size",
            str(s["batch_size"]),
        ]
        + [
            "--lr",
            str(s["lr"]),
            "--exposure",
            json.dumps(smk.params.exposure),
            "--seed",
            str(smk.params.seed),
        ]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
