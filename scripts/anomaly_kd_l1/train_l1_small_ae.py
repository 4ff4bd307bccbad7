"""Train the student-size QKeras autoencoder without distillation (the 'no distillation' comparison)."""

import argparse

from trigml.anomaly_kd_l1 import models
from trigml.anomaly_kd_l1.steps import train_small_ae
from trigml.anomaly_kd_l1.training import TrainConfig
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--info", required=True)
    p.add_argument(
        "--student-hidden",
        type=int,
        nargs="+",
        default=[16, 8],
        help="the student whose parameter count is the budget",
    )
    p.add_argument("--bits", type=int, default=8)
    p.add_argument("--integer-bits", type=int, default=2)
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        budget = models.n_params(
            models.student_regressor(hidden=a.student_hidden, bits=a.bits, integer=a.integer_bits)
        )
        cfg = TrainConfig(epochs=a.epochs, batch_size=a.batch_size, lr=a.lr, seed=a.seed)
        info = train_small_ae(
            a.dataset, param_budget=budget, bits=a.bits, integer=a.integer_bits, model_out=a.model,
            scores_out=a.scores, info_out=a.info, train=cfg,
        )  # fmt: skip
        log.info(
            "small autoencoder: latent %d, %d parameters (budget %d)",
            info["latent"],
            info["n_params"],
            budget,
        )


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    s = smk.params.student
    main(
        [
            "--dataset",
            smk.input[0],
            "--model",
            smk.output.model,
            "--scores",
            smk.output.scores,
            "--info",
            smk.output.info,
        ]
        + [
            "--student-hidden",
            *map(str, s["hidden"]),
            "--bits",
            str(s["bits"]),
            "--integer-bits",
            str(s["integer_bits"]),
        ]
        + ["--epochs", str(s["epochs"]), "--batch-size", str(s["batch_size"]), "--lr", str(s["lr"])]
        + ["--seed", str(smk.params.seed), "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
