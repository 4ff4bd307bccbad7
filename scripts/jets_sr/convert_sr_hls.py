"""Chosen SR expressions → hls4ml symbolic expressions (LUT math) → C simulation vs NumPy; synthesis
where Vivado/Vitis exist, else a labelled operation-count estimate."""

import argparse
import json

from trigml.cli import log_to
from trigml.jets_sr.steps import sr_hls


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--front", required=True)
    p.add_argument("--hls", default="{}", help="JSON of the jets_sr.hls block")
    p.add_argument("--complexities", type=int, nargs="+", required=True)
    p.add_argument("--csim", required=True)
    p.add_argument("--synthesis", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        sr_hls(
            args.dataset,
            args.split,
            args.front,
            args.csim,
            args.synthesis,
            hls=json.loads(args.hls),
            complexities=args.complexities,
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--dataset", smk.input.dataset, "--split", smk.input.split, "--front", smk.input.front,
          "--hls", json.dumps(dict(smk.params.hls)), "--complexities", *map(str, smk.params.complexities),
          "--csim", smk.output.csim, "--synthesis", smk.output.synthesis, "--log", smk.log[0]])  # fmt: skip
elif __name__ == "__main__":
    main()
