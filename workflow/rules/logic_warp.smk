# logic_warp study (Gerlach et al. 2026): WARP logic networks vs difflogic on Boolean functions,
# jet tagging (the shared jet dataset, patterns.jets_sr.dataset()) and scikit-learn digits; the
# first-seed networks go to Verilog, are simulated bit-exactly against PyTorch and synthesized.

LW = config["logic_warp"]
LW_CLASSIFICATION = [t for t in LW["tasks"] if t != "boolean"]
LW_FIRST_SEED = LW["seeds"][0]


rule prepare_logic_jets:
    """Stratified train/test split of the jet features, standardised with the training statistics."""
    input:
        jets=patterns.jets_sr.dataset(),
    output:
        patterns.logic_warp.split(task="jets"),
    log:
        patterns.log("logic_warp", "prepare_logic_jets"),
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 10 * attempt,
    params:
        name="jets",
        task=LW["jets"],
        seed=config["seed"],
    script:
        "../../scripts/logic_warp/prepare_logic_data.py"


rule prepare_logic_digits:
    """Stratified train/test split of scikit-learn's bundled 8x8 digits (offline)."""
    output:
        patterns.logic_warp.split(task="digits"),
    log:
        patterns.log("logic_warp", "prepare_logic_digits"),
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 10 * attempt,
    params:
        name="digits",
        task=LW["digits"],
        seed=config["seed"],
    script:
        "../../scripts/logic_warp/prepare_logic_data.py"


rule train_logic_classifier:
    """Train every network size of a classification task ({task}: jets, digits) with one method
    ({method}: warp, difflogic) and seed; histories (JSON) and networks with their PyTorch
    discrete outputs on the fixed-point test inputs (.pt)."""
    input:
        split=patterns.logic_warp.split(),
    output:
        json=patterns.logic_warp.run_json(),
        models=protected(patterns.logic_warp.models()),
    log:
        patterns.log("logic_warp", "train_logic", "{task}-{method}-seed{seed}"),
    benchmark:
        patterns.benchmark("logic_warp", "train_logic", "{task}-{method}-seed{seed}")
    wildcard_constraints:
        task="jets|digits",
        method="warp|difflogic",
        seed=r"\d+",
    retries: 1
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
        gpu=1,
    params:
        name="{task}",
        task=lookup(dpath="logic_warp/{task}", within=config),
        spec=lookup(dpath="logic_warp/{method}", within=config),
        hardware=LW["hardware"],
    script:
        "../../scripts/logic_warp/train_logic_net.py"


rule train_logic_boolean:
    """Learn each configured Boolean function exactly from its truth table with one method
    ({method}) and seed; records the steps until the discrete network is exact."""
    output:
        json=patterns.logic_warp.run_json(task="boolean"),
        models=protected(patterns.logic_warp.models(task="boolean")),
    log:
        patterns.log("logic_warp", "train_logic", "boolean-{method}-seed{seed}"),
    benchmark:
        patterns.benchmark("logic_warp", "train_logic", "boolean-{method}-seed{seed}")
    wildcard_constraints:
        method="warp|difflogic",
        seed=r"\d+",
    retries: 1
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
        gpu=1,
    params:
        name="boolean",
        task=LW["boolean"],
        spec=lookup(dpath="logic_warp/{method}", within=config),
        hardware=LW["hardware"],
    script:
        "../../scripts/logic_warp/train_logic_net.py"


rule export_logic_verilog:
    """Netlists and synthesizable Verilog of the first-seed networks of {task}, every method
    (combinational, or registered every hardware.pipeline_every layers)."""
    input:
        models=expand(
            patterns.logic_warp.models(),
            method=LW["methods"],
            seed=LW_FIRST_SEED,
            allow_missing=True,
        ),
    output:
        directory(patterns.logic_warp.verilog_dir()),
    log:
        patterns.log("logic_warp", "export_logic_verilog", "{task}"),
    wildcard_constraints:
        task="boolean|jets|digits",
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 10 * attempt,
    params:
        methods=LW["methods"],
        pipeline_every=LW["hardware"]["pipeline_every"],
    script:
        "../../scripts/logic_warp/export_logic_verilog.py"


rule simulate_logic_verilog:
    """Verilator (or Icarus) simulation of every design of {task} over its whole test set;
    fails unless every sample is bit-exact with the PyTorch discrete forward pass."""
    input:
        patterns.logic_warp.verilog_dir(),
    output:
        json=patterns.logic_warp.simulation_json(),
        log=patterns.logic_warp.simulation_log(),
    log:
        patterns.log("logic_warp", "simulate_logic_verilog", "{task}"),
    benchmark:
        patterns.benchmark("logic_warp", "simulate_logic_verilog", "{task}")
    wildcard_constraints:
        task="boolean|jets|digits",
    conda:
        "../../envs/eda.yaml"
    threads: 2
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        pipeline_every=LW["hardware"]["pipeline_every"],
        workdir=patterns.logic_warp.build_dir(step="simulation"),
    script:
        "../../scripts/logic_warp/simulate_logic_verilog.py"


