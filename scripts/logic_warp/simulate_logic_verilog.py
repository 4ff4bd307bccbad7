"""Simulate every exported design of a task over its whole test set (Verilator or Icarus) and
require bit-exact agreement with the PyTorch discrete forward pass (any mismatch fails)."""

import argparse
from pathlib import Path

from trigml.cli import log_to
from trigml.logic_warp.steps import simulate_designs


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--verilog", required=True, help="folder written by export_logic_verilog")
    p.add_argument("--pipeline-every", type=int, default=0)
    p.add_argument("--workdir", required=True, help="scratch folder for the simulator build")
    p.add_argument("--out-json", required=True)
    p.add_argument("--out-log", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    names = sorted(
        f.name[: -len(".npz")]
        for f in Path(args.verilog).glob("*.npz")
        if not f.name.endswith("_expected.npz")
    )
    with log_to(args.log):
        if not names:
            raise FileNotFoundError(f"no exported designs (*.npz) in {args.verilog}")
        simulate_designs(
            args.verilog,
            names,
            args.workdir,
            pipeline_every=args.pipeline_every,
            out_json=args.out_json,
            out_log=args.out_log,
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        [
            "--verilog",
            smk.input[0],
            "--pipeline-every",
            str(smk.params.pipeline_every),
            "--workdir",
            smk.params.workdir,
        ]
        + ["--out-json", smk.output.json, "--out-log", smk.output.log, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
