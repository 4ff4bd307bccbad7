# logic_warp study (Gerlach et al. 2026): WARP logic networks (node arity k = 2, 4, 6) vs difflogic
# on Boolean functions, jet tagging (the shared jet dataset, patterns.jets_sr.dataset()) and
# scikit-learn digits, per task {task}:
#   prepare_logic_{jets,digits} (train / validation / test) -> train_logic_{classifier,boolean}
#   (every model and seed) -> export_logic_verilog (first seed) -> the shared open RTL chain of
#   hardware.smk per network (convert_rtl_logic_warp -> simulate_rtl: Verilator bit-exact ->
#   synth_rtl: Yosys, results/logic_warp/hardware/<task>_<network>/hardware.json)
#   -> summarize_logic -> plots; train_logic_ablation -> summarize_logic_ablation (the paper's tricks).
# Input helpers and config-derived lists: trigml.logic_warp.inputs (tested).

from trigml.logic_warp import inputs as logic_inputs

LW = config["logic_warp"]
LW_CLASSIFICATION = logic_inputs.classification_tasks(config)
LW_ABLATION_TASK = LW["ablation"]["task"]


wildcard_constraints:
    task="boolean|jets|digits",


rule prepare_logic_jets:
    """Stratified train / validation / test split of the jet features, standardised with the
    training statistics."""
    input:
        jets=patterns.jets_sr.dataset(),
    output:
        out=patterns.logic_warp.split(task="jets"),
    log:
        patterns.log("logic_warp", "prepare_logic_jets"),
    benchmark:
        patterns.benchmark("logic_warp", "prepare_logic_jets")
    conda:
        "../../envs/eda.yaml"
    params:
        task="jets",
        block=LW["jets"],
        training=LW["training"],
        seed=config["seed"],
    script:
        "../../scripts/logic_warp/prepare_logic_data.py"


rule prepare_logic_digits:
    """Stratified train / validation / test split of scikit-learn's bundled 8x8 digits (offline)."""
    output:
        out=patterns.logic_warp.split(task="digits"),
    log:
        patterns.log("logic_warp", "prepare_logic_digits"),
    benchmark:
        patterns.benchmark("logic_warp", "prepare_logic_digits")
    conda:
        "../../envs/eda.yaml"
    params:
        task="digits",
        block=LW["digits"],
        training=LW["training"],
        seed=config["seed"],
    script:
        "../../scripts/logic_warp/prepare_logic_data.py"


rule train_logic_classifier:
    """Train every model (WARP k = 2, 4, 6, difflogic) on every network size of a classification
    task ({task}: jets, digits) for every seed, keeping each run's best-validation epoch; results
    (JSON), wall times (JSON) and the first seed's networks with their PyTorch outputs (.pt).
    """
    input:
        split=patterns.logic_warp.split(),
    output:
        out_json=patterns.logic_warp.runs_json(),
        out_timing=patterns.logic_warp.timing_json(),
        out_networks=protected(patterns.logic_warp.networks()),
    log:
        patterns.log("logic_warp", "train_logic", "{task}"),
    benchmark:
        patterns.benchmark("logic_warp", "train_logic", "{task}")
    wildcard_constraints:
        task="jets|digits",
    retries: 1
    conda:
        "../../envs/eda.yaml"
    resources:
        mem_mb=scaled(4000),
        gpu=1,
    params:
        task="{task}",
        block=lookup(dpath="logic_warp/{task}", within=config),
        models=LW["models"],
        training=LW["training"],
        seeds=LW["seeds"],
        hardware=LW["hardware"],
    script:
        "../../scripts/logic_warp/train_logic_net.py"


rule train_logic_boolean:
    """Learn each configured Boolean function exactly from its truth table with every model and
    seed; records the steps until the discrete network is exact."""
    output:
        out_json=patterns.logic_warp.runs_json(task="boolean"),
        out_timing=patterns.logic_warp.timing_json(task="boolean"),
        out_networks=protected(patterns.logic_warp.networks(task="boolean")),
    log:
        patterns.log("logic_warp", "train_logic", "boolean"),
    benchmark:
        patterns.benchmark("logic_warp", "train_logic", "boolean")
    retries: 1
    conda:
        "../../envs/eda.yaml"
    params:
        task="boolean",
        block=LW["boolean"],
        models=LW["models"],
        training=LW["training"],
        seeds=LW["seeds"],
        hardware=LW["hardware"],
    script:
        "../../scripts/logic_warp/train_logic_net.py"


rule train_logic_ablation:
    """The paper's training tricks (residual initialisation, learnable thresholds, stochastic
    smoothing) switched off one at a time for one model and network of the ablation task, every
    seed."""
    input:
        split=patterns.logic_warp.split(task=LW_ABLATION_TASK),
    output:
        out_json=patterns.logic_warp.ablation_runs(),
    log:
        patterns.log("logic_warp", "train_logic_ablation"),
    benchmark:
        patterns.benchmark("logic_warp", "train_logic_ablation")
    retries: 1
    conda:
        "../../envs/eda.yaml"
    resources:
        mem_mb=scaled(4000),
        gpu=1,
    params:
        task=LW_ABLATION_TASK,
        block=logic_inputs.ablation_block(config),
        model=logic_inputs.ablation_model(config),
        training=LW["training"],
        network=LW["ablation"]["network"],
        switches=LW["ablation"]["switches"],
        seeds=LW["seeds"],
        hardware=LW["hardware"],
    script:
        "../../scripts/logic_warp/train_logic_ablation.py"


