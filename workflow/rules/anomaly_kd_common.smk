# Config-derived lists and input/param helpers of the anomaly_kd study's paper half
# (included by anomaly_kd.smk; rules live there).

KD = config["anomaly_kd"]
KD_REAL = ["mnist", "fashion_mnist"]
KD_IDX_PARTS = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
# Wildcard patterns, set on each rule (not globally, so other studies' wildcards are untouched).
KD_DATASET_RE = "digits|digits_rot90|mnist|fashion_mnist"
KD_TECHNIQUE_RE = "baseline|colearning|outlier_exposure|noise_exposure"
KD_CLASS_RE = r"\d"
KD_STUDENT_RE = "[A-Za-z][A-Za-z0-9_]*"
KD_OUTLIERS = {
    "digits": "digits_rot90",
    "mnist": "fashion_mnist",
    "fashion_mnist": "mnist",
}


def kd_train_params():
    """Training settings handed to the scripts (optimiser + technique knobs)."""
    return {
        **KD["train"],
        "noise_sigma": KD["noise_exposure"]["sigma"],
        "outlier_fraction": KD["outlier_exposure"]["fraction"],
    }


def get_kd_idx_files(wc):
    """Input of prepare_kd_images: the four IDX files of a real dataset, none for the stand-ins."""
    if wc.dataset not in KD_REAL:
        return {}
    return {
        part: patterns.anomaly_kd.idx_file(dataset=wc.dataset, idxfile=name)
        for part, name in KD_IDX_PARTS.items()
    }


def get_kd_colearn_input(wc):
    """Input of colearn_kd_models: the images, plus the other dataset's for outlier exposure."""
    inputs = {"data": patterns.anomaly_kd.images(dataset=wc.dataset)}
    if wc.technique == "outlier_exposure":
        inputs["outliers"] = patterns.anomaly_kd.images(dataset=KD_OUTLIERS[wc.dataset])
    return inputs


def get_kd_scores():
    return [
        patterns.anomaly_kd.scores(dataset=d, technique=t, cls=c)
        for d in KD["datasets"]
        for t in KD["techniques"]
        for c in KD["classes"]
    ]


def get_kd_hls(pattern):
    """csim/synth JSONs of the converted students (config anomaly_kd.hls)."""
    hls = KD["hls"]
    classes = hls["classes"] if hls["classes"] is not None else KD["classes"][:1]
    return [
        pattern(dataset=d, technique=hls["technique"], cls=c, student=s)
        for d in KD["datasets"]
        for c in classes
        for s in hls["students"]
    ]


def kd_hls_params():
    return {
        k: KD["hls"][k]
        for k in (
            "precision",
            "reuse_factor",
            "backend",
            "io_type",
            "part",
            "clock_period",
        )
    }
