"""Boolean functions: optimizer steps until the discrete network is exact, WARP vs difflogic."""

import argparse

from trigml.cli import log_to
from trigml.logic_warp.plots import plot_steps_to_exact


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--metrics", required=True)
    p.add_argument("--max-steps", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        plot_steps_to_exact(args.metrics, args.out, max_steps=args.max_steps)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        [
            "--metrics",
            smk.input[0],
            "--max-steps",
            str(smk.params.max_steps),
            "--out",
            smk.output[0],
            "--log",
            smk.log[0],
        ]
    )
elif __name__ == "__main__":
    main()
