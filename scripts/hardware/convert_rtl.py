"""Trace one design of a study into an RTL project (da4ml Verilog, or the study's own Verilog)
with its software fixed-point reference outputs on the test inputs.

The design is named by the project folder (results/<study>/hardware/<design>/rtl); --builder picks
how the study's files become a design (trigml.hardware.studies); --options maps each design name to
its builder options. Study files come as named inputs (--model, --dataset, --split, --front, --export-dir).
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv

STUDY_INPUTS = ("model", "dataset", "split", "front", "export_dir")


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--project", required=True, help="RTL project folder to write (…/hardware/<design>/rtl)")
    p.add_argument("--builder", required=True, help="design builder (trigml.hardware.studies.BUILDERS)")
    p.add_argument("--options", type=json_arg, required=True, help="JSON {design: builder options}")
    p.add_argument("--settings", type=json_arg, required=True, help="JSON of the hardware settings")
    for name in STUDY_INPUTS:
        p.add_argument(f"--{name.replace('_', '-')}", help=f"study file: {name}")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.hardware.steps import convert_rtl

        inputs = {k: getattr(args, k) for k in STUDY_INPUTS if getattr(args, k) is not None}
        convert_rtl(
            args.project, builder=args.builder, inputs=inputs, options=args.options, settings=args.settings
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
