# The report: the paper-vs-trigml table with verdicts (the landing page of `snakemake --report`,
# embedded by workflow/report/workflow.rst), results/summary.md, provenance and costs per study.
# Logic: trigml.report; categories are the studies in DAG order (trigml.report.CATEGORIES).


rule summarize_results:
    """Paper-vs-trigml table with a verdict per published number (workflow/resources/paper_values.yaml
    beside the studies' JSON), results/summary.md (the table plus one short section per study) and
    summary.json, and the provenance of the run (version, config hash, packages, devices).
    """
    input:
        get_report_inputs(),
        **trigml_export.named_indices(config),
        paper_values=repo_path("workflow/resources/paper_values.yaml"),
    output:
        md=patterns.summary_md(),
        json=patterns.summary_json(),
        table=report(
            patterns.paper_table_html(),
            caption="../report/paper_table.rst",
            category="0 overview",
            labels={"study": "every study", "item": "paper vs trigml, with verdicts"},
        ),
        provenance=report(
            patterns.provenance_html(),
            caption="../report/provenance.rst",
            category="0 overview",
            labels={"study": "every study", "item": "provenance"},
        ),
    log:
        patterns.log("report", "summarize_results"),
    benchmark:
        patterns.benchmark("report", "summarize_results")
    localrule: True
    conda:
        "../../envs/sim.yaml"
    params:
        studies=config["studies"],
        title=config["report"]["title"],
        data_kinds=get_data_kinds(),
        config=config,
        configfiles=workflow.configfiles,
    script:
        "../../scripts/report/summarize_results.py"


rule tabulate_costs:
    """Wall and CPU time (from the benchmark files) and disk use per study of this run."""
    input:
        rules.summarize_results.output.json,
    output:
        md=patterns.report.costs_md(),
        json=patterns.report.costs_json(),
        html=report(
            patterns.report.costs_html(),
            caption="../report/costs.rst",
            category="0 overview",
            labels={"study": "every study", "item": "time and disk per study"},
        ),
    log:
        patterns.log("report", "tabulate_costs"),
    localrule: True
    conda:
        "../../envs/sim.yaml"
    params:
        studies=config["studies"],
    script:
        "../../scripts/report/study_costs.py"


rule report:
    """Alias: everything the report needs."""
    input:
        rules.summarize_results.output,
        rules.tabulate_costs.output,


rule compare_jet_methods:
    """Accuracy vs LUTs and vs latency on 5-class jet tagging for every method family: NN,
    symbolic regression and WARP/difflogic, measured by the open RTL flow (hardware.json:
    da4ml or the study's Verilog -> Verilator bit-exact -> Yosys), with LogicNets' published
    points; a family without hardware.json falls back to its study's numbers."""
    input:
        **hardware_inputs.compare_inputs(config),
    output:
        png=report(
            patterns.compare_jets_png(),
            caption="../report/compare_jets.rst",
            category="8 cross-study",
            labels={
                "study": "jets_sr, logic_warp",
                "item": "accuracy vs hardware cost",
            },
        ),
        json=patterns.compare_jets_json(),
    log:
        patterns.log("report", "compare_jet_methods"),
    localrule: True
    conda:
        "../../envs/sim.yaml"
    params:
        nn_layers=[16, *config["jets_sr"]["nn"]["hidden"], 5],
        nn_bits=config["jets_sr"]["nn"]["bits"],
        data=get_data_kinds()["jets_sr"],
    script:
        "../../scripts/report/compare_jet_methods.py"
