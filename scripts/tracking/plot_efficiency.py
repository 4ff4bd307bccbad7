"""Figures: tracking efficiency vs particle pT and vs eta."""

import argparse

from trigml.cli import log_to
from trigml.files import read_json
from trigml.tracking.plots import plot_efficiency


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--tracks", required=True, help="track metrics JSON (build_tracks)")
    p.add_argument("--out-pt", required=True)
    p.add_argument("--out-eta", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        tracks = read_json(args.tracks)
        plot_efficiency(tracks, args.out_pt, variable="pt")
        plot_efficiency(tracks, args.out_eta, variable="eta")


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        [
            "--tracks",
            smk.input[0],
            "--out-pt",
            smk.output.pt,
            "--out-eta",
            smk.output.eta,
            "--log",
            smk.log[0],
        ]
    )
elif __name__ == "__main__":
    main()
