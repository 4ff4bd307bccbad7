# The report: every study's JSON gathered into results/summary.md (and `snakemake --report`).


rule summarize_results:
    """Gather the JSON of the studies switched on into results/summary.md and summary.json."""
    input:
        [get_study_targets(s) for s in config["studies"]],
    output:
        md=report(
            patterns.summary_md(), caption="../report/summary.rst", category="Summary"
        ),
        json=patterns.summary_json(),
    log:
        patterns.log("report", "summarize_results"),
    benchmark:
        patterns.benchmark("report", "summarize_results")
    localrule: True
    conda:
        "../../envs/sim.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        studies=config["studies"],
        title=config["report"]["title"],
        results=lambda wc, output: os.path.dirname(output.md),
    script:
        "../../scripts/report/summarize_results.py"


rule report:
    """Alias: everything the report needs."""
    input:
        rules.summarize_results.output,
