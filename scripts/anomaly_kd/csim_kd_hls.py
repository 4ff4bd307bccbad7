"""hls4ml: convert one trained student, compile the C simulation and compare it with PyTorch on
the task's test images (max |delta|, AUC kept)."""

import argparse
import json

from trigml.anomaly_kd.datasets import load_image_set, one_class_task
from trigml.anomaly_kd.hls import csim_compare, project_files
from trigml.anomaly_kd.steps import models_from_checkpoint
from trigml.cli import log_to
from trigml.files import write_json


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--checkpoint", required=True, help="models.pt of train_students / colearn_models")
    p.add_argument("--data", required=True, help="the image set the models were trained on")
    p.add_argument("--student", required=True)
    p.add_argument(
        "--hls", default="{}", help="JSON: precision, reuse_factor, backend, io_type, part, clock_period"
    )
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--project", required=True, help="hls4ml output folder")
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        _, students, meta = models_from_checkpoint(args.checkpoint)
        if args.student not in students:
            raise KeyError(f"{args.checkpoint}: no student {args.student!r} (has {list(students)})")
        task = one_class_task(
            load_image_set(args.data), int(meta["class"]), val_fraction=args.val_fraction, seed=args.seed
        )
        hls = json.loads(args.hls)
        res, _ = csim_compare(students[args.student], task.x_test, task.y_test, args.project, **hls)
        out = {"dataset": meta["dataset"], "real_data": meta["real_data"], "technique": meta["technique"],
               "class": meta["class"], "student": args.student, **hls, **res,
               "project_files": len(project_files(args.project))}  # fmt: skip
        write_json(args.out, out)
        log.info("student %s: C sim vs PyTorch max |delta| %.2e, AUC %.4f -> %.4f", args.student, res["max_abs_diff"],
                 res.get("auc_torch", float("nan")), res.get("auc_csim", float("nan")))  # fmt: skip


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        ["--checkpoint", smk.input.checkpoint, "--data", smk.input.data, "--student", smk.wildcards.student]
        + ["--hls", json.dumps(smk.params.hls), "--val-fraction", str(smk.params.val_fraction)]
        + [
            "--seed",
            str(smk.params.seed),
            "--project",
            smk.output.project,
            "--out",
            smk.output.json,
            "--log",
            smk.log[0],
        ]
    )
elif __name__ == "__main__":
    main()
