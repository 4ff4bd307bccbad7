# anomaly_kd_l1 study (Pol et al. 2023 at the L1 trigger): ADC2021-layout events (simulated or
# downloaded) -> teacher autoencoder -> QKeras students per technique -> metrics, figures -> hls4ml.
# Switched on by the study key anomaly_kd_l1. Input and params functions, and the cross-key config
# check (run by trigml.config): trigml.anomaly_kd_l1.inputs (tested).
from trigml.anomaly_kd_l1 import inputs as anomaly_kd_l1_inputs
from trigml.workflow import scaled

L1 = config["anomaly_kd_l1"]
L1_INPUTS = anomaly_kd_l1_inputs.L1Inputs(L1)


rule simulate_l1_sample:
    """Simulate one sample ({sample}: background cocktail, a signal, or the other-SM pseudo-outliers)
    with Pythia8 + FastJet into the ADC2021 HDF5 layout; one job per sample, Pythia initialised once.
    """
    output:
        events=patterns.anomaly_kd_l1.events(),
    log:
        patterns.log("anomaly_kd_l1", "simulate_l1_sample", "{sample}"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "simulate_l1_sample", "{sample}")
    wildcard_constraints:
        sample=L1_INPUTS.simulated_samples_re(),
    retries: 1
    conda:
        "../../envs/sim.yaml"
    params:
        sample="{sample}",
        sim=L1["simulation"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/simulate_l1_sample.py"


rule download_l1_sample:
    """Download one public ADC2021 file ({sample}) from its Zenodo record, verify the md5 the
    record publishes (a sha256 lock file is kept beside it) and the HDF5 layout. Only with
    anomaly_kd_l1.source: download (otherwise no sample matches).
    """
    output:
        events=ensure(patterns.anomaly_kd_l1.events(), non_empty=True),
    log:
        patterns.log("anomaly_kd_l1", "download_l1_sample", "{sample}"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "download_l1_sample", "{sample}")
    wildcard_constraints:
        sample=L1_INPUTS.downloaded_samples_re(),
    retries: 2
    localrule: True
    conda:
        "../../envs/sim.yaml"
    params:
        sample="{sample}",
        base_url=L1["download"]["base_url"],
        md5=L1["download"]["md5"],
        retries=L1["download"]["retries"],
    script:
        "../../scripts/anomaly_kd_l1/download_l1_sample.py"


rule prepare_l1_dataset:
    """Scale the samples into the 57 model inputs, split the background (train/val/test), add the
    detector-noise-like pseudo-outliers."""
    input:
        background=patterns.anomaly_kd_l1.events(sample="background"),
        signals=L1_INPUTS.signal_events(),
        outliers=patterns.anomaly_kd_l1.events(sample="outliers"),
    output:
        dataset=patterns.anomaly_kd_l1.dataset(),
    log:
        patterns.log("anomaly_kd_l1", "prepare_l1_dataset"),
    conda:
        "../../envs/tf.yaml"
    params:
        names=anomaly_kd_l1_inputs.SIGNALS,
        split=L1["split"],
        n_noise=L1["n_noise"],
        max_events=L1["max_events"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/prepare_l1_dataset.py"


rule train_l1_teacher:
    """Train the teacher autoencoder on background only; anomaly score = per-event MSE."""
    input:
        dataset=patterns.anomaly_kd_l1.dataset(),
    output:
        model=protected(patterns.anomaly_kd_l1.teacher_model()),
        scores=patterns.anomaly_kd_l1.teacher_scores(),
        info=patterns.anomaly_kd_l1.teacher_info(),
    log:
        patterns.log("anomaly_kd_l1", "train_l1_teacher"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "train_l1_teacher")
    conda:
        "../../envs/tf.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(60),
        gpu=1,
    params:
        teacher=L1["teacher"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/train_l1_teacher.py"


rule train_l1_student:
    """Distil the QKeras student ({technique}: one ablation row of anomaly_kd_l1.techniques) from the
    teacher's score, target log(MSE + 1); co-learning rows train their own teacher alongside.
    """
    input:
        dataset=patterns.anomaly_kd_l1.dataset(),
        teacher=patterns.anomaly_kd_l1.teacher_model(),
    output:
        model=protected(patterns.anomaly_kd_l1.student_model()),
        scores=patterns.anomaly_kd_l1.student_scores(),
        info=patterns.anomaly_kd_l1.student_info(),
    log:
        patterns.log("anomaly_kd_l1", "train_l1_student", "{technique}"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "train_l1_student", "{technique}")
    wildcard_constraints:
        technique=L1_INPUTS.technique_re(),
    conda:
        "../../envs/tf.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(60),
        gpu=1,
    params:
        technique="{technique}",
        switches=L1_INPUTS.switches,
        student=L1["student"],
        teacher_config=L1["teacher"],
        exposure=L1["exposure"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/train_l1_student.py"


rule train_l1_small_ae:
    """Train the student-size QKeras autoencoder without distillation (same parameter budget)."""
    input:
        dataset=patterns.anomaly_kd_l1.dataset(),
    output:
        model=protected(patterns.anomaly_kd_l1.small_ae_model()),
        scores=patterns.anomaly_kd_l1.small_ae_scores(),
        info=patterns.anomaly_kd_l1.small_ae_info(),
    log:
        patterns.log("anomaly_kd_l1", "train_l1_small_ae"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "train_l1_small_ae")
    conda:
        "../../envs/tf.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(60),
        gpu=1,
    params:
        student=L1["student"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/train_l1_small_ae.py"


rule evaluate_l1:
    """ROC AUC and TPR at the configured FPRs (trigger rates) per signal, each with a bootstrap
    interval, for the teacher, every student and the small autoencoder; the best technique chosen
    on the validation sets; event-level diagnostics of each signal -> metrics.json."""
    input:
        dataset=patterns.anomaly_kd_l1.dataset(),
        teacher_scores=patterns.anomaly_kd_l1.teacher_scores(),
        teacher_info=patterns.anomaly_kd_l1.teacher_info(),
        student_scores=L1_INPUTS.student_outputs("scores"),
        student_infos=L1_INPUTS.student_outputs("info"),
        small_ae_scores=patterns.anomaly_kd_l1.small_ae_scores(),
        small_ae_info=patterns.anomaly_kd_l1.small_ae_info(),
    output:
        metrics=patterns.anomaly_kd_l1.metrics(),
    log:
        patterns.log("anomaly_kd_l1", "evaluate_l1"),
    conda:
        "../../envs/tf.yaml"
    params:
        settings=L1["metrics"],
        seed=config["seed"],
        data_info=L1_INPUTS.data_info(),
    script:
        "../../scripts/anomaly_kd_l1/evaluate_l1.py"


rule plot_l1_figures:
    """Trigger ROC curves per signal (log FPR, the working points marked; teacher, students, small
    autoencoder) and the technique ablation; PNG, PDF and JSON twins."""
    input:
        metrics=patterns.anomaly_kd_l1.metrics(),
        teacher_scores=patterns.anomaly_kd_l1.teacher_scores(),
        student_scores=L1_INPUTS.student_outputs("scores"),
        small_ae_scores=patterns.anomaly_kd_l1.small_ae_scores(),
    output:
        roc=report(
            patterns.anomaly_kd_l1.roc_png(),
            caption="../report/anomaly_kd_l1_roc.rst",
            category="6 anomaly_kd_l1",
            labels={
                "study": "anomaly_kd_l1",
                "figure": "trigger ROC per signal",
                "models": "teacher, students, small AE",
            },
        ),
        ablation=report(
            patterns.anomaly_kd_l1.ablation_png(),
            caption="../report/anomaly_kd_l1_ablation.rst",
            category="6 anomaly_kd_l1",
            labels={
                "study": "anomaly_kd_l1",
                "figure": "technique ablation",
                "models": "students",
            },
        ),
    log:
        patterns.log("anomaly_kd_l1", "plot_l1_figures"),
    localrule: True
    conda:
        "../../envs/tf.yaml"
    params:
        data_label=L1_INPUTS.data_label(),
    script:
        "../../scripts/anomaly_kd_l1/plot_l1_figures.py"


rule convert_l1_hls:
    """Convert the configured student with hls4ml, compile it (g++ C simulation) and compare it
    with QKeras on every evaluation set: max |delta|, AUC kept."""
    input:
        model=L1_INPUTS.hls_model(),
        dataset=patterns.anomaly_kd_l1.dataset(),
    output:
        json=patterns.anomaly_kd_l1.csim_json(),
        project=temp(directory(patterns.anomaly_kd_l1.hls_dir())),
    log:
        patterns.log("anomaly_kd_l1", "convert_l1_hls"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "convert_l1_hls")
    conda:
        "../../envs/hls.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(30),
    params:
        hls=L1["hls"],
    script:
        "../../scripts/anomaly_kd_l1/convert_l1_hls.py"


# synth_l1_hls: the shared synth_hls rule of hardware.smk on this study's hls4ml project (use rule there)


rule all_anomaly_kd_l1:
    """Final targets of the anomaly_kd_l1 study."""
    input:
        patterns.anomaly_kd_l1.metrics(),
        patterns.anomaly_kd_l1.roc_png(),
        patterns.anomaly_kd_l1.ablation_png(),
        patterns.anomaly_kd_l1.csim_json(),
        patterns.anomaly_kd_l1.synth_json(),
