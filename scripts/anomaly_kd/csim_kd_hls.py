"""hls4ml: convert one trained student, compile the C simulation and compare it with PyTorch on
the task's test images (max |delta|, AUC kept).

Under Snakemake every option comes by name from the rule (input.checkpoint, input.data,
params.student, params.hls, params.val_fraction, params.seed, output.json, output.project)
through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--checkpoint", required=True, help="models.pt of train_kd_students / colearn_kd_models")
    p.add_argument("--data", required=True, help="the image set the models were trained on")
    p.add_argument("--student", required=True)
    p.add_argument("--hls", type=json_arg, required=True,
                   help="JSON: precision, reuse_factor, backend, io_type, part, clock_period")  # fmt: skip
    p.add_argument("--val-fraction", type=float, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--project", required=True, help="hls4ml output folder")
    p.add_argument("--json", required=True, help="JSON record to write")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.anomaly_kd.datasets import load_image_set, one_class_task
        from trigml.anomaly_kd.hls import csim_compare, project_files
        from trigml.anomaly_kd.steps import models_from_checkpoint
        from trigml.files import write_json

        _, students, meta = models_from_checkpoint(args.checkpoint)
        if args.student not in students:
            raise KeyError(f"{args.checkpoint}: no student {args.student!r} (has {list(students)})")
        task = one_class_task(
            load_image_set(args.data), int(meta["class"]), val_fraction=args.val_fraction, seed=args.seed
        )
        res, _ = csim_compare(students[args.student], task.x_test, task.y_test, args.project, **args.hls)
        out = {"dataset": meta["dataset"], "real_data": meta["real_data"], "technique": meta["technique"],
               "class": meta["class"], "student": args.student, **args.hls, **res,
               "project_files": len(project_files(args.project))}  # fmt: skip
        write_json(args.json, out)
        log.info("student %s: C sim vs PyTorch max |delta| %.2e, AUC %.4f -> %.4f", args.student, res["max_abs_diff"],
                 res.get("auc_torch", float("nan")), res.get("auc_csim", float("nan")))  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
