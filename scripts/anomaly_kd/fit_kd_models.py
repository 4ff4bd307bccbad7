"""Students A-G of one one-class task, with one technique: ``baseline`` (fit the frozen teacher of
train_kd_teacher, --teacher) or co-learning (``colearning``, ``outlier_exposure`` with --outliers,
``noise_exposure``: teacher and students trained together); writes the models and their
validation and test scores.

Under Snakemake every option comes by name from the rule (input.data, input.teacher or
input.outliers, params.*, output.checkpoint, output.scores) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv

TECHNIQUES = ("baseline", "colearning", "outlier_exposure", "noise_exposure")


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--data", required=True, help="image set (npz) from prepare_kd_images")
    p.add_argument("--teacher", help="baseline: the teacher checkpoint of train_kd_teacher")
    p.add_argument("--outliers", help="outlier_exposure: the other dataset's image set")
    p.add_argument("--technique", required=True, choices=TECHNIQUES)
    p.add_argument("--cls", type=int, required=True)
    p.add_argument("--students", type=json_arg, required=True, help="JSON {name: [layer tokens]}")
    p.add_argument("--teacher-config", type=json_arg, required=True, help="JSON of ConvAutoencoder arguments")
    p.add_argument("--train", type=json_arg, required=True, help="JSON of TrainSettings fields")
    p.add_argument("--max-outliers", type=int, required=True)
    p.add_argument("--val-fraction", type=float, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--device", required=True, choices=["auto", "cpu"])
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--scores", required=True)
    args = p.parse_args(argv)
    if args.technique == "outlier_exposure" and not args.outliers:
        p.error("outlier_exposure needs --outliers")
    if args.technique == "baseline" and not args.teacher:
        p.error("baseline needs --teacher (the checkpoint of train_kd_teacher)")
    with log_to(args.log):
        import torch
        from trigml.anomaly_kd.steps import fit_models
        from trigml.anomaly_kd.train import TrainSettings
        from trigml.runtime import device

        torch.set_flush_denormal(True)
        s = TrainSettings(**args.train, seed=args.seed, device=device(args.device))
        fit_models(data=args.data, cls=args.cls, technique=args.technique, students=args.students, settings=s,
                   val_fraction=args.val_fraction, checkpoint=args.checkpoint, scores=args.scores,
                   teacher_checkpoint=args.teacher, outliers=args.outliers, max_outliers=args.max_outliers,
                   teacher_config=args.teacher_config)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
