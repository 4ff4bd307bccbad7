"""OpenCL matrix-form IN kernels on PoCL's CPU device: agreement with PyTorch and time per graph,
per design and kernel variant (writes "available": false with the reason where no device opens)."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--graphs", nargs="+", required=True, help="padded design graphs (npz)")
    p.add_argument("--out", required=True)
    p.add_argument("--opencl", type=json_arg, required=True, help="JSON {variants, max_graphs, repeats}")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.files import write_json
        from trigml.tracking_fpga.opencl import run_designs
        from trigml.tracking_fpga.reference import load_in_model

        o = args.opencl
        res = run_designs(load_in_model(args.model), args.graphs, variants=o["variants"], max_graphs=o["max_graphs"],
                          repeats=o["repeats"])  # fmt: skip
        write_json(args.out, res)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("opencl",)))  # noqa: F821
elif __name__ == "__main__":
    main()
