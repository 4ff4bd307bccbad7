"""Export the first-seed networks of a task (every method) as netlists and synthesizable Verilog."""

import argparse

from trigml.cli import log_to
from trigml.logic_warp.steps import export_designs


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--models", nargs="+", required=True, help="METHOD=path/to/models.pt")
    p.add_argument(
        "--pipeline-every", type=int, default=0, help="register every N logic layers (0: combinational)"
    )
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--log")
    args = p.parse_args(argv)
    files = dict(m.split("=", 1) for m in args.models)
    with log_to(args.log):
        export_designs(files, args.out, pipeline_every=args.pipeline_every)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--models", *[f"{m}={f}" for m, f in zip(smk.params.methods, smk.input.models)]]
        + ["--pipeline-every", str(smk.params.pipeline_every), "--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
