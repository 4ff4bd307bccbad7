"""The scripts as command-line tools, on tiny inputs (one class, one epoch)."""

import importlib
import json

import numpy as np
import pytest
from trigml.anomaly_kd.datasets import load_image_set
from trigml.anomaly_kd.steps import load_checkpoint, load_scores

STUDENTS = json.dumps(
    {"F": ["conv2", "avgpool2", "conv4s2", "avgpool2"], "G": ["conv2", "avgpool2", "conv2s2", "avgpool2"]}
)
TRAIN = json.dumps({"epochs": 1, "batch_size": 64})


def script(name):
    return importlib.import_module(f"anomaly_kd.{name}")


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    d = tmp_path_factory.mktemp("img")
    for name in ("digits", "digits_rot90"):
        script("prepare_kd_images").main(["--dataset", name, "--out", str(d / f"{name}.npz"), "--seed", "1"])
    return d


def test_prepare_images(images):
    data = load_image_set(images / "digits.npz")
    rot = load_image_set(images / "digits_rot90.npz")
    assert data.meta["real_data"] is False and rot.meta["dataset"] == "digits-rot90-standin"
    assert np.array_equal(np.rot90(data.x_test, 1, axes=(1, 2)), rot.x_test)


def test_prepare_real_dataset_needs_idx_files(images):
    with pytest.raises(SystemExit):
        script("prepare_kd_images").main(["--dataset", "mnist", "--out", str(images / "m.npz")])


def test_baseline_and_colearning_chain(images, tmp_path):
    common = ["--cls", "1", "--train", TRAIN, "--device", "cpu", "--seed", "3"]
    teacher = tmp_path / "teacher.pt"
    script("train_kd_teacher").main(
        ["--data", str(images / "digits.npz"), *common, "--checkpoint", str(teacher)]
    )
    assert load_checkpoint(teacher)["meta"]["class"] == 1
    script("train_kd_students").main(
        [
            "--data",
            str(images / "digits.npz"),
            "--teacher-checkpoint",
            str(teacher),
            "--students",
            STUDENTS,
            *common,
        ]
        + ["--checkpoint", str(tmp_path / "base.pt"), "--scores", str(tmp_path / "base.npz")]
    )
    script("colearn_kd_models").main(
        ["--data", str(images / "digits.npz"), "--outliers", str(images / "digits_rot90.npz")]
        + ["--technique", "outlier_exposure", "--students", STUDENTS, *common]
        + ["--checkpoint", str(tmp_path / "oe.pt"), "--scores", str(tmp_path / "oe.npz")]
    )
    scores, y, meta = load_scores(tmp_path / "oe.npz")
    assert set(scores) == {"teacher", "F", "G"} and len(y) == len(scores["G"])
    assert meta["outliers"]["dataset"] == "digits-rot90-standin" and meta["technique"] == "outlier_exposure"
    # the baseline students were trained against the teacher of step 1, which they carry
    base = load_checkpoint(tmp_path / "base.pt")
    for k, v in load_checkpoint(teacher)["teacher"].items():
        assert np.array_equal(v.numpy(), base["teacher"][k].numpy())
    script("evaluate_kd").main(
        ["--scores", str(tmp_path / "base.npz"), str(tmp_path / "oe.npz"), "--students", STUDENTS]
        + ["--out", str(tmp_path / "metrics.json")]
    )
    m = json.loads((tmp_path / "metrics.json").read_text())
    assert set(m["datasets"]["digits"]["techniques"]) == {"baseline", "outlier_exposure"}
    for fig in ("auc", "emd"):
        script("plot_kd_figure").main(
            ["--figure", fig, "--metrics", str(tmp_path / "metrics.json"), "--dataset", "digits"]
            + ["--out", str(tmp_path / f"{fig}.png")]
        )
        assert (tmp_path / f"{fig}.json").exists()


def test_outlier_exposure_without_outliers_is_refused(images, tmp_path):
    with pytest.raises(SystemExit):
        script("colearn_kd_models").main(
            [
                "--data",
                str(images / "digits.npz"),
                "--technique",
                "outlier_exposure",
                "--cls",
                "0",
                "--students",
                STUDENTS,
            ]
            + ["--checkpoint", str(tmp_path / "x.pt"), "--scores", str(tmp_path / "x.npz")]
        )


def test_baseline_refuses_teacher_of_another_class(images, tmp_path):
    teacher = tmp_path / "t.pt"
    script("train_kd_teacher").main(
        ["--data", str(images / "digits.npz"), "--cls", "2", "--train", TRAIN, "--checkpoint", str(teacher)]
    )
    with pytest.raises(ValueError, match="teacher of digits class 2, not digits class 3"):
        script("train_kd_students").main(
            [
                "--data",
                str(images / "digits.npz"),
                "--teacher-checkpoint",
                str(teacher),
                "--cls",
                "3",
                "--students",
                STUDENTS,
            ]
            + ["--train", TRAIN, "--checkpoint", str(tmp_path / "s.pt"), "--scores", str(tmp_path / "s.npz")]
        )
    assert not (tmp_path / "s.pt").exists()
