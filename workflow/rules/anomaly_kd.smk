# anomaly_kd study, paper half (Pol et al., ESANN 2023), per {dataset}, {technique} and class {cls}:
#   download_kd_idx (MNIST / Fashion-MNIST) or the digits stand-in -> prepare_kd_images
#   baseline:    train_kd_teacher -> train_kd_students              -> scores
#   co-learning: colearn_kd_models (colearning, outlier_exposure, noise_exposure) -> scores
#   scores -> evaluate_kd (metrics.json) -> plot_kd_auc, plot_kd_emd
#   students F, G -> csim_kd_hls (hls4ml C simulation vs PyTorch) -> synth_kd_hls (Vivado/Vitis or skip)


include: "anomaly_kd_common.smk"


rule download_kd_idx:
    """Download the four published IDX files of {dataset} (MNIST or Fashion-MNIST): temporary
    name, resume, retries, sha256 from config or recorded in a lock file, published MD5 checked.
    """
    output:
        **{
            part: ensure(patterns.anomaly_kd.idx_file(idxfile=name), non_empty=True)
            for part, name in KD_IDX_PARTS.items()
        },
    log:
        patterns.log("anomaly_kd", "download_kd_idx", "{dataset}"),
    wildcard_constraints:
        dataset="mnist|fashion_mnist",
    retries: 2
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=60,
    params:
        base_url=lambda wc: KD["download"][f"{wc.dataset}_url"],
        sha256=lambda wc: {
            part: KD["download"]["sha256"].get(f"{wc.dataset}/{part}")
            for part in KD_IDX_PARTS
        },
        retries=KD["download"]["retries"],
    script:
        "../../scripts/anomaly_kd/download_kd_idx.py"


