"""Build one event graph per filtered-hit file (23 layer pairs, phi-slope and z0 cuts)."""

import argparse

from trigml.cli import log_to
from trigml.tracking.steps import build_graphs


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--hits", nargs="+", required=True, help="filtered-hit parquet files")
    p.add_argument("--out", nargs="+", required=True, help="one graph .npz per hit file")
    p.add_argument("--pt-min", type=float, required=True)
    p.add_argument("--phi-slope-max", type=float, required=True, help="|dphi/dr| cut [1/mm]")
    p.add_argument("--z0-max", type=float, required=True, help="|z0| cut [mm]")
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        build_graphs(
            args.hits, args.out, pt_min=args.pt_min, phi_slope_max=args.phi_slope_max, z0_max=args.z0_max
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--hits", *smk.input, "--out", *smk.output, "--pt-min", str(smk.params.pt_min)]
        + ["--phi-slope-max", str(smk.params.phi_slope_max), "--z0-max", str(smk.params.z0_max)]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
