"""Train the student-size QKeras autoencoder without distillation (the student's parameter count is
its budget); write the model, its scores and its info.

Under Snakemake every option comes by name from the rule (input.dataset, params.student,
params.seed, output.model, output.scores, output.info) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--student", type=json_arg, required=True,
                   help="JSON: the student's hidden, bits, integer_bits, epochs, batch_size, lr")  # fmt: skip
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--info", required=True)
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1 import models
        from trigml.anomaly_kd_l1.steps import train_small_ae
        from trigml.anomaly_kd_l1.training import TrainConfig

        s = a.student
        budget = models.n_params(
            models.student_regressor(hidden=s["hidden"], bits=s["bits"], integer=s["integer_bits"])
        )
        cfg = TrainConfig(epochs=s["epochs"], batch_size=s["batch_size"], lr=s["lr"], seed=a.seed)
        info = train_small_ae(a.dataset, param_budget=budget, bits=s["bits"], integer=s["integer_bits"], model_out=a.model,
                              scores_out=a.scores, info_out=a.info, train=cfg)  # fmt: skip
        log.info(
            "small autoencoder: latent %d, %d parameters (budget %d)",
            info["latent"],
            info["n_params"],
            budget,
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
