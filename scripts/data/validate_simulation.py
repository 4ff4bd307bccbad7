"""Compare simulated μ = 200 events with the real particle table of TrackML event 1000.

Particle counts, pT / eta spectra and nhits (with KS distances); writes the numbers (JSON) and a figure.
Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--reference", required=True, help="real TrackML particles CSV")
    p.add_argument("--settings", type=json_arg, required=True, help="JSON object of data.trackml.simulation keys")
    p.add_argument("--mu", type=float, required=True, help="pileup of the validation events")
    p.add_argument("--n-events", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--png", required=True)
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.data.simulation import SimulationSettings
        from trigml.data.simulation.validation import run_validation

        settings = SimulationSettings.from_dict(args.settings)
        result = run_validation(args.reference, settings, args.mu, args.n_events, args.seed, args.json, args.png)
        log.info("primaries sim/real = %.3f, KS(pT) = %.3f, KS(eta) = %.3f, agreement: %s",
                 result["counts"]["n_primaries"]["ratio"], result["ks"]["pt"], result["ks"]["eta"],
                 result["agreement"])  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("settings",)))  # noqa: F821
elif __name__ == "__main__":
    main()
