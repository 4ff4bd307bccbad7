"""Chosen SR expressions → hls4ml symbolic expressions (LUT math) → C simulation vs NumPy; synthesis
where Vivado/Vitis exist, else a labelled operation-count estimate.

Under Snakemake: input.dataset, input.split, input.front, params.hls, params.complexities,
output.csim, output.synthesis.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--front", required=True)
    p.add_argument("--hls", type=json_arg, required=True, help="JSON of the jets_sr.hls block")
    p.add_argument("--complexities", type=int, nargs="+", required=True)
    p.add_argument("--csim", required=True)
    p.add_argument("--synthesis", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.settings import HLSSettings, build
        from trigml.jets_sr.steps import sr_hls

        sr_hls(args.dataset, args.split, args.front, args.csim, args.synthesis,
               hls=build(HLSSettings, args.hls, "--hls"), complexities=args.complexities)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
