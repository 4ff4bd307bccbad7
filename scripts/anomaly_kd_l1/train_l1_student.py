"""Distil a QKeras student from the teacher's score with one technique row (co-learning, outlier/noise
exposure, tail weighting); write the student, its scores (and its teacher's) and its info.

Under Snakemake every option comes by name from the rule (input.dataset, input.teacher,
params.technique, params.switches, params.student, params.teacher_config, params.exposure,
params.seed, output.model, output.scores, output.info) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--teacher", required=True, help="trained teacher (used unless the technique co-learns)")
    p.add_argument("--technique", required=True, help="name of the ablation row")
    p.add_argument("--switches", type=json_arg, required=True, help="JSON, e.g. '{\"colearn\": true}'")
    p.add_argument("--student", type=json_arg, required=True,
                   help="JSON: hidden, bits, integer_bits, epochs, batch_size, lr")  # fmt: skip
    p.add_argument(
        "--teacher-config", type=json_arg, required=True, help="JSON: the teacher's hidden, latent"
    )
    p.add_argument("--exposure", type=json_arg, required=True,
                   help="JSON: outlier_fraction, noise_sigma, tail_quantile, tail_weight")  # fmt: skip
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--scores", required=True)
    p.add_argument("--info", required=True)
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.steps import train_student
        from trigml.anomaly_kd_l1.training import Technique, TrainConfig

        s, t = a.student, a.teacher_config
        cfg = TrainConfig(
            epochs=s["epochs"], batch_size=s["batch_size"], lr=s["lr"], seed=a.seed, **a.exposure
        )
        info = train_student(
            a.dataset, a.teacher, technique_name=a.technique, technique=Technique.from_config(a.switches),
            model_out=a.model, scores_out=a.scores, info_out=a.info, hidden=s["hidden"], bits=s["bits"],
            integer=s["integer_bits"], teacher_hidden=t["hidden"], teacher_latent=t["latent"], train=cfg,
        )  # fmt: skip
        log.info("student %s: %d parameters, validation L1 %.4f", a.technique, info["n_params"],
                 info["history"]["student_val"][-1])  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("switches",)))  # noqa: F821
elif __name__ == "__main__":
    main()
