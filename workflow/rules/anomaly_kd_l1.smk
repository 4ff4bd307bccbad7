# anomaly_kd_l1 study (Pol et al. 2023 at the L1 trigger): ADC2021-layout events (simulated or
# downloaded) -> teacher autoencoder -> QKeras students per technique -> metrics, figures -> hls4ml.
# Switched on by the study key anomaly_kd_l1.

L1 = config["anomaly_kd_l1"]
L1_SIGNALS = ["Ato4l", "leptoquark", "hToTauTau", "hChToTauNu"]
L1_REAL = ["background", *L1_SIGNALS]
L1_TECHNIQUES = list(L1["techniques"])
# the other-SM-process pseudo-outliers are always simulated (the public set has none)
L1_SIMULATED = [*L1_REAL, "outliers"] if L1["source"] == "simulate" else ["outliers"]
if L1["hls"]["technique"] not in L1_TECHNIQUES:
    raise ValueError(
        f"config key 'anomaly_kd_l1.hls.technique': {L1['hls']['technique']!r} is not one of "
        f"anomaly_kd_l1.techniques ({', '.join(L1_TECHNIQUES)})"
    )


wildcard_constraints:
    technique="|".join(L1_TECHNIQUES),


rule simulate_l1_sample:
    """Simulate one sample ({sample}: background cocktail, a signal, or the other-SM pseudo-outliers)
    with Pythia8 + FastJet into the ADC2021 HDF5 layout; one job per sample, Pythia initialised once.
    """
    output:
        patterns.anomaly_kd_l1.events(),
    log:
        patterns.log("anomaly_kd_l1", "simulate_l1_sample", "{sample}"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "simulate_l1_sample", "{sample}")
    wildcard_constraints:
        sample="|".join(L1_SIMULATED),
    retries: 1
    conda:
        "../../envs/sim.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
    params:
        sim=L1["simulation"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/simulate_l1_sample.py"


if L1["source"] == "download":

    rule download_l1_sample:
        """Download one public ADC2021 file ({sample}) from its Zenodo record, verify the md5 the
        record publishes (a sha256 lock file is kept beside it) and the HDF5 layout.
        """
        output:
            ensure(patterns.anomaly_kd_l1.events(), non_empty=True),
        log:
            patterns.log("anomaly_kd_l1", "download_l1_sample", "{sample}"),
        benchmark:
            patterns.benchmark("anomaly_kd_l1", "download_l1_sample", "{sample}")
        wildcard_constraints:
            sample="|".join(L1_REAL),
        retries: 2
        localrule: True
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=2000,
            runtime=240,
        params:
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
        signals=expand(patterns.anomaly_kd_l1.events(), sample=L1_SIGNALS),
        outliers=patterns.anomaly_kd_l1.events(sample="outliers"),
    output:
        patterns.anomaly_kd_l1.dataset(),
    log:
        patterns.log("anomaly_kd_l1", "prepare_l1_dataset"),
    conda:
        "../../envs/tf.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 20 * attempt,
    params:
        signals=L1_SIGNALS,
        split=L1["split"],
        n_noise=L1["n_noise"],
        max_events=L1["max_events"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/prepare_l1_dataset.py"


rule train_l1_teacher:
    """Train the teacher autoencoder on background only; anomaly score = per-event MSE."""
    input:
        patterns.anomaly_kd_l1.dataset(),
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
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
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
    conda:
        "../../envs/tf.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
        gpu=1,
    params:
        switches=lambda wc: L1["techniques"][wc.technique],
        student=L1["student"],
        teacher=L1["teacher"],
        exposure=L1["exposure"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/train_l1_student.py"


rule train_l1_small_ae:
    """Train the student-size QKeras autoencoder without distillation (same parameter budget)."""
    input:
        patterns.anomaly_kd_l1.dataset(),
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
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 60 * attempt,
        gpu=1,
    params:
        student=L1["student"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd_l1/train_l1_small_ae.py"


rule evaluate_l1:
    """ROC AUC and TPR at FPR 1e-5 / 1e-3 per signal for the teacher, every student and the small
    autoencoder; parameters, memory footprint, acceptance -> metrics.json."""
    input:
        teacher_scores=patterns.anomaly_kd_l1.teacher_scores(),
        teacher_info=patterns.anomaly_kd_l1.teacher_info(),
        student_scores=expand(
            patterns.anomaly_kd_l1.student_scores(), technique=L1_TECHNIQUES
        ),
        student_infos=expand(
            patterns.anomaly_kd_l1.student_info(), technique=L1_TECHNIQUES
        ),
        small_ae_scores=patterns.anomaly_kd_l1.small_ae_scores(),
        small_ae_info=patterns.anomaly_kd_l1.small_ae_info(),
    output:
        patterns.anomaly_kd_l1.metrics(),
    log:
        patterns.log("anomaly_kd_l1", "evaluate_l1"),
    conda:
        "../../envs/tf.yaml"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        metrics=L1["metrics"],
        data_info={
            "source": L1["source"],
            "simulation": L1["simulation"] if L1["source"] == "simulate" else None,
        },
    script:
        "../../scripts/anomaly_kd_l1/evaluate_l1.py"


rule plot_l1_figures:
    """ROC curves per signal (teacher, students, small autoencoder) and the technique ablation."""
    input:
        metrics=patterns.anomaly_kd_l1.metrics(),
        teacher_scores=patterns.anomaly_kd_l1.teacher_scores(),
        student_scores=expand(
            patterns.anomaly_kd_l1.student_scores(), technique=L1_TECHNIQUES
        ),
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
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        data_label="simulation" if L1["source"] == "simulate" else "ADC2021 open data",
    script:
        "../../scripts/anomaly_kd_l1/plot_l1_figures.py"


rule convert_l1_hls:
    """Convert the configured student with hls4ml, compile it (g++ C simulation) and compare it
    with QKeras on every evaluation set: max |delta|, AUC kept."""
    input:
        model=patterns.anomaly_kd_l1.student_model(technique=L1["hls"]["technique"]),
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
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        hls=L1["hls"],
    script:
        "../../scripts/anomaly_kd_l1/convert_l1_hls.py"


rule synth_l1_hls:
    """HLS synthesis of the student (latency, resources) where vitis_hls/vivado_hls is on PATH;
    otherwise a JSON that says synthesis was skipped and why."""
    input:
        model=patterns.anomaly_kd_l1.student_model(technique=L1["hls"]["technique"]),
        csim=patterns.anomaly_kd_l1.csim_json(),
    output:
        patterns.anomaly_kd_l1.synth_json(),
    log:
        patterns.log("anomaly_kd_l1", "synth_l1_hls"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "synth_l1_hls")
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 16000 * attempt,
        runtime=lambda wc, attempt: 240 * attempt,
    params:
        hls=L1["hls"],
        project_dir=patterns.anomaly_kd_l1.synth_dir(),
    script:
        "../../scripts/anomaly_kd_l1/synth_l1_hls.py"


rule all_anomaly_kd_l1:
    """Final targets of the anomaly_kd_l1 study."""
    input:
        patterns.anomaly_kd_l1.metrics(),
        patterns.anomaly_kd_l1.roc_png(),
        patterns.anomaly_kd_l1.ablation_png(),
        patterns.anomaly_kd_l1.csim_json(),
        patterns.anomaly_kd_l1.synth_json(),
