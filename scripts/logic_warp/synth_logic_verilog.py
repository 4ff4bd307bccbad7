"""Synthesize every exported design of a task with Yosys synth_xilinx in one session (LUTs, FFs,
logic depth)."""

from pathlib import Path

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--verilog", required=True, help="folder written by export_logic_verilog")
    p.add_argument("--family", required=True, help="synth_xilinx -family (xc7, xcu, xcup, ...)")
    p.add_argument("--pipeline-every", type=int, required=True, help="as exported (0: combinational)")
    p.add_argument("--workdir", required=True, help="scratch folder (removed afterwards)")
    p.add_argument("--out", required=True, help="synth.json to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.steps import synth_designs

        names = sorted(f.stem for f in Path(args.verilog).glob("*.v"))
        if not names:
            raise FileNotFoundError(f"no Verilog (*.v) in {args.verilog}")
        synth_designs(
            args.verilog, names, args.workdir, family=args.family, pipeline_every=args.pipeline_every,
            out_json=args.out,
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
