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


STANDIN = json.dumps({"test_fraction": 0.3, "augment": 0, "max_shift": 2.0, "max_angle": 10.0})
TEACHER = "{}"


def script(name):
    return importlib.import_module(f"anomaly_kd.{name}")


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    d = tmp_path_factory.mktemp("img")
    for name in ("digits", "digits_rot90"):
        script("prepare_kd_images").main(
            ["--dataset", name, "--images", str(d / f"{name}.npz"), "--seed", "1", "--standin", STANDIN]
        )
    return d


def test_prepare_images(images):
    data = load_image_set(images / "digits.npz")
    rot = load_image_set(images / "digits_rot90.npz")
    assert data.meta["real_data"] is False and rot.meta["dataset"] == "digits-rot90-standin"
    assert np.array_equal(np.rot90(data.x_test, 1, axes=(1, 2)), rot.x_test)


def test_prepare_real_dataset_needs_idx_files(images):
    with pytest.raises(SystemExit):
        script("prepare_kd_images").main(
            ["--dataset", "mnist", "--images", str(images / "m.npz"), "--seed", "0", "--standin", STANDIN]
        )


def _fit(images, tmp_path, technique, name, cls="1", extra=()):
    script("fit_kd_models").main(
        ["--data", str(images / "digits.npz"), "--technique", technique, "--cls", cls, "--students", STUDENTS]
        + ["--teacher-config", TEACHER, "--train", TRAIN, "--max-outliers", "100", "--val-fraction", "0.1"]
        + ["--seed", "3", "--device", "cpu", *extra]
        + ["--checkpoint", str(tmp_path / f"{name}.pt"), "--scores", str(tmp_path / f"{name}.npz")]
    )


def _teacher(images, path, cls):
    script("train_kd_teacher").main(
        ["--data", str(images / "digits.npz"), "--cls", cls, "--train", TRAIN, "--teacher", TEACHER]
        + ["--val-fraction", "0.1", "--seed", "3", "--device", "cpu", "--checkpoint", str(path)]
    )


def test_baseline_and_colearning_chain(images, tmp_path):
    teacher = tmp_path / "teacher.pt"
    _teacher(images, teacher, "1")
    assert load_checkpoint(teacher)["meta"]["class"] == 1
    _fit(images, tmp_path, "baseline", "base", extra=["--teacher", str(teacher)])
    _fit(images, tmp_path, "outlier_exposure", "oe", extra=["--outliers", str(images / "digits_rot90.npz")])
    scores, y, meta = load_scores(tmp_path / "oe.npz")
    assert set(scores) == {"teacher", "F", "G"} and len(y) == len(scores["G"])
    assert meta["outliers"]["dataset"] == "digits-rot90-standin" and meta["technique"] == "outlier_exposure"
    val, y_val, _ = load_scores(tmp_path / "oe.npz", "val")
    assert set(val) == {"teacher", "F", "G"} and set(np.unique(y_val)) == {0, 1}
    # the baseline students were trained against the teacher of step 1, which they carry
    base = load_checkpoint(tmp_path / "base.pt")
    for k, v in load_checkpoint(teacher)["teacher"].items():
        assert np.array_equal(v.numpy(), base["teacher"][k].numpy())
    settings = json.dumps({"quant_bits": 8, "keep_threshold": 0.9, "bootstrap": 20, "ci_level": 0.9})
    script("evaluate_kd").main(
        ["--scores", str(tmp_path / "base.npz"), str(tmp_path / "oe.npz"), "--students", STUDENTS]
        + [
            "--teacher",
            TEACHER,
            "--settings",
            settings,
            "--seed",
            "0",
            "--metrics",
            str(tmp_path / "metrics.json"),
        ]
    )
    m = json.loads((tmp_path / "metrics.json").read_text())
    assert set(m["datasets"]["digits"]["techniques"]) == {"baseline", "outlier_exposure"}
    for fig in ("auc", "emd"):
        script("plot_kd_figure").main(
            ["--figure", fig, "--metrics", str(tmp_path / "metrics.json"), "--dataset", "digits"]
            + ["--png", str(tmp_path / f"{fig}.png")]
        )
        assert (tmp_path / f"{fig}.json").exists() and (tmp_path / f"{fig}.pdf").exists()


@pytest.mark.parametrize(
    ("technique", "missing"), [("outlier_exposure", "--outliers"), ("baseline", "--teacher")]
)
def test_technique_without_its_input_is_refused(images, tmp_path, technique, missing, capsys):
    with pytest.raises(SystemExit):
        _fit(images, tmp_path, technique, "x", cls="0")
    assert missing in capsys.readouterr().err
    assert not (tmp_path / "x.pt").exists()


def test_baseline_refuses_teacher_of_another_class(images, tmp_path):
    teacher = tmp_path / "t.pt"
    _teacher(images, teacher, "2")
    with pytest.raises(ValueError, match="teacher of digits class 2, not digits class 3"):
        _fit(images, tmp_path, "baseline", "s", cls="3", extra=["--teacher", str(teacher)])
    assert not (tmp_path / "s.pt").exists()
