"""Gather the studies' JSON outputs into results/summary.md and results/summary.json."""

import argparse

from trigml.cli import atomic_path, log_to, write_json
from trigml.report import summarize


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--results", default="results")
    p.add_argument("--studies", nargs="+", required=True)
    p.add_argument("--title", default="trigml summary")
    p.add_argument("--md", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        md, data = summarize(args.results, args.studies, args.title)
        with atomic_path(args.md) as tmp:
            tmp.write_text(md)
        write_json(args.json, data)
        log.info("summary of %s written to %s", ", ".join(args.studies), args.md)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--results", smk.params.results, "--studies", *smk.params.studies, "--title", smk.params.title]
        + ["--md", smk.output.md, "--json", smk.output.json, "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
