"""hls4ml: C synthesis of one trained student where Vivado/Vitis HLS exists; otherwise a JSON
that says clearly that synthesis was skipped and why."""

import argparse
import json
import os

from trigml.anomaly_kd.hls import convert_student
from trigml.anomaly_kd.steps import models_from_checkpoint
from trigml.cli import log_to
from trigml.files import write_json
from trigml.hardware.hls4ml.synthesis import synthesize_or_skip


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--student", required=True)
    p.add_argument(
        "--hls", default="{}", help="JSON: precision, reuse_factor, backend, io_type, part, clock_period"
    )
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        hls = json.loads(args.hls)
        backend = hls.get("backend", "Vitis")
        _, students, meta = models_from_checkpoint(args.checkpoint)
        design = {"dataset": meta["dataset"], "technique": meta["technique"], "class": meta["class"], "student": args.student,
                  **{k: v for k, v in hls.items() if k not in ("backend", "part", "clock_period")}}  # fmt: skip
        project = os.path.splitext(args.out)[0] + "_hls4ml"  # kept beside the JSON: the report is not lost
        res = synthesize_or_skip(lambda: convert_student(students[args.student], project, **hls), backend,
                                 part=hls.get("part", "xcvu13p-flga2577-2-e"), clock_period=hls.get("clock_period", 5.0),
                                 **design)  # fmt: skip
        write_json(args.out, res)
        log.info("student %s: synthesized=%s %s", args.student, res["synthesized"], res.get("reason", ""))


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        [
            "--checkpoint",
            smk.input.checkpoint,
            "--student",
            smk.wildcards.student,
            "--hls",
            json.dumps(smk.params.hls),
        ]
        + ["--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
