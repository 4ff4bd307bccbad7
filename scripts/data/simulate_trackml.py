"""Simulate TrackML-format events (Pythia8 tt̄ + Poisson pileup through the TrackML-like detector).

CLI: python scripts/data/simulate_trackml.py --outdir DIR --event-ids 1000 1001 --seed 1 \\
        --settings '{"mu": 200, ...every data.trackml.simulation key}'
Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--outdir", required=True, help="folder for event<9 digits>-<part>.csv")
    p.add_argument("--event-ids", required=True, nargs="+", type=int, help="event ids")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--settings", type=json_arg, required=True, help="JSON object of data.trackml.simulation keys")
    p.add_argument("--csv", nargs="*", default=[], help="the files the rule expects (written under --outdir)")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.data.simulation import SimulationSettings, simulate_dataset

        settings = SimulationSettings.from_dict(args.settings)
        files = simulate_dataset(args.outdir, args.event_ids, settings, args.seed, progress=False)
        log.info("wrote %d files for %d events to %s", len(files), len(args.event_ids), args.outdir)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("settings",)))  # noqa: F821
elif __name__ == "__main__":
    main()
