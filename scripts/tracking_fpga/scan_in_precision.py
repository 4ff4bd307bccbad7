"""AUC of one design vs total bits ap_fixed<W, I0> and vs integer bits ap_fixed<W0, I> (one hls4ml
compile per point), each with a bootstrap interval over the test events."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--graphs", required=True, help="padded design graphs (npz)")
    p.add_argument("--out", required=True)
    p.add_argument("--scan", type=json_arg, required=True, help="JSON of the tracking_fpga.precision_scan block")
    p.add_argument("--csim", type=json_arg, required=True, help="JSON of the tracking_fpga.csim block")
    p.add_argument("--part", required=True)
    p.add_argument("--clock-period", type=float, required=True)
    p.add_argument("--n-boot", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking_fpga.steps import scan_in_precision

        scan_in_precision(args.model, args.graphs, args.out, scan=args.scan, csim=args.csim, part=args.part,
                          clock_period=args.clock_period, n_boot=args.n_boot, seed=args.seed)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("scan", "csim")))  # noqa: F821
elif __name__ == "__main__":
    main()
