"""Compare simulated events at mu = 200 with the real particle table of TrackML event 1000.

CLI: python scripts/data/validate_simulation.py --reference event000001000-particles.csv \\
        --mu 200 --n-events 3 --json validation.json --png validation.png
"""

import argparse
import json

from trigml.cli import log_to
from trigml.data.simulation import SimulationSettings
from trigml.data.simulation.validation import run_validation


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reference", required=True, help="real TrackML particles CSV")
    p.add_argument("--settings", default="{}", help="JSON object of data.trackml.simulation keys")
    p.add_argument("--mu", type=float, default=200.0)
    p.add_argument("--n-events", type=int, default=3)
    p.add_argument("--seed", type=int, default=20211)
    p.add_argument("--json", required=True)
    p.add_argument("--png", required=True)
    p.add_argument("--log")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    with log_to(args.log) as log:
        try:
            values = json.loads(args.settings)
        except json.JSONDecodeError as err:
            raise SystemExit(f"--settings is not valid JSON: {err}") from err
        settings = SimulationSettings.from_dict(values)
        result = run_validation(
            args.reference, settings, args.mu, args.n_events, args.seed, args.json, args.png
        )
        log.info("primaries sim/real = %.3f, KS(pT) = %.3f, KS(eta) = %.3f, agreement: %s",
                 result["counts"]["n_primaries"]["ratio"], result["ks"]["pt"], result["ks"]["eta"],
                 result["agreement"])  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--reference", smk.input.reference, "--settings", json.dumps(dict(smk.params.sim))]
        + ["--mu", str(smk.params.mu), "--n-events", str(smk.params.n_events), "--seed", str(smk.params.seed)]
        + ["--json", smk.output.json, "--png", smk.output.png, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
