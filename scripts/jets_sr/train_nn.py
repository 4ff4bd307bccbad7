"""Train the NN baseline (float or QKeras-quantized) and evaluate it on the test jets.

Under Snakemake: input.dataset, input.split, params.precision, params.nn, params.uncertainty,
params.seed, output.model, output.metrics (through trigml.cli.snakemake_argv).
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--precision", choices=["float", "quantized"], required=True)
    p.add_argument("--nn", type=json_arg, required=True, help="JSON of the jets_sr.nn block")
    p.add_argument(
        "--uncertainty", type=json_arg, required=True, help="JSON of the jets_sr.uncertainty block"
    )
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--metrics", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.settings import NNSettings, UncertaintySettings, build
        from trigml.jets_sr.steps import train_nn

        train_nn(args.dataset, args.split, args.model, args.metrics, precision=args.precision,
                 nn=build(NNSettings, args.nn, "--nn"), uncertainty=build(UncertaintySettings, args.uncertainty,
                 "--uncertainty"), seed=args.seed)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