rule export_logic_verilog:
    """Netlists and synthesizable Verilog of the first-seed networks of {task}, every model
    (`<model>_<network>.v`; combinational, or registered every hardware.pipeline_every layers).
    """
    input:
        networks=patterns.logic_warp.networks(),
    output:
        out=directory(patterns.logic_warp.verilog_dir()),
    log:
        patterns.log("logic_warp", "export_logic_verilog", "{task}"),
    benchmark:
        patterns.benchmark("logic_warp", "export_logic_verilog", "{task}")
    conda:
        "../../envs/eda.yaml"
    params:
        pipeline_every=LW["hardware"]["pipeline_every"],
    script:
        "../../scripts/logic_warp/export_logic_verilog.py"


rule summarize_logic:
    """metrics.json of {task}: accuracies over seeds (validation-selected, test-reported),
    convergence on validation data, netlist node counts, and each exported design's LUTs, depth
    and bit-exactness from its hardware.json (the shared chain convert_rtl_logic_warp ->
    simulate_rtl -> synth_rtl, workflow/rules/hardware.smk)."""
    input:
        runs=patterns.logic_warp.runs_json(),
        hardware=logic_inputs.hardware_records(config),
    output:
        out=patterns.logic_warp.metrics(),
    log:
        patterns.log("logic_warp", "summarize_logic", "{task}"),
    benchmark:
        patterns.benchmark("logic_warp", "summarize_logic", "{task}")
    localrule: True
    conda:
        "../../envs/eda.yaml"
    params:
        task="{task}",
    script:
        "../../scripts/logic_warp/summarize_logic.py"


rule summarize_logic_ablation:
    """The ablation table (JSON and Markdown): all tricks vs each switched off, mean ± std over seeds."""
    input:
        ablation=patterns.logic_warp.ablation_runs(),
        runs=patterns.logic_warp.runs_json(task=LW_ABLATION_TASK),
    output:
        out_json=patterns.logic_warp.ablation_json(),
        out_md=patterns.logic_warp.ablation_md(),
    log:
        patterns.log("logic_warp", "summarize_logic_ablation"),
    benchmark:
        patterns.benchmark("logic_warp", "summarize_logic_ablation")
    localrule: True
    conda:
        "../../envs/eda.yaml"
    script:
        "../../scripts/logic_warp/summarize_logic_ablation.py"


rule plot_logic_convergence:
    """Validation discrete accuracy vs epoch (Boolean: steps) and vs wall time, every model, {task}."""
    input:
        runs=patterns.logic_warp.runs_json(),
        timing=patterns.logic_warp.timing_json(),
    output:
        out=report(
            patterns.logic_warp.convergence_png(),
            caption="../report/logic_warp_convergence.rst",
            category="7 logic_warp",
            subcategory="{task}",
            labels={"study": "logic_warp", "task": "{task}", "figure": "convergence"},
        ),
    log:
        patterns.log("logic_warp", "plot_logic_convergence", "{task}"),
    benchmark:
        patterns.benchmark("logic_warp", "plot_logic_convergence", "{task}")
    localrule: True
    conda:
        "../../envs/eda.yaml"
    params:
        jets=logic_inputs.jets_data_kind(config),
    script:
        "../../scripts/logic_warp/plot_logic_convergence.py"


rule plot_logic_steps:
    """Boolean functions: steps until the discrete network is exact, per seed and model."""
    input:
        metrics=patterns.logic_warp.metrics(task="boolean"),
    output:
        out=report(
            patterns.logic_warp.steps_png(),
            caption="../report/logic_warp_steps.rst",
            category="7 logic_warp",
            subcategory="boolean",
            labels={
                "study": "logic_warp",
                "task": "boolean",
                "figure": "steps to exact",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_steps"),
    benchmark:
        patterns.benchmark("logic_warp", "plot_logic_steps")
    localrule: True
    conda:
        "../../envs/eda.yaml"
    params:
        max_steps=LW["boolean"]["max_steps"],
    script:
        "../../scripts/logic_warp/plot_logic_steps.py"


rule plot_logic_accuracy_gates:
    """Discrete test accuracy (mean ± std over seeds) vs logic nodes for every classification task."""
    input:
        metrics=expand(patterns.logic_warp.metrics(), task=LW_CLASSIFICATION),
    output:
        out=report(
            patterns.logic_warp.accuracy_gates_png(),
            caption="../report/logic_warp_accuracy_gates.rst",
            category="7 logic_warp",
            labels={
                "study": "logic_warp",
                "task": "jets, digits",
                "figure": "accuracy vs nodes",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_accuracy_gates"),
    benchmark:
        patterns.benchmark("logic_warp", "plot_logic_accuracy_gates")
    localrule: True
    conda:
        "../../envs/eda.yaml"
    script:
        "../../scripts/logic_warp/plot_logic_accuracy_gates.py"


rule plot_logic_luts:
    """Jet tagging: Yosys LUTs vs accuracy beside LogicNets' published JSC-S/M/L points."""
    input:
        metrics=patterns.logic_warp.metrics(task="jets"),
    output:
        out=report(
            patterns.logic_warp.luts_accuracy_png(),
            caption="../report/logic_warp_luts.rst",
            category="7 logic_warp",
            labels={
                "study": "logic_warp",
                "task": "jets",
                "figure": "LUTs vs accuracy",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_luts"),
    benchmark:
        patterns.benchmark("logic_warp", "plot_logic_luts")
    localrule: True
    conda:
        "../../envs/eda.yaml"
    params:
        data=logic_inputs.jets_data_kind(config),
    script:
        "../../scripts/logic_warp/plot_logic_luts.py"


rule all_logic_warp:
    """Final targets of the logic_warp study: per task metrics (with synthesis and bit-exact
    simulation) and convergence figures; the Boolean steps figure; accuracy vs nodes; LUTs vs
    accuracy for jets; the ablation table."""
    input:
        logic_inputs.final_targets(config),
