"""Train the NN baseline (float or QKeras-quantized) and evaluate it on the test jets."""

import argparse
import json

from trigml.cli import log_to
from trigml.jets_sr.steps import train_nn


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--precision", choices=["float", "quantized"], required=True)
    p.add_argument("--nn", default="{}", help="JSON of the jets_sr.nn block")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", required=True)
    p.add_argument("--metrics", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        train_nn(
            args.dataset,
            args.split,
            args.model,
            args.metrics,
            precision=args.precision,
            nn=json.loads(args.nn),
            seed=args.seed,
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--dataset", smk.input.dataset, "--split", smk.input.split, "--precision", smk.wildcards.precision,
          "--nn", json.dumps(dict(smk.params.nn)), "--seed", str(smk.params.seed), "--model", smk.output.model,
          "--metrics", smk.output.metrics, "--log", smk.log[0]])  # fmt: skip
elif __name__ == "__main__":
    main()
