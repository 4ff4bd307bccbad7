"""Scale the ADC2021-layout samples into model inputs, split the background, add pseudo-outliers (.npz)."""

import argparse

from trigml.anomaly_kd_l1.features import build_dataset
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--background", required=True)
    p.add_argument("--signal", nargs="+", required=True, metavar="NAME=PATH")
    p.add_argument("--outliers", default=None, help="other-SM-process sample (pseudo-outliers)")
    p.add_argument("--out", required=True)
    p.add_argument("--split", type=float, nargs=3, default=(0.5, 0.1, 0.4))
    p.add_argument("--n-noise", type=int, default=2000)
    p.add_argument("--max-events", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log")
    a = p.parse_args(argv)
    signals = {}
    for item in a.signal:
        name, sep, path = item.partition("=")
        if not sep:
            p.error(f"--signal expects NAME=PATH, got {item!r}")
        signals[name] = path
    with log_to(a.log) as log:
        sizes = build_dataset(
            a.background, signals, a.outliers, a.out, split=tuple(a.split), n_noise=a.n_noise,
            max_events=a.max_events, seed=a.seed,
        )  # fmt: skip
        log.info("dataset %s: %s", a.out, sizes)


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        [
            "--background",
            smk.input.background,
            "--signal",
            *[f"{k}={v}" for k, v in zip(smk.params.signals, smk.input.signals)],
        ]
        + ["--outliers", smk.input.outliers, "--out", smk.output[0], "--split", *map(str, smk.params.split)]
        + ["--n-noise", str(smk.params.n_noise), "--seed", str(smk.params.seed)]
        + (["--max-events", str(smk.params.max_events)] if smk.params.max_events else [])
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
