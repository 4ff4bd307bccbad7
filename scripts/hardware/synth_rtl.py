"""Synthesise a bit-exact RTL project with Yosys (synth_xilinx, out of context, flattened) and write
its hardware.json: LUTs, FFs, carry, DSPs, BRAMs, logic depth, pipeline stages, latency, II,
bit-exactness and accuracies; synthesized false with the reason where Yosys is missing, fails, runs
past hardware.limits.synth_timeout_s or the design is over hardware.limits.max_cost."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--project", required=True, help="RTL project folder (convert_rtl)")
    p.add_argument("--simulation", required=True, help="simulation JSON (simulate_rtl)")
    p.add_argument("--hardware", required=True, help="hardware.json to write")
    p.add_argument("--settings", type=json_arg, required=True, help="JSON of the hardware settings")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.hardware.steps import synth_rtl

        synth_rtl(args.project, args.simulation, args.hardware, settings=args.settings)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
