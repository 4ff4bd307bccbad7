"""Get the real jet dataset (OpenML 42468): download it (checksummed) or read a local copy.

Under Snakemake: download_jets passes params.url, .sha256, .retries, .download_dir, .max_jets,
.seed; import_jets passes input.local, params.max_jets, .seed; both output.parquet.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url", help="download from this URL (OpenML parquet or ARFF)")
    src.add_argument("--local", help="read this OpenML .pq/.parquet/.arff file")
    p.add_argument("--sha256", type=json_arg, default=None, help='expected sha256 as JSON ("<hex>" or null)')
    p.add_argument("--retries", type=int, help="download attempts (with --url)")
    p.add_argument("--download-dir", help="where the downloaded file is kept (with --url)")
    p.add_argument("--max-jets", type=json_arg, required=True, help="JSON: a number of jets to keep, or null")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--parquet", required=True)
    args = p.parse_args(argv)
    if args.url and (args.retries is None or args.download_dir is None):
        p.error("--url needs --retries and --download-dir")
    with log_to(args.log):
        from trigml.jets_sr.dataset import convert_openml, download_openml

        if args.url:
            download_openml(args.parquet, args.download_dir, url=args.url, sha256=args.sha256, retries=args.retries,
                            max_jets=args.max_jets, seed=args.seed)  # fmt: skip
        else:
            convert_openml(args.local, args.parquet, max_jets=args.max_jets, seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
