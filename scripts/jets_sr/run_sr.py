"""One-vs-rest symbolic regression (one search per class); Pareto fronts and the model choice on
validation jets, test jets reported.

Under Snakemake: input.dataset, input.split, input.nn (float NN metrics), params.sr, params.hls, params.uncertainty,
params.seed, input.costs (where jets_sr.sr.complexity_source is rtl), output.front,
output.timing (through trigml.cli.snakemake_argv).
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--nn", required=True, help="float NN metrics JSON (per-jet test predictions)")
    p.add_argument("--sr", type=json_arg, required=True, help="JSON of the jets_sr.sr block")
    p.add_argument(
        "--hls", type=json_arg, required=True, help="JSON of the jets_sr.hls block (LUTs, precision)"
    )
    p.add_argument(
        "--uncertainty", type=json_arg, required=True, help="JSON of the jets_sr.uncertainty block"
    )
    p.add_argument("--seed", type=int, required=True)
    p.add_argument(
        "--costs", help="measured operator cost table (calibrate_operators; complexity_source rtl)"
    )
    p.add_argument("--front", required=True)
    p.add_argument("--timing", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.settings import HLSSettings, SRSettings, UncertaintySettings, build
        from trigml.jets_sr.steps import run_sr

        run_sr(args.dataset, args.split, args.nn, args.front, args.timing, sr=build(SRSettings, args.sr, "--sr"),
               hls=build(HLSSettings, args.hls, "--hls"),
               uncertainty=build(UncertaintySettings, args.uncertainty, "--uncertainty"), seed=args.seed,
               costs=args.costs)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
