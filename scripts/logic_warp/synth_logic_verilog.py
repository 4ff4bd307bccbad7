"""Synthesize every exported design of a task with Yosys: synth_xilinx (LUTs, FFs, logic depth)
and the generic synth (gates)."""

import argparse
from pathlib import Path

from trigml.cli import log_to
from trigml.logic_warp.steps import synth_designs


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--verilog", required=True, help="folder written by export_logic_verilog")
    p.add_argument("--family", default="xc7", help="synth_xilinx -family (xc7, xcu, xcup, ...)")
    p.add_argument("--no-generic", action="store_true", help="skip the generic synth")
    p.add_argument("--workdir", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    names = sorted(f.stem for f in Path(args.verilog).glob("*.v"))
    with log_to(args.log):
        if not names:
            raise FileNotFoundError(f"no Verilog (*.v) in {args.verilog}")
        synth_designs(
            args.verilog,
            names,
            args.workdir,
            family=args.family,
            generic=not args.no_generic,
            out_json=args.out,
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--verilog", smk.input[0], "--family", smk.params.family, "--workdir", smk.params.workdir]
        + ([] if smk.params.generic else ["--no-generic"])
        + ["--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