rule prepare_kd_images:
    """Images and labels of {dataset} in one npz: read from the IDX files (mnist, fashion_mnist)
    or built from scikit-learn's digits (digits; digits_rot90 = the same rotated by 90 degrees).
    """
    input:
        unpack(get_kd_idx_files),
    output:
        patterns.anomaly_kd.images(),
    log:
        patterns.log("anomaly_kd", "prepare_kd_images", "{dataset}"),
    wildcard_constraints:
        dataset=KD_DATASET_RE,
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 15 * attempt,
    params:
        standin=KD["standin"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd/prepare_kd_images.py"


rule train_kd_teacher:
    """Baseline: train the teacher autoencoder of {dataset}, class {cls}, alone (best validation epoch)."""
    input:
        data=patterns.anomaly_kd.images(),
    output:
        checkpoint=protected(patterns.anomaly_kd.teacher_checkpoint()),
    log:
        patterns.log("anomaly_kd", "train_kd_teacher", "{dataset}/class{cls}"),
    benchmark:
        patterns.benchmark("anomaly_kd", "train_kd_teacher", "{dataset}/class{cls}")
    wildcard_constraints:
        dataset=KD_DATASET_RE,
        cls=KD_CLASS_RE,
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
        gpu=1,
    params:
        train=kd_train_params(),
        teacher=KD["teacher"],
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
        device=KD["device"],
    script:
        "../../scripts/anomaly_kd/train_kd_teacher.py"


rule train_kd_students:
    """Baseline: students A-G of {dataset}, class {cls}, fit the frozen teacher's log(MSE + 1);
    writes all models and their scores on the test images."""
    input:
        data=patterns.anomaly_kd.images(),
        teacher=rules.train_kd_teacher.output.checkpoint,
    output:
        checkpoint=protected(
            patterns.anomaly_kd.models_checkpoint(technique="baseline")
        ),
        scores=patterns.anomaly_kd.scores(technique="baseline"),
    log:
        patterns.log("anomaly_kd", "train_kd_students", "{dataset}/class{cls}"),
    benchmark:
        patterns.benchmark("anomaly_kd", "train_kd_students", "{dataset}/class{cls}")
    wildcard_constraints:
        dataset=KD_DATASET_RE,
        cls=KD_CLASS_RE,
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
        gpu=1,
    params:
        students=KD["students"],
        train=kd_train_params(),
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
        device=KD["device"],
    script:
        "../../scripts/anomaly_kd/train_kd_students.py"


rule colearn_kd_models:
    """Co-learning of the teacher and students A-G of {dataset}, class {cls}, with {technique}
    (colearning, outlier_exposure, noise_exposure); writes the models and their test scores.
    """
    input:
        unpack(get_kd_colearn_input),
    output:
        checkpoint=protected(patterns.anomaly_kd.models_checkpoint()),
        scores=patterns.anomaly_kd.scores(),
    log:
        patterns.log(
            "anomaly_kd", "colearn_kd_models", "{dataset}/{technique}/class{cls}"
        ),
    benchmark:
        patterns.benchmark(
            "anomaly_kd", "colearn_kd_models", "{dataset}/{technique}/class{cls}"
        )
    wildcard_constraints:
        dataset=KD_DATASET_RE,
        cls=KD_CLASS_RE,
        technique="colearning|outlier_exposure|noise_exposure",
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
        gpu=1,
    params:
        students=KD["students"],
        teacher=KD["teacher"],
        train=kd_train_params(),
        max_outliers=KD["outlier_exposure"]["max_images"],
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
        device=KD["device"],
    script:
        "../../scripts/anomaly_kd/colearn_kd_models.py"


rule evaluate_kd:
    """metrics.json: per dataset, technique and model the AUC (mean and std over classes), AUC
    ratio to the teacher, EMD of score distributions, parameters, MACs and memory footprint.
    """
    input:
        scores=get_kd_scores(),
    output:
        patterns.anomaly_kd.metrics(),
    log:
        patterns.log("anomaly_kd", "evaluate_kd"),
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 10 * attempt,
    params:
        students=KD["students"],
        teacher=KD["teacher"],
        quant_bits=KD["metrics"]["quant_bits"],
        keep_threshold=KD["metrics"]["keep_threshold"],
    script:
        "../../scripts/anomaly_kd/evaluate_kd.py"


rule plot_kd_auc:
    """AUC vs parameters per technique for {dataset}, teacher band, the paper's values beside."""
    input:
        rules.evaluate_kd.output,
    output:
        report(
            patterns.anomaly_kd.auc_png(),
            caption="../report/anomaly_kd_auc_vs_params.rst",
            category="5 anomaly_kd",
            subcategory="paper",
            labels={
                "study": "anomaly_kd",
                "figure": "AUC vs parameters",
                "dataset": "{dataset}",
            },
        ),
    log:
        patterns.log("anomaly_kd", "plot_kd_auc", "{dataset}"),
    wildcard_constraints:
        dataset=KD_DATASET_RE,
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="auc",
    script:
        "../../scripts/anomaly_kd/plot_kd_figure.py"


rule plot_kd_emd:
    """EMD between student and teacher score distributions per technique for {dataset}."""
    input:
        rules.evaluate_kd.output,
    output:
        report(
            patterns.anomaly_kd.emd_png(),
            caption="../report/anomaly_kd_emd.rst",
            category="5 anomaly_kd",
            subcategory="paper",
            labels={
                "study": "anomaly_kd",
                "figure": "EMD teacher vs student",
                "dataset": "{dataset}",
            },
        ),
    log:
        patterns.log("anomaly_kd", "plot_kd_emd", "{dataset}"),
    wildcard_constraints:
        dataset=KD_DATASET_RE,
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="emd",
    script:
        "../../scripts/anomaly_kd/plot_kd_figure.py"


rule csim_kd_hls:
    """hls4ml: student {student} of {dataset}/{technique}/class {cls} converted from PyTorch at
    the configured fixed-point precision; C simulation vs PyTorch on the test images."""
    input:
        checkpoint=patterns.anomaly_kd.models_checkpoint(),
        data=patterns.anomaly_kd.images(),
    output:
        json=patterns.anomaly_kd.csim_json(),
        project=directory(patterns.anomaly_kd.hls_project()),
    log:
        patterns.log(
            "anomaly_kd", "csim_kd_hls", "{dataset}/{technique}/class{cls}/{student}"
        ),
    benchmark:
        patterns.benchmark(
            "anomaly_kd", "csim_kd_hls", "{dataset}/{technique}/class{cls}/{student}"
        )
    wildcard_constraints:
        dataset=KD_DATASET_RE,
        technique=KD_TECHNIQUE_RE,
        cls=KD_CLASS_RE,
        student=KD_STUDENT_RE,
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        hls=kd_hls_params(),
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd/csim_kd_hls.py"


rule synth_kd_hls:
    """HLS C synthesis of student {student} of {dataset}/{technique}/class {cls} where
    Vivado/Vitis HLS exists; otherwise a JSON saying it was skipped and why."""
    input:
        checkpoint=patterns.anomaly_kd.models_checkpoint(),
        csim=rules.csim_kd_hls.output.json,
    output:
        patterns.anomaly_kd.synth_json(),
    log:
        patterns.log(
            "anomaly_kd", "synth_kd_hls", "{dataset}/{technique}/class{cls}/{student}"
        ),
    benchmark:
        patterns.benchmark(
            "anomaly_kd", "synth_kd_hls", "{dataset}/{technique}/class{cls}/{student}"
        )
    wildcard_constraints:
        dataset=KD_DATASET_RE,
        technique=KD_TECHNIQUE_RE,
        cls=KD_CLASS_RE,
        student=KD_STUDENT_RE,
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 8000 * attempt,
        runtime=lambda wc, attempt: 240 * attempt,
    params:
        hls=kd_hls_params(),
    script:
        "../../scripts/anomaly_kd/synth_kd_hls.py"


rule all_anomaly_kd:
    """Final targets of the anomaly_kd study's paper half: metrics, figures, hls4ml checks."""
    input:
        patterns.anomaly_kd.metrics(),
        expand(patterns.anomaly_kd.auc_png(), dataset=KD["datasets"]),
        expand(patterns.anomaly_kd.emd_png(), dataset=KD["datasets"]),
        get_kd_hls(patterns.anomaly_kd.csim_json),
        get_kd_hls(patterns.anomaly_kd.synth_json),
