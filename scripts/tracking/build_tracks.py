"""Build tracks from classified edges (connected components, DBSCAN); efficiencies and TrackML score."""

import argparse

from trigml.cli import log_to
from trigml.tracking.steps import reconstruct_tracks


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--graphs", nargs="+", required=True, help="test graph files")
    p.add_argument("--events", nargs="+", required=True, help="their TrackML event prefixes (same order)")
    p.add_argument("--scores", required=True, help="edge scores npz (evaluate_edges)")
    p.add_argument(
        "--edge-metrics", required=True, help="edge metrics JSON (its threshold is used if none given)"
    )
    p.add_argument("--threshold", type=float, default=None, help="edge-score cut for connected components")
    p.add_argument(
        "--prune", action=argparse.BooleanOptionalAction, default=True,
        help="connected components on each hit's best incoming/outgoing edge only",
    )  # fmt: skip
    p.add_argument("--min-hits", type=int, default=3)
    p.add_argument("--dbscan-eps", type=float, default=0.5)
    p.add_argument("--dbscan-min-samples", type=int, default=2)
    p.add_argument("--pt-bins", type=float, nargs="+", default=[0.5, 1.0, 2.0, 5.0, 100.0])
    p.add_argument("--eta-bins", type=float, nargs="+", default=[-4.0, -2.0, 0.0, 2.0, 4.0])
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        reconstruct_tracks(
            args.graphs, args.scores, args.events, threshold=args.threshold, edge_metrics_path=args.edge_metrics,
            prune=args.prune,
            min_hits=args.min_hits, dbscan_eps=args.dbscan_eps, dbscan_min_samples=args.dbscan_min_samples,
            pt_bins=args.pt_bins, eta_bins=args.eta_bins, out_path=args.out,
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    t = smk.params.tracks
    main(
        ["--graphs", *smk.input.graphs, "--events", *smk.params.prefixes, "--scores", smk.input.scores]
        + ["--edge-metrics", smk.input.metrics, "--out", smk.output[0], "--log", smk.log[0]]
        + ([] if t["threshold"] is None else ["--threshold", str(t["threshold"])])
        + ["--prune" if t["prune"] else "--no-prune"]
        + ["--min-hits", str(t["min_hits"]), "--dbscan-eps", str(t["dbscan_eps"])]
        + ["--dbscan-min-samples", str(t["dbscan_min_samples"])]
        + ["--pt-bins", *map(str, t["pt_bins"]), "--eta-bins", *map(str, t["eta_bins"])]
    )
elif __name__ == "__main__":
    main()
