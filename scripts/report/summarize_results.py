"""Paper-vs-trigml table with verdicts (results/summary.md, summary.json and the report's landing-page
HTML) and the provenance page, from the studies' JSON and workflow/resources/paper_values.yaml.

Under Snakemake every option comes by name from rule summarize_results (trigml.cli.snakemake_argv).
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--results", required=True, help="the results folder the JSON paths are relative to")
    p.add_argument("--studies", nargs="+", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--paper-values", required=True, help="workflow/resources/paper_values.yaml")
    p.add_argument(
        "--data-kinds", type=json_arg, required=True, help="JSON: study -> real/simulated/stand-in"
    )
    p.add_argument("--config", type=json_arg, required=True, help="JSON of the validated config")
    p.add_argument("--configfiles", nargs="+", required=True)
    p.add_argument("--repo", help="repository root, for git describe (default: from --paper-values)")
    p.add_argument("--exports", nargs="*", default=[], help="export index JSON files (rule export_onnx)")
    p.add_argument("--md", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--table", required=True, help="landing-page HTML fragment (also a report item)")
    p.add_argument("--provenance", required=True)
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from pathlib import Path

        from trigml import report

        if args.repo is None:  # workflow/resources/paper_values.yaml -> the repository root
            args.repo = str(Path(args.paper_values).resolve().parents[2])
        from trigml.files import atomic_path, write_json

        entries = [e for e in report.load_paper_values(args.paper_values) if e["study"] in args.studies]
        rows = report.paper_vs_ours(args.results, entries, args.data_kinds)
        prov = report.provenance(args.repo, args.config, args.configfiles, Path(args.results) / "logs")
        md = report.build_summary(args.results, args.studies, rows, args.data_kinds, args.title)
        md += report.exports_markdown(args.exports)
        md += "\n## Provenance\n\n" + report.provenance_markdown(prov)
        with atomic_path(args.md) as tmp:
            tmp.write_text(md)
        write_json(args.json, {"paper_vs_trigml": rows, "provenance": prov})
        with atomic_path(args.table) as tmp:
            tmp.write_text("<meta charset='utf-8'>" + report.rows_to_html(rows) + "\n")
        with atomic_path(args.provenance) as tmp:
            tmp.write_text(report.provenance_html(prov))
        log.info("%d paper rows, summary of %s written to %s", len(rows), ", ".join(args.studies), args.md)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    from trigml import patterns

    results = patterns.report.results_root(snakemake.output.md, patterns.summary_md())  # noqa: F821
    main([*snakemake_argv(snakemake), "--results", results])  # noqa: F821
elif __name__ == "__main__":
    main()
