# jets_sr study (Tsoi et al. 2023): jet data -> NN baseline -> symbolic regression -> hls4ml.
# The jet dataset, patterns.jets_sr.dataset(), is shared with logic_warp; where it comes from is
# decided by jets_sr.data.source, like data.smk does for TrackML.
# Input helpers and config-derived values: trigml.jets_sr.inputs (tested).

from trigml.jets_sr import inputs as jets_sr_inputs

JETS = config["jets_sr"]


wildcard_constraints:
    jet_class="|".join(jets_sr_inputs.CLASSES),
    precision="float|quantized",


if jets_sr_inputs.source(config) == "simulate":

    rule simulate_jets:
        """Simulate the jets of one class ({jet_class}: g, q, t, w, z) with Pythia8 at 13 TeV,
        cluster them (anti-kT R = 0.8) and compute the 16 groomed-jet features.
        """
        output:
            parquet=temp(patterns.jets_sr.class_sim()),
            stats=patterns.jets_sr.class_stats(),
        log:
            patterns.log("jets_sr", "simulate_jets", "{jet_class}"),
        benchmark:
            patterns.benchmark("jets_sr", "simulate_jets", "{jet_class}")
        retries: 1
        conda:
            "../../envs/sim.yaml"
        params:
            jet_class="{jet_class}",
            sim=JETS["data"]["simulation"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/simulate_jets.py"

    rule merge_jets:
        """Merge the five classes into the jet dataset (shuffled) and sum up the simulation speed."""
        input:
            class_parquets=expand(
                patterns.jets_sr.class_sim(), jet_class=jets_sr_inputs.CLASSES
            ),
            class_stats=expand(
                patterns.jets_sr.class_stats(), jet_class=jets_sr_inputs.CLASSES
            ),
        output:
            parquet=patterns.jets_sr.dataset(),
            stats=patterns.jets_sr.sim_stats(),
        log:
            patterns.log("jets_sr", "merge_jets"),
        conda:
            "../../envs/sim.yaml"
        params:
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/merge_jets.py"

elif jets_sr_inputs.source(config) == "download":

    rule download_jets:
        """Download the hls4ml LHC jet dataset (OpenML 42468; streamed, resumed, sha256-checked)
        and store it as parquet with the dataset's column names."""
        output:
            parquet=ensure(patterns.jets_sr.dataset(), non_empty=True),
        log:
            patterns.log("jets_sr", "download_jets"),
        benchmark:
            patterns.benchmark("jets_sr", "download_jets")
        retries: 2
        localrule: True
        conda:
            "../../envs/sim.yaml"
        resources:
            mem_mb=scaled(8000),
            runtime=scaled(120),
        params:
            url=JETS["data"]["download"]["url"],
            sha256=JETS["data"]["download"]["sha256"],
            retries=JETS["data"]["download"]["retries"],
            download_dir=patterns.jets_sr.download_dir(),
            max_jets=JETS["data"]["max_jets"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/fetch_jets.py"

else:

    rule import_jets:
        """Read an existing OpenML 42468 file (jets_sr.data.local_path), check it, store it as parquet."""
        input:
            local=jets_sr_inputs.local_file(config, workflow.basedir),
        output:
            parquet=patterns.jets_sr.dataset(),
        log:
            patterns.log("jets_sr", "import_jets"),
        localrule: True
        conda:
            "../../envs/sim.yaml"
        resources:
            mem_mb=scaled(8000),
        params:
            max_jets=JETS["data"]["max_jets"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/fetch_jets.py"


rule plot_features:
    """Each of the 16 features per class with the reference masses marked; the JSON twin holds
    per-class means, standard deviations and quantiles."""
    input:
        dataset=patterns.jets_sr.dataset(),
    output:
        out=report(
            patterns.jets_sr.features_png(),
            caption="../report/jets_sr_features.rst",
            category="4 jets_sr",
            labels={
                "study": "jets_sr",
                "figure": "input features",
                "model": "data",
            },
        ),
    log:
        patterns.log("jets_sr", "plot_features"),
    localrule: True
    conda:
        "../../envs/sim.yaml"
    params:
        data_kind=jets_sr_inputs.data_kind(config),
    script:
        "../../scripts/jets_sr/plot_features.py"


rule split_jets:
    """Stratified train/validation/test split (jets_sr.split, 60/20/20) and the standardisation."""
    input:
        dataset=patterns.jets_sr.dataset(),
    output:
        out=patterns.jets_sr.split(),
    log:
        patterns.log("jets_sr", "split_jets"),
    conda:
        "../../envs/sr.yaml"
    params:
        fractions=JETS["split"],
        seed=config["seed"],
    script:
        "../../scripts/jets_sr/split_jets.py"


rule train_nn:
    """Train the 16→64→32→32→5 baseline ({precision}: float Keras or QKeras-quantized) on the
    training jets; accuracy and per-class AUC on the test jets with bootstrap intervals.
    """
    input:
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
    output:
        model=protected(patterns.jets_sr.nn_model()),
        metrics=patterns.jets_sr.nn_metrics(),
    log:
        patterns.log("jets_sr", "train_nn", "{precision}"),
    benchmark:
        patterns.benchmark("jets_sr", "train_nn", "{precision}")
    conda:
        "../../envs/tf.yaml"
    resources:
        mem_mb=scaled(4000),
        gpu=1,
    params:
        precision="{precision}",
        nn=JETS["nn"],
        uncertainty=JETS["uncertainty"],
        seed=config["seed"],
    script:
        "../../scripts/jets_sr/train_nn.py"


rule convert_nn_hls:
    """hls4ml conversion of the quantized NN, C simulation vs QKeras; synthesis where Vivado/Vitis exist."""
    input:
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
        model=patterns.jets_sr.nn_model(precision="quantized"),
    output:
        out=patterns.jets_sr.nn_hls_json(),
    log:
        patterns.log("jets_sr", "convert_nn_hls"),
    benchmark:
        patterns.benchmark("jets_sr", "convert_nn_hls")
    conda:
        "../../envs/hls.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(120),
    params:
        hls=JETS["hls"],
        nn=JETS["nn"],
    script:
        "../../scripts/jets_sr/convert_nn_hls.py"


rule calibrate_operators:
    """Per-operator complexity of the SR search measured in the open RTL flow: each operator of
    jets_sr.sr.operators (and add, sub, mul, cmul) alone traced with da4ml at jets_sr.hls.precision,
    pipelined at hardware.clock_ns / latency_cutoff and synthesised with Yosys; complexity = its
    pipeline stages (used by run_sr where jets_sr.sr.complexity_source is rtl)."""
    output:
        costs=patterns.jets_sr.operator_costs(),
    log:
        patterns.log("jets_sr", "calibrate_operators"),
    benchmark:
        patterns.benchmark("jets_sr", "calibrate_operators")
    conda:
        "../../envs/eda.yaml"
    resources:
        mem_mb=scaled(2000),
    params:
        operators=JETS["sr"]["operators"],
        hls=JETS["hls"],
        settings=jets_sr_inputs.rtl_settings(config),
    script:
        "../../scripts/jets_sr/calibrate_operators.py"


rule run_sr:
    """One-vs-rest symbolic regression, one search per class on the L2 margin loss and the
    latency-weighted complexity (measured per operator by calibrate_operators, or the config's
    table); fronts and choices on the validation jets, test jets reported (with the SR / NN
    accuracy ratio on the same test jets)."""
    input:
        **jets_sr_inputs.sr_costs(config),
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
        nn=patterns.jets_sr.nn_metrics(precision="float"),
    output:
        front=patterns.jets_sr.sr_front(),
        timing=patterns.jets_sr.sr_timing(),
    log:
        patterns.log("jets_sr", "run_sr"),
    benchmark:
        patterns.benchmark("jets_sr", "run_sr")
    conda:
        "../../envs/sr.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(120),
    params:
        sr=JETS["sr"],
        hls=JETS["hls"],
        uncertainty=JETS["uncertainty"],
        seed=config["seed"],
    script:
        "../../scripts/jets_sr/run_sr.py"


rule convert_sr_hls:
    """The chosen expressions of each jets_sr.sr.hls_complexities entry through hls4ml's
    symbolic-expression backend with LUT math; C simulation vs NumPy; synthesis or a labelled estimate.
    """
    input:
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
        front=patterns.jets_sr.sr_front(),
    output:
        csim=patterns.jets_sr.hls_json(),
        synthesis=patterns.jets_sr.hls_synth_json(),
    log:
        patterns.log("jets_sr", "convert_sr_hls"),
    benchmark:
        patterns.benchmark("jets_sr", "convert_sr_hls")
    conda:
        "../../envs/hls.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(120),
    params:
        hls=JETS["hls"],
        complexities=JETS["sr"]["hls_complexities"],
    script:
        "../../scripts/jets_sr/convert_sr_hls.py"


rule plot_sr:
    """ROC per class (SR vs NN), AUC and accuracy vs complexity, approximation accuracy with the
    paper's 90 % line (bootstrap intervals), latency vs complexity (synthesis, or the labelled estimate).
    """
    input:
        nn=patterns.jets_sr.nn_metrics(precision="float"),
        front=patterns.jets_sr.sr_front(),
        synthesis=patterns.jets_sr.hls_synth_json(),
    output:
        roc=report(
            patterns.jets_sr.roc_png(),
            caption="../report/jets_sr_roc.rst",
            category="4 jets_sr",
            labels={
                "study": "jets_sr",
                "figure": "ROC per class",
                "model": "NN and SR",
            },
        ),
        complexity=report(
            patterns.jets_sr.complexity_png(),
            caption="../report/jets_sr_complexity.rst",
            category="4 jets_sr",
            labels={
                "study": "jets_sr",
                "figure": "AUC and accuracy vs complexity",
                "model": "SR Pareto front",
            },
        ),
        approximation=report(
            patterns.jets_sr.approx_png(),
            caption="../report/jets_sr_approximation.rst",
            category="4 jets_sr",
            labels={
                "study": "jets_sr",
                "figure": "approximation accuracy",
                "model": "SR in hls4ml (LUT math)",
            },
        ),
        resources=report(
            patterns.jets_sr.resources_png(),
            caption="../report/jets_sr_resources.rst",
            category="4 jets_sr",
            labels={
                "study": "jets_sr",
                "figure": "latency and resources vs complexity",
                "model": "SR in hls4ml",
            },
        ),
    log:
        patterns.log("jets_sr", "plot_sr"),
    localrule: True
    conda:
        "../../envs/sr.yaml"
    params:
        data_kind=jets_sr_inputs.data_kind(config),
    script:
        "../../scripts/jets_sr/plot_sr.py"


rule summarize_jets:
    """results/jets_sr/summary.json: NN vs SR with intervals, the approximation accuracy of the
    validation-chosen SR model (paired bootstrap), HLS checks, paper values."""
    input:
        **jets_sr_inputs.summary_extra(config),
        nn_float=patterns.jets_sr.nn_metrics(precision="float"),
        nn_quantized=patterns.jets_sr.nn_metrics(precision="quantized"),
        nn_hls=patterns.jets_sr.nn_hls_json(),
        front=patterns.jets_sr.sr_front(),
        timing=patterns.jets_sr.sr_timing(),
        csim=patterns.jets_sr.hls_json(),
        synthesis=patterns.jets_sr.hls_synth_json(),
    output:
        out=patterns.jets_sr.summary_json(),
    log:
        patterns.log("jets_sr", "summarize_jets"),
    localrule: True
    conda:
        "../../envs/sr.yaml"
    params:
        data_kind=jets_sr_inputs.data_kind(config),
    script:
        "../../scripts/jets_sr/summarize_jets.py"


rule all_jets_sr:
    """Final targets of the jets_sr study."""
    input:
        patterns.jets_sr.dataset(),
        patterns.jets_sr.features_png(),
        patterns.jets_sr.summary_json(),
        patterns.jets_sr.roc_png(),
        patterns.jets_sr.complexity_png(),
        patterns.jets_sr.approx_png(),
        patterns.jets_sr.resources_png(),
