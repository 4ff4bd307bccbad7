"""Accuracy vs hardware cost on 5-class jet tagging: NN, symbolic regression, logic networks."""

import argparse
import json

from trigml.cli import log_to
from trigml.compare import collect_points, plot
from trigml.files import read_json


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jets", required=True, help="jets_sr summary.json")
    p.add_argument("--logic", help="logic_warp jets metrics.json (optional)")
    p.add_argument("--nn-layers", type=int, nargs="+", default=[16, 64, 32, 32, 5])
    p.add_argument("--nn-bits", type=int, default=8)
    p.add_argument("--data", default="simulated")
    p.add_argument("--png", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        points = collect_points(
            read_json(args.jets),
            read_json(args.logic) if args.logic else None,
            nn_layers=args.nn_layers,
            nn_bits=args.nn_bits,
        )
        if not points:
            raise ValueError(f"{args.jets}: no NN, SR or logic points to compare")
        plot(points, args.png, data=args.data)
        log.info("%d designs compared: %s", len(points), json.dumps(sorted({p["family"] for p in points})))


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--jets", smk.input.jets, *(["--logic", smk.input.logic] if "logic" in smk.input.keys() else [])]
        + ["--nn-layers", *map(str, smk.params.nn_layers), "--nn-bits", str(smk.params.nn_bits)]
        + ["--data", smk.params.data, "--png", smk.output.png, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
