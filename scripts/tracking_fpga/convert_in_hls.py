"""Write the hls4ml project (IN extension layers, not compiled) of one synthesis point -- design,
reuse factor, style, precision -- for the shared synth_hls rule (hardware.smk)."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--model", required=True, help="IN checkpoint (trigml.tracking.train format)")
    p.add_argument("--project", required=True, help="hls4ml project folder to write")
    p.add_argument("--point", type=json_arg, required=True, help="JSON {design, reuse_factor, style, precision}")
    p.add_argument("--backend", required=True, choices=["Vitis", "Vivado"])
    p.add_argument("--part", required=True)
    p.add_argument("--clock-period", type=float, required=True)
    p.add_argument("--sigmoid-table-size", type=int, required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking_fpga.steps import convert_in_hls

        convert_in_hls(args.model, args.project, point=args.point, backend=args.backend, part=args.part,
                       clock_period=args.clock_period, sigmoid_table_size=args.sigmoid_table_size)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("point",)))  # noqa: F821
elif __name__ == "__main__":
    main()
