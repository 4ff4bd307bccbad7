"""Real TrackML events into the results tree, checked against the challenge format.

Two sources (rules ``download_trackml`` and ``import_trackml``):

- ``--url``: fetch the archive (zip or tar; resumed, retried, sha256-verified or recorded in a lock
  file beside it), extract the requested events, check them, write them to ``--outdir``;
- ``--local``: read the requested events from a folder or a zip, check them, write them.

Example::

    python scripts/data/fetch_trackml.py --local ~/trackml/train_sample.zip \\
        --events 1000 1001 --outdir results/data/trackml/events
"""

import argparse

from trigml import patterns
from trigml.cli import log_to
from trigml.data.trackml import download_events, import_events


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url", help="archive of TrackML events (zip or tar[.gz]) to download")
    src.add_argument("--local", help="folder or .zip holding event<9 digits>-<part>.csv[.gz] files")
    p.add_argument("--sha256", default=None, help="expected sha256 of the archive (default: lock file)")
    p.add_argument("--retries", type=int, default=5, help="download attempts (with resume)")
    p.add_argument(
        "--download-dir", default=patterns.data.trackml_download_dir(), help="where the archive is kept"
    )
    p.add_argument("--events", type=int, nargs="+", required=True, help="event ids to take")
    p.add_argument("--outdir", required=True, help="folder receiving event<9 digits>-<part>.csv")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--log")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    with log_to(args.log) as log:
        if args.url:
            files = download_events(
                args.url,
                args.events,
                args.outdir,
                args.download_dir,
                sha256=args.sha256,
                retries=args.retries,
                progress=not args.no_progress,
            )
        else:
            files = import_events(args.local, args.events, args.outdir)
        log.info("%d event(s), %d files written to %s", len(args.events), len(files), args.outdir)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821  (injected by Snakemake)
    common = ["--events", *map(str, smk.params.events), "--outdir", smk.params.outdir, "--log", smk.log[0]]
    if "url" in smk.params.keys():  # rule download_trackml
        main(
            ["--url", smk.params.url, "--retries", str(smk.params.retries)]
            + ["--download-dir", smk.params.download_dir]
            + (["--sha256", smk.params.sha256] if smk.params.sha256 else [])
            + common
        )
    else:  # rule import_trackml
        main(["--local", smk.input[0], *common])
elif __name__ == "__main__":
    main()
