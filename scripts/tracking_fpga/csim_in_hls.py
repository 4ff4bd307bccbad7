"""Convert one design of the trained IN to hls4ml (trigml's extension layers), compile it (g++ C
simulation) and compare it with PyTorch on the design's padded sector graphs (AUCs with a
bootstrap interval over the test events)."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--model", required=True, help="IN checkpoint (trigml.tracking.train format)")
    p.add_argument("--history", required=True, help="its training history (what it was trained on)")
    p.add_argument("--graphs", required=True, help="padded design graphs (npz)")
    p.add_argument("--json", required=True, help="comparison JSON to write")
    p.add_argument("--project", required=True, help="hls4ml project directory to write")
    p.add_argument("--csim", type=json_arg, required=True, help="JSON of the tracking_fpga.csim block")
    p.add_argument("--style", required=True, choices=["pipeline", "dataflow"])
    p.add_argument("--part", required=True)
    p.add_argument("--clock-period", type=float, required=True)
    p.add_argument("--n-boot", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking_fpga.steps import csim_in_hls

        csim_in_hls(args.model, args.graphs, args.json, args.project, csim=args.csim, style=args.style, part=args.part,
                    clock_period=args.clock_period, n_boot=args.n_boot, seed=args.seed, history=args.history)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("csim",)))  # noqa: F821
elif __name__ == "__main__":
    main()
