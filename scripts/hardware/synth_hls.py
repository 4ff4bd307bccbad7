"""HLS synthesis of one written hls4ml project with the project's Vivado/Vitis where it is on PATH
(report kept under the project), else a hardware.json record with "synthesized": false and the
reason (shared rule synth_hls of hardware.smk, reused by every study's hls4ml designs)."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--project", required=True, help="hls4ml project folder (with hls4ml_config.yml)")
    p.add_argument("--hardware", required=True, help="hardware.json record to write")
    p.add_argument("--design", required=True, help="design name in the record")
    p.add_argument("--study", required=True, help="study name in the record")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.hardware import schema
        from trigml.hardware.hls4ml.project import synthesize_project

        schema.write(args.hardware, synthesize_project(args.project, design=args.design, study=args.study))


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
