# jets_sr study (Tsoi et al. 2023): jet data -> NN baseline -> symbolic regression -> hls4ml.
# The jet dataset, patterns.jets_sr.dataset(), is shared with logic_warp; where it comes from is
# decided by jets_sr.data.source, like data.smk does for TrackML.

JETS = config["jets_sr"]
JET_CLASSES = ["g", "q", "t", "w", "z"]


wildcard_constraints:
    jet_class="|".join(JET_CLASSES),
    precision="float|quantized",


if JETS["data"]["source"] == "simulate":

    rule simulate_jets:
        """Simulate the jets of one class ({jet_class}: g, q, t, w, z) with Pythia8 at 13 TeV,
        cluster them with FastJet (anti-kT R = 0.8) and compute the 16 groomed-jet features.
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
        threads: 1
        resources:
            mem_mb=lambda wc, attempt: 2000 * attempt,
            runtime=lambda wc, attempt: 60 * attempt,
        params:
            sim=JETS["data"]["simulation"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/simulate_jets.py"

    rule merge_jets:
        """Merge the five classes into the jet dataset (shuffled) and sum up the simulation speed."""
        input:
            parquets=expand(patterns.jets_sr.class_sim(), jet_class=JET_CLASSES),
            stats=expand(patterns.jets_sr.class_stats(), jet_class=JET_CLASSES),
        output:
            parquet=patterns.jets_sr.dataset(),
            stats=patterns.jets_sr.sim_stats(),
        log:
            patterns.log("jets_sr", "merge_jets"),
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=2000,
            runtime=10,
        params:
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/merge_jets.py"

elif JETS["data"]["source"] == "download":

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
        threads: 1
        resources:
            mem_mb=8000,
            runtime=120,
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
            repo_path(
                JETS["data"]["local_path"] or "MISSING: set jets_sr.data.local_path"
            ),
        output:
            parquet=patterns.jets_sr.dataset(),
        log:
            patterns.log("jets_sr", "import_jets"),
        localrule: True
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=8000,
            runtime=30,
        params:
            max_jets=JETS["data"]["max_jets"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/fetch_jets.py"


# the simulation-speed JSON goes into the summary when the jets are simulated
JETS_SIM_STATS = (
    {"sim_stats": patterns.jets_sr.sim_stats()}
    if JETS["data"]["source"] == "simulate"
    else {}
)
JETS_REAL = JETS["data"]["source"] != "simulate"


rule plot_features:
    """Each of the 16 features per class; the JSON twin holds the per-class means."""
    input:
        patterns.jets_sr.dataset(),
    output:
        report(
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
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        real=JETS_REAL,
    script:
        "../../scripts/jets_sr/plot_features.py"


rule split_jets:
    """Stratified train/validation/test split (60/20/20) and the standardisation of the inputs."""
    input:
        patterns.jets_sr.dataset(),
    output:
        patterns.jets_sr.split(),
    log:
        patterns.log("jets_sr", "split_jets"),
    conda:
        "../../envs/sr.yaml"
    threads: 1
    resources:
        mem_mb=4000,
        runtime=10,
    params:
        fractions=JETS["split"],
        seed=config["seed"],
    script:
        "../../scripts/jets_sr/split_jets.py"


rule train_nn:
    """Train the 16→64→32→32→5 baseline ({precision}: float Keras or QKeras-quantized) and
    evaluate accuracy and per-class AUC on the test jets."""
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
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
        gpu=1,
    params:
        nn=JETS["nn"],
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
        patterns.jets_sr.nn_hls_json(),
    log:
        patterns.log("jets_sr", "convert_nn_hls"),
    benchmark:
        patterns.benchmark("jets_sr", "convert_nn_hls")
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
    params:
        hls=JETS["hls"],
        nn=JETS["nn"],
    script:
        "../../scripts/jets_sr/convert_nn_hls.py"


rule run_sr:
    """One-vs-rest symbolic regression for every class and maximum complexity of the sweep;
    Pareto fronts (complexity, margin loss, accuracy, SymPy expression) and the combined classifier.
    """
    input:
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
    output:
        front=patterns.jets_sr.sr_front(),
        timing=patterns.jets_sr.sr_timing(),
    log:
        patterns.log("jets_sr", "run_sr"),
    benchmark:
        patterns.benchmark("jets_sr", "run_sr")
    conda:
        "../../envs/sr.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
    params:
        sr=JETS["sr"],
        lut_range=JETS["hls"]["lut_range"],
        precision=JETS["hls"]["precision"],
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
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
    params:
        hls=JETS["hls"],
        complexities=JETS["sr"]["hls_complexities"],
    script:
        "../../scripts/jets_sr/convert_sr_hls.py"


rule plot_sr:
    """ROC per class (SR vs NN), AUC and accuracy vs complexity, approximation accuracy with the
    paper's 90 % line, latency vs complexity (synthesis, or the labelled estimate)."""
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
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        real=JETS_REAL,
    script:
        "../../scripts/jets_sr/plot_sr.py"


rule summarize_jets:
    """results/jets_sr/summary.json: NN vs SR, approximation accuracy, HLS checks, paper values."""
    input:
        **JETS_SIM_STATS,
        nn_float=patterns.jets_sr.nn_metrics(precision="float"),
        nn_quantized=patterns.jets_sr.nn_metrics(precision="quantized"),
        nn_hls=patterns.jets_sr.nn_hls_json(),
        front=patterns.jets_sr.sr_front(),
        timing=patterns.jets_sr.sr_timing(),
        csim=patterns.jets_sr.hls_json(),
        synthesis=patterns.jets_sr.hls_synth_json(),
    output:
        patterns.jets_sr.summary_json(),
    log:
        patterns.log("jets_sr", "summarize_jets"),
    localrule: True
    conda:
        "../../envs/sr.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        real=JETS_REAL,
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
