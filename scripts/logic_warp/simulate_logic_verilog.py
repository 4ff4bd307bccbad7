"""Simulate every exported design of a task over its whole test set (Verilator or Icarus) and
require bit-exact agreement with the PyTorch discrete forward pass (any mismatch fails)."""

from pathlib import Path

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--verilog", required=True, help="folder written by export_logic_verilog")
    p.add_argument("--pipeline-every", type=int, required=True, help="as exported (0: combinational)")
    p.add_argument(
        "--workdir", required=True, help="scratch folder for the simulator build (removed afterwards)"
    )
    p.add_argument("--out-json", required=True)
    p.add_argument("--out-log", required=True, help="what the simulator printed")
    args = p.parse_args(argv)
    names = sorted(
        f.name[: -len(".npz")]
        for f in Path(args.verilog).glob("*.npz")
        if not f.name.endswith("_expected.npz")
    )
    with log_to(args.log):
        from trigml.logic_warp.steps import simulate_designs

        if not names:
            raise FileNotFoundError(f"no exported designs (*.npz) in {args.verilog}")
        simulate_designs(
            args.verilog, names, args.workdir, pipeline_every=args.pipeline_every, out_json=args.out_json,
            out_log=args.out_log,
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
