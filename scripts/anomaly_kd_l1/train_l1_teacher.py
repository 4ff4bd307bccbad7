"""Train the teacher autoencoder on background only; write the model, its anomaly scores and its info."""

import argparse

from trigml.anomaly_kd_l1.steps import train_teacher
from trigml.anomaly_kd_l1.training import TrainConfig
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--info", required=True)
    p.add_argument("--hidden", type=int, nargs="+", default=[128, 64])
    p.add_argument("--latent", type=int, default=16)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        cfg = TrainConfig(epochs=a.epochs, batch_size=a.batch_size, lr=a.lr, seed=a.seed)
        info = train_teacher(
            a.dataset,
            model_out=a.model,
            scores_out=a.scores,
            info_out=a.info,
            hidden=a.hidden,
            latent=a.latent,
            train=cfg,
        )
        log.info(
            "teacher: %d parameters, final validation MSE %.5f", info["n_params"], info["history"]["val"][-1]
        )


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    t = smk.params.teacher
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
        + ["--hidden", *map(str, t["hidden"]), "--latent", str(t["latent"]), "--epochs", str(t["epochs"])]
        + [
            "--batch-size",
            str(t["batch_size"]),
            "--lr",
            str(t["lr"]),
            "--seed",
            str(smk.params.seed),
            "--log",
            smk.log[0],
        ]
    )
elif __name__ == "__main__":
    main()