rule synth_logic_verilog:
    """Yosys synth_xilinx (LUTs, FFs, logic depth) and generic synth of every design of {task}."""
    input:
        patterns.logic_warp.verilog_dir(),
    output:
        patterns.logic_warp.synth_json(),
    log:
        patterns.log("logic_warp", "synth_logic_verilog", "{task}"),
    benchmark:
        patterns.benchmark("logic_warp", "synth_logic_verilog", "{task}")
    wildcard_constraints:
        task="boolean|jets|digits",
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
    params:
        family=LW["hardware"]["family"],
        generic=LW["hardware"]["generic_synth"],
        workdir=patterns.logic_warp.build_dir(step="synth"),
    script:
        "../../scripts/logic_warp/synth_logic_verilog.py"


rule summarize_logic:
    """metrics.json of {task}: accuracies over seeds, convergence, gates, LUTs, bit-exactness."""
    input:
        runs=expand(
            patterns.logic_warp.run_json(),
            method=LW["methods"],
            seed=LW["seeds"],
            allow_missing=True,
        ),
        synth=patterns.logic_warp.synth_json(),
        simulation=patterns.logic_warp.simulation_json(),
    output:
        patterns.logic_warp.metrics(),
    log:
        patterns.log("logic_warp", "summarize_logic", "{task}"),
    wildcard_constraints:
        task="boolean|jets|digits",
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/logic_warp/summarize_logic.py"


rule plot_logic_convergence:
    """Loss and discrete accuracy vs epoch (steps) and vs wall time, WARP vs difflogic, {task}."""
    input:
        runs=expand(
            patterns.logic_warp.run_json(),
            method=LW["methods"],
            seed=LW["seeds"],
            allow_missing=True,
        ),
    output:
        report(
            patterns.logic_warp.convergence_png(),
            caption="../report/logic_warp_convergence.rst",
            category="7 logic_warp",
            subcategory="{task}",
            labels={
                "study": "logic_warp",
                "figure": "convergence",
                "task": "{task}",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_convergence", "{task}"),
    wildcard_constraints:
        task="boolean|jets|digits",
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/logic_warp/plot_logic_convergence.py"


rule plot_logic_steps:
    """Boolean functions: steps until the discrete network is exact, per seed and method."""
    input:
        patterns.logic_warp.metrics(task="boolean"),
    output:
        report(
            patterns.logic_warp.steps_png(),
            caption="../report/logic_warp_steps.rst",
            category="7 logic_warp",
            subcategory="boolean",
            labels={
                "study": "logic_warp",
                "figure": "steps to an exact circuit",
                "task": "boolean",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_steps"),
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        max_steps=LW["boolean"]["max_steps"],
    script:
        "../../scripts/logic_warp/plot_logic_steps.py"


rule plot_logic_accuracy_gates:
    """Discrete test accuracy vs logic nodes for every classification task."""
    input:
        expand(patterns.logic_warp.metrics(), task=LW_CLASSIFICATION),
    output:
        report(
            patterns.logic_warp.accuracy_gates_png(),
            caption="../report/logic_warp_accuracy_gates.rst",
            category="7 logic_warp",
            labels={
                "study": "logic_warp",
                "figure": "accuracy vs gates",
                "task": "every task",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_accuracy_gates"),
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/logic_warp/plot_logic_accuracy_gates.py"


rule plot_logic_luts:
    """Jet tagging: Yosys LUTs vs accuracy beside LogicNets' published JSC-S/M/L points."""
    input:
        patterns.logic_warp.metrics(task="jets"),
    output:
        report(
            patterns.logic_warp.luts_accuracy_png(),
            caption="../report/logic_warp_luts.rst",
            category="7 logic_warp",
            labels={
                "study": "logic_warp",
                "figure": "LUTs vs accuracy",
                "task": "every task",
            },
        ),
    log:
        patterns.log("logic_warp", "plot_logic_luts"),
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        data=(
            "simulation"
            if config["jets_sr"]["data"]["source"] == "simulate"
            else "real"
        ),
    script:
        "../../scripts/logic_warp/plot_logic_luts.py"


rule all_logic_warp:
    """Final targets of the logic_warp study: per task metrics (with synthesis and bit-exact
    simulation) and convergence figures; the Boolean steps figure; accuracy vs gates; LUTs vs
    accuracy for jets."""
    input:
        expand(patterns.logic_warp.metrics(), task=LW["tasks"]),
        expand(patterns.logic_warp.convergence_png(), task=LW["tasks"]),
        [patterns.logic_warp.steps_png()] if "boolean" in LW["tasks"] else [],
        [patterns.logic_warp.accuracy_gates_png()] if LW_CLASSIFICATION else [],
        [patterns.logic_warp.luts_accuracy_png()] if "jets" in LW["tasks"] else [],
