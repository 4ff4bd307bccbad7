"""Train the teacher autoencoder on background only (anomaly score = per-event MSE); write the
model, its scores on every evaluation set and its info JSON; the log shows progress per epoch.

Under Snakemake every option comes by name from the rule (input.dataset, params.teacher,
params.seed, output.model, output.scores, output.info) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument(
        "--teacher", type=json_arg, required=True, help="JSON: hidden, latent, epochs, batch_size, lr"
    )
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--info", required=True)
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.steps import train_teacher
        from trigml.anomaly_kd_l1.training import TrainConfig

        t = a.teacher
        cfg = TrainConfig(epochs=t["epochs"], batch_size=t["batch_size"], lr=t["lr"], seed=a.seed)
        info = train_teacher(a.dataset, model_out=a.model, scores_out=a.scores, info_out=a.info, hidden=t["hidden"],
                             latent=t["latent"], train=cfg)  # fmt: skip
        log.info(
            "teacher: %d parameters, final validation MSE %.5f", info["n_params"], info["history"]["val"][-1]
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
