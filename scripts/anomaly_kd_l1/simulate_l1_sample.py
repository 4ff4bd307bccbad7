"""Simulate one ADC2021-layout sample (SM cocktail, a signal, or the other-SM pseudo-outliers) with Pythia8 + FastJet."""

import argparse
import json

from trigml.anomaly_kd_l1.simulate import write_sample
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument(
        "--sample", required=True, help="background, Ato4l, leptoquark, hToTauTau, hChToTauNu or outliers"
    )
    p.add_argument("--out", required=True, help="output .h5 (ADC2021 layout)")
    p.add_argument("--n-events", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--fractions",
        type=json.loads,
        default=None,
        help='process mix as JSON, e.g. \'{"W": 0.6, "QCD": 0.4}\'',
    )
    p.add_argument("--ecm", type=float, default=13000.0)
    p.add_argument("--mpi", action="store_true", help="switch on multiparton interactions")
    p.add_argument("--qcd-pthat-min", type=float, default=None)
    p.add_argument("--detector", type=json.loads, default=None, help="detector overrides as JSON")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        res = write_sample(
            a.sample, a.out, n_events=a.n_events, seed=a.seed, fractions=a.fractions, ecm=a.ecm, mpi=a.mpi,
            detector=a.detector, qcd_pthat_min=a.qcd_pthat_min, progress=not a.no_progress,
        )  # fmt: skip
        log.info("%s: %d events written to %s", a.sample, res["n_events"], a.out)


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    sim = smk.params.sim
    fractions = sim["cocktail"] if smk.wildcards.sample == "background" else None
    n = {"background": sim["n_background"], "outliers": sim["n_outliers"]}.get(
        smk.wildcards.sample, sim["n_signal"]
    )
    main(
        [
            "--sample",
            smk.wildcards.sample,
            "--out",
            smk.output[0],
            "--n-events",
            str(n),
            "--seed",
            str(smk.params.seed),
        ]
        + (["--fractions", json.dumps(fractions)] if fractions else [])
        + [
            "--ecm",
            str(sim["ecm"]),
            "--qcd-pthat-min",
            str(sim["qcd_pthat_min"]),
            "--detector",
            json.dumps(sim["detector"]),
        ]
        + (["--mpi"] if sim["mpi"] else [])
        + ["--no-progress", "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
