"""AUC of the C simulation vs total bits (fixed integer bits) and vs integer bits (fixed width)
for one design: one hls4ml compile per precision point."""

import argparse

import torch
from trigml.cli import log_to
from trigml.files import write_json
from trigml.tracking_fpga.csim import load_in_model, precision_scan
from trigml.tracking_fpga.sectors import Padded


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--graphs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--total-bits", nargs="*", type=int, default=[])
    p.add_argument("--fixed-integer", type=int, default=7)
    p.add_argument("--integer-bits", nargs="*", type=int, default=[])
    p.add_argument("--fixed-width", type=int, default=24)
    p.add_argument("--style", default="pipeline", choices=["pipeline", "dataflow"])
    p.add_argument("--backend", default="Vitis", choices=["Vitis", "Vivado"])
    p.add_argument("--sigmoid-table-size", type=int, default=1024)
    p.add_argument("--log")
    args = p.parse_args(argv)
    if not args.total_bits and not args.integer_bits:
        p.error("give --total-bits and/or --integer-bits")
    torch.set_num_threads(1)
    with log_to(args.log):
        res = precision_scan(
            load_in_model(args.model), Padded.load(args.graphs), total_bits=args.total_bits,
            fixed_integer=args.fixed_integer, integer_bits=args.integer_bits, fixed_width=args.fixed_width,
            style=args.style, backend=args.backend, sigmoid_table_size=args.sigmoid_table_size,
        )  # fmt: skip
        write_json(args.out, res)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    s, c = smk.params.scan, smk.params.csim
    main(
        ["--model", smk.input.model, "--graphs", smk.input.graphs, "--out", smk.output[0]]
        + ["--total-bits", *map(str, s["total_bits"]), "--fixed-integer", str(s["fixed_integer"])]
        + ["--integer-bits", *map(str, s["integer_bits"]), "--fixed-width", str(s["fixed_width"])]
        + [
            "--backend",
            c["backend"],
            "--sigmoid-table-size",
            str(c["sigmoid_table_size"]),
            "--log",
            smk.log[0],
        ]
    )
elif __name__ == "__main__":
    main()
