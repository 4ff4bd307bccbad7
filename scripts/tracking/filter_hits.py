"""Filter the hits of TrackML events at one pT threshold (pixel only, pT cut, no noise, one hit per layer)."""

import argparse

from trigml.cli import log_to
from trigml.tracking.steps import filter_events


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--events", nargs="+", required=True, help="event prefixes, e.g. dir/event000001000")
    p.add_argument("--out", nargs="+", required=True, help="one parquet file per event")
    p.add_argument("--pt-min", type=float, required=True, help="truth-pT threshold [GeV]")
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        filter_events(args.events, args.out, pt_min=args.pt_min)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--events", *smk.params.prefixes, "--out", *smk.output, "--pt-min", str(smk.params.pt_min)]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
