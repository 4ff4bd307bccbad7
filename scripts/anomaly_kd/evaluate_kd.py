"""Gather the test scores of every (dataset, technique, class) into metrics.json: AUC (mean and
std over classes), AUC ratio to the teacher, EMD of score distributions, parameters, MACs, footprint."""

import argparse
import json

from trigml.anomaly_kd.evaluate import summarize
from trigml.cli import log_to
from trigml.files import write_json


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument(
        "--scores", nargs="+", required=True, help="scores.npz files of train_students / colearn_models"
    )
    p.add_argument("--students", required=True, help="JSON {name: [layer tokens]}")
    p.add_argument("--teacher", default="{}", help="JSON of ConvAutoencoder arguments")
    p.add_argument("--quant-bits", type=int, default=16, help="weight width for the quantised footprint")
    p.add_argument("--keep-threshold", type=float, default=0.9, help="AUC ratio a student must keep")
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        m = summarize(args.scores, students=json.loads(args.students), teacher_config=json.loads(args.teacher),
                      quant_bits=args.quant_bits, keep_threshold=args.keep_threshold)  # fmt: skip
        write_json(args.out, m)
        for k, v in m["headline"].items():
            log.info("%s: %s", k, f"{v:.4f}" if isinstance(v, float) else v)


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        ["--scores", *smk.input.scores, "--students", json.dumps(smk.params.students)]
        + ["--teacher", json.dumps(smk.params.teacher), "--quant-bits", str(smk.params.quant_bits)]
        + ["--keep-threshold", str(smk.params.keep_threshold), "--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
