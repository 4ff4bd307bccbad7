"""Gather the studies' JSON into results/summary.md + summary.json, the paper-vs-trigml table and
the provenance page (HTML report items)."""

import argparse
import html
import json
from pathlib import Path

from trigml.cli import log_to
from trigml.files import atomic_path, write_json
from trigml.report import (
    load_paper_values,
    paper_vs_ours,
    provenance,
    provenance_markdown,
    rows_to_html,
    rows_to_markdown,
    summarize,
)


def run(args: argparse.Namespace, config: dict, data_kinds: dict[str, str]) -> None:
    md, data = summarize(args.results, args.studies, args.title)
    entries = [e for e in load_paper_values(args.paper_values) if e["study"] in args.studies]
    rows = paper_vs_ours(args.results, entries, data_kinds)
    prov = provenance(args.repo, config, args.configfiles, Path(args.results) / "logs")
    head, _, body = md.partition("\n\n")
    md = (
        f"{head}\n\n## Provenance\n\n{provenance_markdown(prov)}\n"
        f"## Paper vs trigml\n\n{rows_to_markdown(rows)}\n{body}"
    )
    with atomic_path(args.md) as tmp:
        tmp.write_text(md)
    write_json(args.json, {"paper_vs_trigml": rows, "provenance": prov, "studies": data})
    with atomic_path(args.table) as tmp:
        tmp.write_text(f"<html><body><h2>Paper vs trigml</h2>{rows_to_html(rows)}</body></html>\n")
    prov_items = "".join(
        f"<li>{html.escape(line.lstrip('- '))}</li>" for line in provenance_markdown(prov).splitlines()
    )
    with atomic_path(args.provenance) as tmp:
        tmp.write_text(f"<html><body><h2>Provenance</h2><ul>{prov_items}</ul></body></html>\n")


def main(argv: list[str] | None = None, config: dict | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--results", default="results")
    p.add_argument("--studies", nargs="+", required=True)
    p.add_argument("--title", default="trigml summary")
    p.add_argument("--paper-values", required=True)
    p.add_argument("--data-kinds", default="{}", help="JSON: study -> real/simulated/stand-in")
    p.add_argument("--configfiles", nargs="*", default=[])
    p.add_argument("--repo", help="repository root (default: two levels above --paper-values)")
    p.add_argument("--md", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--table", required=True)
    p.add_argument("--provenance", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    if args.repo is None:  # workflow/resources/paper_values.yaml -> the repository root
        args.repo = str(Path(args.paper_values).resolve().parents[2])
    with log_to(args.log) as log:
        if config is None:
            from trigml.config import load_config

            config = load_config(*args.configfiles) if args.configfiles else {}
        run(args, config, json.loads(args.data_kinds))
        log.info("summary of %s written to %s", ", ".join(args.studies), args.md)


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--results", smk.params.results, "--studies", *smk.params.studies, "--title", smk.params.title]
        + ["--paper-values", smk.input.paper_values, "--data-kinds", json.dumps(smk.params.data_kinds)]
        + ["--configfiles", *smk.params.configfiles]
        + ["--md", smk.output.md, "--json", smk.output.json, "--table", smk.output.table]
        + ["--provenance", smk.output.provenance, "--log", smk.log[0]],
        config=dict(smk.params.config),
    )
elif __name__ == "__main__":
    main()
