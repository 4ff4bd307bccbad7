"""Train every network of one task (Boolean functions or network sizes) for one method and seed."""

import argparse
import json

from trigml.cli import log_to
from trigml.logic_warp.steps import train_task
from trigml.runtime import device


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--task", required=True, choices=["boolean", "jets", "digits"])
    p.add_argument("--method", required=True, choices=["warp", "difflogic"])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--split", help="train/test split (.npz) of a classification task")
    p.add_argument("--params", required=True, help="the task's config block as JSON")
    p.add_argument("--spec", required=True, help="the method's config block as JSON")
    p.add_argument("--hardware", required=True, help="the hardware config block as JSON")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out-json", required=True)
    p.add_argument("--out-models", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    with log_to(args.log):
        train_task(
            args.task, args.method, args.seed, params=json.loads(args.params), spec=json.loads(args.spec),
            hardware=json.loads(args.hardware), out_json=args.out_json, out_models=args.out_models,
            split_path=args.split, device=device(),
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    w = smk.wildcards
    main(
        ["--task", smk.params.name, "--method", w.method, "--seed", w.seed, "--threads", str(smk.threads)]
        + (["--split", smk.input.split] if "split" in smk.input.keys() else [])
        + ["--params", json.dumps(smk.params.task), "--spec", json.dumps(smk.params.spec)]
        + ["--hardware", json.dumps(smk.params.hardware)]
        + ["--out-json", smk.output.json, "--out-models", smk.output.models, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
