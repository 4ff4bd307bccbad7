"""Simulate one ADC2021-layout sample (SM cocktail, a signal, or the other-SM pseudo-outliers) with
Pythia8 + FastJet. How many events and which process mix follow from the config's simulation block
(trigml.anomaly_kd_l1.simulate.sample_plan); the log shows progress per process.

Under Snakemake every option comes by name from the rule (params.sample, params.sim, params.seed,
output.events) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument(
        "--sample", required=True, help="background, Ato4l, leptoquark, hToTauTau, hChToTauNu or outliers"
    )
    p.add_argument("--sim", type=json_arg, required=True, help="JSON of the anomaly_kd_l1.simulation block")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--events", required=True, help="output .h5 (ADC2021 layout)")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.simulate import sample_plan, write_sample

        n, fractions = sample_plan(a.sample, a.sim)
        res = write_sample(
            a.sample, a.events, n_events=n, seed=a.seed, fractions=fractions, ecm=a.sim["ecm"], mpi=a.sim["mpi"],
            detector=a.sim["detector"], qcd_pthat_min=a.sim["qcd_pthat_min"], progress=False,
        )  # fmt: skip
        log.info("%s: %d events written to %s", a.sample, res["n_events"], a.events)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
