"""Train the FPGA interaction network on the sector graphs of the training events (phi local to the
sector when sectors.local_phi), validated on those of the validation events.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--train", nargs="+", required=True, help="training event graph files")
    p.add_argument("--val", nargs="+", required=True, help="validation event graph files")
    p.add_argument("--hidden-size", type=int, required=True)
    p.add_argument("--settings", type=json_arg, required=True, help="JSON of trigml.tracking.train.TrainSettings fields")
    p.add_argument("--sectors", type=json_arg, required=True, help="JSON of the tracking_fpga.sectors block")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--model", required=True, help="checkpoint to write")
    p.add_argument("--history", required=True, help="history JSON to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking_fpga.steps import train_in_fpga

        train_in_fpga(args.train, args.val, hidden_size=args.hidden_size, settings=args.settings, seed=args.seed,
                      sectors=args.sectors, model=args.model, history=args.history)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("settings", "sectors")))  # noqa: F821
elif __name__ == "__main__":
    main()
