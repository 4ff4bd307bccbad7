"""Scale the ADC2021-layout samples into the 57 model inputs, split the background into train /
validation / test, add the detector-noise-like pseudo-outliers; one npz.

Under Snakemake every option comes by name from the rule (input.background, input.signals,
input.outliers, params.names, params.split, params.n_noise, params.max_events, params.seed,
output.dataset) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--background", required=True)
    p.add_argument("--signals", nargs="+", required=True, help="signal files, in the order of --names")
    p.add_argument("--names", nargs="+", required=True, help="signal names")
    p.add_argument("--outliers", required=True, help="other-SM-process sample (pseudo-outliers)")
    p.add_argument("--split", type=float, nargs=3, required=True)
    p.add_argument("--n-noise", type=int, required=True)
    p.add_argument("--max-events", type=json_arg, required=True, help="events read per file; null = all")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--dataset", required=True, help="npz to write")
    a = p.parse_args(argv)
    if len(a.signals) != len(a.names):
        p.error(f"{len(a.signals)} signal files but {len(a.names)} names")
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.features import build_dataset

        sizes = build_dataset(
            a.background, dict(zip(a.names, a.signals, strict=True)), a.outliers, a.dataset, split=tuple(a.split),
            n_noise=a.n_noise, max_events=a.max_events, seed=a.seed,
        )  # fmt: skip
        log.info("dataset %s: %s", a.dataset, sizes)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("max_events",)))  # noqa: F821
elif __name__ == "__main__":
    main()
