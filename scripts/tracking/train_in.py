"""Train the interaction-network edge classifier on graph files.

Under Snakemake every option comes by name from the rule (input.train, input.val,
params.hidden_size, params.settings, params.seed, output.model, output.history) through
trigml.cli.snakemake_argv, so `use rule train_in as ... with:` can change any of them.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--train", nargs="+", required=True, help="training graph files")
    p.add_argument("--val", nargs="+", required=True, help="validation graph files")
    p.add_argument("--hidden-size", type=int, required=True)
    p.add_argument("--settings", type=json_arg, required=True, help="JSON of TrainSettings fields")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--model", required=True, help="checkpoint to write")
    p.add_argument("--history", required=True, help="history JSON to write")
    p.add_argument("--device", default="auto", choices=["auto", "cpu"], help="cpu forces the CPU")
    args = p.parse_args(argv)
    with log_to(args.log):
        import torch
        from trigml.tracking.steps import train_model

        torch.set_num_threads(args.threads)
        train_model(
            args.train, args.val, hidden_size=args.hidden_size, settings=args.settings,
            seed=args.seed, model_path=args.model, history_path=args.history, prefer_device=args.device,
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
