"""Per-operator complexity of the SR search measured in the open RTL flow: each operator alone traced
with da4ml at the design's precision and LUTs, pipelined at the hardware clock, synthesised with Yosys.

Under Snakemake: params.operators, params.hls, params.settings, output.costs.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument(
        "--operators", nargs="+", required=True, help="operators of the search (jets_sr.sr.operators)"
    )
    p.add_argument(
        "--hls", type=json_arg, required=True, help="JSON of the jets_sr.hls block (precision, LUTs)"
    )
    p.add_argument(
        "--settings", type=json_arg, required=True, help="JSON of the hardware settings (clock, cutoff)"
    )
    p.add_argument("--costs", required=True, help="operator cost table (JSON) to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.calibrate import calibrate_operators
        from trigml.jets_sr.settings import HLSSettings, build

        calibrate_operators(args.costs, operators=args.operators, hls=build(HLSSettings, args.hls, "--hls"),
                            settings=args.settings)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("hls", "settings")))  # noqa: F821
elif __name__ == "__main__":
    main()
