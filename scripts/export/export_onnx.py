"""Export every trained model of one study to ONNX (QONNX too for QKeras models) and check each export
with onnxruntime against the framework on the study's test inputs (max |Δ| in the index JSON).

Under Snakemake every option comes by name from rule export_onnx (trigml.cli.snakemake_argv).
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--results", required=True, help="the results folder of the run")
    p.add_argument("--study", required=True, help="study key, e.g. jets_sr")
    p.add_argument("--models", required=True, help="folder for the .onnx files")
    p.add_argument("--index", required=True, help="JSON with one record per exported model")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.export import export_study

        index = export_study(args.results, args.study, args.models, args.index)
        log.info(
            "%s: %d models exported, max |Δ| %s", args.study, len(index["models"]), index["max_abs_diff"]
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    from trigml import patterns

    results = patterns.report.results_root(snakemake.output.index, patterns.export.index())  # noqa: F821
    main([*snakemake_argv(snakemake), "--results", results])  # noqa: F821
elif __name__ == "__main__":
    main()
