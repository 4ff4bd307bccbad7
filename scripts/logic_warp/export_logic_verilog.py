"""Export the first-seed networks of a task (every model) as netlists and synthesizable Verilog."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--networks", required=True, help="networks.pt written by train_logic_*")
    p.add_argument("--pipeline-every", type=int, required=True, help="register every N-th layer (0: none)")
    p.add_argument("--out", required=True, help="folder to write <model>_<network>.{v,npz}")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.steps import export_designs

        export_designs(args.networks, args.out, pipeline_every=args.pipeline_every)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
