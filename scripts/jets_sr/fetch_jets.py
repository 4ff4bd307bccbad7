"""Get the real jet dataset (OpenML 42468): download it (checksummed) or read a local copy."""

import argparse

from trigml.cli import log_to
from trigml.jets_sr.dataset import convert_openml, download_openml


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url", help="download from this URL (OpenML parquet or ARFF)")
    src.add_argument("--local", help="read this OpenML .pq/.parquet/.arff file")
    p.add_argument("--sha256")
    p.add_argument("--retries", type=int, default=5)
    p.add_argument("--download-dir", default="results/jets_sr/data/download")
    p.add_argument("--max-jets", type=int)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    with log_to(args.log):
        if args.url:
            download_openml(args.out, args.download_dir, url=args.url, sha256=args.sha256, retries=args.retries,
                            max_jets=args.max_jets, seed=args.seed)  # fmt: skip
        else:
            convert_openml(args.local, args.out, max_jets=args.max_jets, seed=args.seed)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    argv = ["--out", smk.output.parquet, "--seed", str(smk.params.seed), "--log", smk.log[0]]
    if smk.params.get("max_jets"):
        argv += ["--max-jets", str(smk.params.max_jets)]
    if smk.rule == "download_jets":
        argv += [
            "--url",
            smk.params.url,
            "--retries",
            str(smk.params.retries),
            "--download-dir",
            smk.params.download_dir,
        ]
        if smk.params.sha256:
            argv += ["--sha256", smk.params.sha256]
    else:
        argv += ["--local", smk.input[0]]
    main(argv)
elif __name__ == "__main__":
    main()
