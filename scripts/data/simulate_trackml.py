"""Simulate TrackML-format events (Pythia8 tt̄ + Poisson pileup through the TrackML-like detector).

CLI: python scripts/data/simulate_trackml.py --outdir DIR --events 1000 1001 --seed 1 \\
        --settings '{"mu": 10, "strips": true}'
"""

import argparse
import json

from trigml.cli import log_to
from trigml.data.simulation import SimulationSettings, simulate_dataset


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--outdir", required=True, help="folder for event<9 digits>-<part>.csv")
    p.add_argument("--events", required=True, nargs="+", type=int, help="event ids")
    p.add_argument("--seed", type=int, default=20211)
    p.add_argument("--settings", default="{}", help="JSON object of data.trackml.simulation keys")
    p.add_argument("--no-progress", action="store_true")
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
        files = simulate_dataset(args.outdir, args.events, settings, args.seed, progress=not args.no_progress)
        log.info("wrote %d files for %d events to %s", len(files), len(args.events), args.outdir)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        [
            "--outdir",
            smk.params.outdir,
            "--events",
            *map(str, smk.params.events),
            "--seed",
            str(smk.params.seed),
        ]
        + ["--settings", json.dumps(dict(smk.params.sim)), "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
