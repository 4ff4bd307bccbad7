# The report: every study's JSON gathered into results/summary.md, the paper-vs-trigml table,
# provenance, and the captions for `snakemake --report results/report.html`.


rule summarize_results:
    """Gather the JSON of the studies switched on into results/summary.md / summary.json, with
    the paper-vs-trigml table (published values from workflow/resources/paper_values.yaml, ours
    from the JSON) and the provenance of the run (version, config hash, packages, devices).
    """
    input:
        get_report_inputs(),
        paper_values=repo_path("workflow/resources/paper_values.yaml"),
    output:
        md=report(
            patterns.summary_md(),
            caption="../report/summary.rst",
            category="0 Summary",
        ),
        json=patterns.summary_json(),
        table=report(
            patterns.paper_table_html(),
            caption="../report/paper_table.rst",
            category="0 Summary",
        ),
        provenance=report(
            patterns.provenance_html(),
            caption="../report/provenance.rst",
            category="0 Summary",
        ),
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
        data_kinds=get_data_kinds(),
        config=config,
        configfiles=[str(f) for f in workflow.configfiles],
    script:
        "../../scripts/report/summarize_results.py"


rule report:
    """Alias: everything the report needs."""
    input:
        rules.summarize_results.output,


rule compare_jet_methods:
    """Accuracy vs LUTs and vs latency on 5-class jet tagging for every method family: NN
    (hls4ml), symbolic regression (hls4ml symbolic expressions) and WARP/difflogic (Yosys), with
    LogicNets' published points; costs without synthesis are labelled estimates."""
    input:
        unpack(get_compare_inputs),
    output:
        png=report(
            patterns.compare_jets_png(),
            caption="../report/compare_jets.rst",
            category="0 Accuracy vs hardware cost",
        ),
        json=patterns.compare_jets_json(),
    log:
        patterns.log("report", "compare_jet_methods"),
    localrule: True
    conda:
        "../../envs/sim.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        nn_layers=[16, *config["jets_sr"]["nn"]["hidden"], 5],
        nn_bits=config["jets_sr"]["nn"]["bits"],
        data=get_data_kinds()["jets_sr"],
    script:
        "../../scripts/report/compare_jet_methods.py"
