"""One-vs-rest symbolic regression over the complexity sweep; Pareto fronts per class."""

import argparse
import json

from trigml.cli import log_to
from trigml.jets_sr.steps import run_sr


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--sr", default="{}", help="JSON of the jets_sr.sr block")
    p.add_argument(
        "--lut-range",
        type=float,
        nargs=2,
        default=[-8.0, 8.0],
        help="LUT range of the HLS math (jets_sr.hls.lut_range)",
    )
    p.add_argument(
        "--precision",
        default="ap_fixed<16,6>",
        help="ap_fixed type of the HLS design (jets_sr.hls.precision)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--front", required=True)
    p.add_argument("--timing", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        sr = {**json.loads(args.sr), "lut_range": args.lut_range, "precision": args.precision}
        run_sr(args.dataset, args.split, args.front, args.timing, sr=sr, seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--dataset", smk.input.dataset, "--split", smk.input.split, "--sr", json.dumps(dict(smk.params.sr)),
          "--lut-range", *map(str, smk.params.lut_range), "--precision", smk.params.precision,
          "--seed", str(smk.params.seed), "--front", smk.output.front, "--timing", smk.output.timing,
          "--log", smk.log[0]])  # fmt: skip
elif __name__ == "__main__":
    main()
