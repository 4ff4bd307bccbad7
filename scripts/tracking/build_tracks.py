"""Build tracks from the classified edges of the test events (the paper's DBSCAN on eta-phi, and
the configured alternatives); efficiencies with intervals, fake rates, TrackML score.

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--graphs", nargs="+", required=True, help="test graph files")
    p.add_argument("--truth", nargs="+", required=True, help="their truth CSVs (inputs)")
    p.add_argument("--prefixes", nargs="+", required=True, help="their TrackML event prefixes (same order)")
    p.add_argument("--scores", required=True, help="edge scores npz (evaluate_edges)")
    p.add_argument("--metrics", required=True, help="edge metrics JSON (its validation threshold)")
    p.add_argument("--tracks", type=json_arg, required=True, help="JSON of the tracking.tracks block")
    p.add_argument("--out", required=True, help="track metrics JSON to write")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking.steps import reconstruct_tracks

        reconstruct_tracks(args.graphs, args.scores, args.prefixes, tracks=args.tracks,
                           edge_metrics_path=args.metrics, out_path=args.out)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("tracks",)))  # noqa: F821
elif __name__ == "__main__":
    main()
