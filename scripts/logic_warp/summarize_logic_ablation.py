"""The ablation table: the model with all of the paper's tricks (its main run) and with each
switched off; test accuracy of the validation-selected epoch and live logic nodes, over seeds."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--ablation", required=True, help="runs of train_logic_ablation (JSON)")
    p.add_argument("--runs", required=True, help="runs.json of the ablation task (the all-tricks runs)")
    p.add_argument("--out-json", required=True)
    p.add_argument("--out-md", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.summary import summarize_ablation

        summarize_ablation(args.ablation, args.runs, out_json=args.out_json, out_md=args.out_md)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
