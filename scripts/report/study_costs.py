"""Time and disk per study: wall and CPU seconds summed from the Snakemake benchmark files under
<results>/benchmarks/<study>/, the slowest rule, and the disk use of <results>/<study>/.

Prints a Markdown table (and writes --md / --json when given); rule tabulate_costs writes
results/report/costs.{md,json} after every run.
"""

from trigml.cli import log_to, parser, snakemake_argv

STUDIES = ("data", "tracking", "tracking_fpga", "jets_sr", "anomaly_kd", "anomaly_kd_l1", "logic_warp")


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--results", required=True, help="the results folder of a run")
    p.add_argument("--studies", nargs="+", default=list(STUDIES), help="studies to tabulate (default: all)")
    p.add_argument("--md", help="write the Markdown table here")
    p.add_argument("--json", help="write the numbers here")
    p.add_argument("--html", help="write the table as HTML here (the report item)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml import report
        from trigml.files import atomic_path, write_json

        costs = report.study_costs(args.results, args.studies)
        md = report.costs_markdown(costs)
        if args.md:
            with atomic_path(args.md) as tmp:
                tmp.write_text(
                    "Time and disk per study, from the Snakemake benchmark files of this run "
                    "(`scripts/report/study_costs.py`).\n\n" + md
                )
        if args.json:
            write_json(args.json, {"studies": costs})
        if args.html:
            with atomic_path(args.html) as tmp:
                tmp.write_text(report.costs_html(costs))
        if not args.md:
            print(md, end="")


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    from trigml import patterns

    results = patterns.report.results_root(snakemake.output.json, patterns.report.costs_json())  # noqa: F821
    main([*snakemake_argv(snakemake), "--results", results])  # noqa: F821
elif __name__ == "__main__":
    main()
