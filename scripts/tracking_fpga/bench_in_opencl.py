"""OpenCL matrix-form IN kernels on PoCL's CPU device: agreement with PyTorch and time per graph,
per design and kernel variant (writes "available": false with the reason where no device opens)."""

import argparse

import torch
from trigml.cli import log_to
from trigml.files import write_json
from trigml.tracking_fpga.opencl import VARIANTS, run_designs
from trigml.tracking_fpga.reference import load_in_model


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--graphs", nargs="+", required=True, help="padded design graphs (npz)")
    p.add_argument("--out", required=True)
    p.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    p.add_argument("--max-graphs", type=int, default=32)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--log")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    with log_to(args.log):
        res = run_designs(
            load_in_model(args.model), args.graphs, variants=args.variants, max_graphs=args.max_graphs,
            repeats=args.repeats,
        )  # fmt: skip
        write_json(args.out, res)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    o = smk.params.opencl
    main(
        ["--model", smk.input.model, "--graphs", *smk.input.graphs, "--out", smk.output[0]]
        + ["--variants", *o["variants"], "--max-graphs", str(o["max_graphs"]), "--repeats", str(o["repeats"])]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
