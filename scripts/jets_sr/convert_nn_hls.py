"""Convert the quantized NN with hls4ml, compare its C simulation with Keras, synthesise where possible."""

import argparse
import json

from trigml.cli import log_to
from trigml.jets_sr.steps import nn_hls


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--hls", default="{}", help="JSON of the jets_sr.hls block")
    p.add_argument("--nn", default="{}", help="JSON of the jets_sr.nn block")
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        hls = json.loads(args.hls)
        nn_hls(
            args.dataset,
            args.split,
            args.model,
            args.out,
            hls=hls,
            nn=json.loads(args.nn),
            n_compare=hls.get("n_compare", 1000),
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(["--dataset", smk.input.dataset, "--split", smk.input.split, "--model", smk.input.model,
          "--hls", json.dumps(dict(smk.params.hls)), "--nn", json.dumps(dict(smk.params.nn)),
          "--out", smk.output[0], "--log", smk.log[0]])  # fmt: skip
elif __name__ == "__main__":
    main()
