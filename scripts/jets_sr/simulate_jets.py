"""Simulate the jets of one class with Pythia8 + FastJet (the 16 features of OpenML 42468).

Under Snakemake every option comes by name from the rule (params.jet_class, params.sim,
params.seed, output.parquet, output.stats) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--jet-class", required=True, choices=["g", "q", "t", "w", "z"])
    p.add_argument("--sim", type=json_arg, required=True, help="JSON of the jets_sr.data.simulation block")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--parquet", required=True, help="parquet of this class's jets")
    p.add_argument("--stats", required=True, help="JSON with timing and selection efficiency")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.simulate import JetSimConfig, class_seed, simulate_to_files

        sim = dict(args.sim)
        n_jets = int(sim.pop("jets_per_class"))
        seed = class_seed(args.seed, args.jet_class)
        simulate_to_files(args.jet_class, n_jets, JetSimConfig(**sim), seed, args.parquet, args.stats)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
