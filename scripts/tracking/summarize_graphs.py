"""Edge efficiency, purity and mean nodes/edges per event of the graphs at one pT threshold."""

import argparse

from trigml.cli import log_to
from trigml.files import write_json
from trigml.tracking.steps import graph_summary


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--graphs", nargs="+", required=True)
    p.add_argument("--out", required=True, help="summary JSON")
    p.add_argument("--pt-min", type=float, required=True)
    p.add_argument("--phi-slope-max", type=float, required=True)
    p.add_argument("--z0-max", type=float, required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        s = graph_summary(
            args.graphs, pt_min=args.pt_min, phi_slope_max=args.phi_slope_max, z0_max=args.z0_max
        )
        write_json(args.out, s)
        log.info(
            "edge efficiency %s, purity %s, %s edges/event",
            s["edge_efficiency"],
            s["edge_purity"],
            s["mean_edges"],
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--graphs", *smk.input, "--out", smk.output[0], "--pt-min", str(smk.params.pt_min)]
        + ["--phi-slope-max", str(smk.params.phi_slope_max), "--z0-max", str(smk.params.z0_max)]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
