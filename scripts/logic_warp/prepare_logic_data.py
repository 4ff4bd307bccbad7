"""Train/test split of a classification task of the logic study (jets: standardised features)."""

import argparse
import json

from trigml.cli import log_to
from trigml.logic_warp.steps import prepare_task


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--task", required=True, choices=["jets", "digits"])
    p.add_argument("--jets", help="jet parquet (task jets)")
    p.add_argument("--params", required=True, help="the task's config block as JSON")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        prepare_task(args.task, args.out, params=json.loads(args.params), seed=args.seed, jets=args.jets)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        [
            "--task",
            smk.params.name,
            "--params",
            json.dumps(smk.params.task),
            "--seed",
            str(smk.params.seed),
        ]
        + (["--jets", smk.input.jets] if "jets" in smk.input.keys() else [])
        + ["--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
