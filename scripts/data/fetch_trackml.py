"""Real TrackML events into the results tree, checked against the challenge format.

Two sources (rules ``download_trackml`` and ``import_trackml``):

- ``--url``: fetch the archive (zip or tar; resumed, retried, sha256-verified or recorded in a lock
  file beside it), extract the requested events, check them, write them to ``--outdir``;
- ``--local``: read the requested events from a folder or a zip, check them, write them.

Example::

    python scripts/data/fetch_trackml.py --local ~/trackml/train_sample.zip \\
        --event-ids 1000 1001 --outdir results/data/trackml/events

Under Snakemake every option comes by name from the rule through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url", help="archive of TrackML events (zip or tar[.gz]) to download")
    src.add_argument("--local", help="folder or .zip holding event<9 digits>-<part>.csv[.gz] files")
    p.add_argument("--sha256", type=json_arg, help='expected sha256 of the archive as JSON ("..." or null: lock file)')
    p.add_argument("--retries", type=int, help="download attempts (with resume); required with --url")
    p.add_argument("--download-dir", help="where the archive is kept; required with --url")
    p.add_argument("--event-ids", type=int, nargs="+", required=True, help="event ids to take")
    p.add_argument("--outdir", required=True, help="folder receiving event<9 digits>-<part>.csv")
    p.add_argument("--csv", nargs="*", default=[], help="the files the rule expects (written under --outdir)")
    args = p.parse_args(argv)
    if args.url and (args.retries is None or args.download_dir is None):
        p.error("--url needs --retries and --download-dir")
    with log_to(args.log) as log:
        from trigml.data.trackml import download_events, import_events

        if args.url:
            files = download_events(args.url, args.event_ids, args.outdir, args.download_dir,
                                    sha256=args.sha256, retries=args.retries, progress=False)  # fmt: skip
        else:
            files = import_events(args.local, args.event_ids, args.outdir)
        log.info("%d event(s), %d files written to %s", len(args.event_ids), len(files), args.outdir)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("sha256",)))  # noqa: F821
elif __name__ == "__main__":
    main()
