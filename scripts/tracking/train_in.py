"""Train the interaction-network edge classifier on graph files.

Under Snakemake every value is read by name (input.train, input.val, params.hidden_size,
params.settings, params.seed, output.model, output.history), so `use rule train_in as ... with:`
can change any of them.
"""

import argparse
import json

import torch
from trigml.cli import log_to
from trigml.tracking.pipeline import train_model


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--train", nargs="+", required=True, help="training graph files")
    p.add_argument("--val", nargs="+", required=True, help="validation graph files")
    p.add_argument("--hidden-size", type=int, required=True)
    p.add_argument("--settings", default="{}", help="JSON of trigml.tracking.train.TrainSettings fields")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", required=True, help="checkpoint to write")
    p.add_argument("--history", required=True, help="history JSON to write")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--device", default="auto", choices=["auto", "cpu"])
    p.add_argument("--log")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    with log_to(args.log):
        train_model(
            args.train, args.val, hidden_size=args.hidden_size, settings=json.loads(args.settings),
            seed=args.seed, model_path=args.model, history_path=args.history, prefer_device=args.device,
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    prm = smk.params
    main(
        ["--train", *smk.input.train, "--val", *smk.input.val, "--hidden-size", str(prm.hidden_size)]
        + ["--settings", json.dumps(dict(getattr(prm, "settings", {}) or {}))]
        + ["--seed", str(getattr(prm, "seed", 0)), "--threads", str(smk.threads)]
        + ["--model", smk.output.model, "--history", smk.output.history, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
