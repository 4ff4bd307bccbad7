"""Convert the student with hls4ml, compile it (C simulation) and compare it with QKeras -> csim.json.

Under Snakemake every option comes by name from the rule (input.model, input.dataset, params.hls,
output.json, output.project) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--model", required=True, help="the QKeras student (.h5)")
    p.add_argument("--dataset", required=True, help="npz of prepare_l1_dataset")
    p.add_argument("--hls", type=json_arg, required=True,
                   help="JSON of anomaly_kd_l1.hls: technique, backend, default_precision, reuse_factor, part, "
                        "clock_period, max_events")  # fmt: skip
    p.add_argument("--project", required=True, help="hls4ml output folder")
    p.add_argument("--json", required=True, help="JSON record to write")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.steps import csim_student

        h = a.hls
        r = csim_student(
            model=a.model, dataset=a.dataset, out=a.json, project_dir=a.project, technique=h["technique"],
            backend=h["backend"], default_precision=h["default_precision"], reuse_factor=h["reuse_factor"],
            part=h["part"], clock_period=h["clock_period"], max_events=h["max_events"],
        )  # fmt: skip
        log.info("C simulation vs QKeras: max |delta| %.4g", r["max_abs_delta"])


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
