"""Datasets: the digits stand-in, one-class splits, IDX image sets, and the download rule's library."""

import hashlib

import numpy as np
import pytest
from trigml.anomaly_kd import datasets as ds
from trigml.anomaly_kd.idx import write_idx
from trigml.download import DownloadError


@pytest.fixture(scope="module")
def digits():
    return ds.digits_standin(test_fraction=0.3, seed=0)


def test_standin_is_labelled_and_sized(digits):
    assert digits.meta["dataset"] == "digits-standin" and digits.meta["real_data"] is False
    assert digits.x_train.shape[1:] == (28, 28) and digits.x_train.dtype == np.uint8
    assert len(digits.x_train) + len(digits.x_test) == 1797
    assert digits.classes == list(range(10))
    assert digits.x_train.max() == 255 and digits.x_train.min() == 0


def test_rotated_standin_is_a_rotated_copy(digits):
    rot = ds.digits_standin(test_fraction=0.3, seed=0, rotate=True)
    assert rot.meta["dataset"] == "digits-rot90-standin" and rot.meta["real_data"] is False
    assert np.array_equal(np.rot90(digits.x_train, 1, axes=(1, 2)), rot.x_train)


def test_one_class_task(digits):
    task = ds.one_class_task(digits, 3, val_fraction=0.1, seed=0)
    n3 = int((digits.y_train == 3).sum())
    assert len(task.x_train) == int(n3 * 0.9) and len(task.x_train) + len(task.x_val) == n3
    assert task.x_train.shape[1:] == (1, 28, 28) and task.x_train.dtype == np.float32
    assert 0 <= task.x_train.min() and task.x_train.max() <= 1
    n_norm = int((digits.y_test == 3).sum())
    assert (task.y_test == 0).sum() == n_norm == (task.y_test == 1).sum()
    assert np.all(task.test_labels[task.y_test == 0] == 3) and np.all(task.test_labels[task.y_test == 1] != 3)
    again = ds.one_class_task(digits, 3, val_fraction=0.1, seed=0)
    assert np.array_equal(task.test_labels, again.test_labels)


def test_one_class_task_errors(digits):
    with pytest.raises(ValueError, match="class 11 not in dataset digits"):
        ds.one_class_task(digits, 11, val_fraction=0.1, seed=0)
    with pytest.raises(ValueError, match="val_fraction"):
        ds.one_class_task(digits, 1, val_fraction=1.5, seed=0)


def test_image_set_round_trip(tmp_path, digits):
    ds.save_image_set(tmp_path / "d.npz", digits)
    back = ds.load_image_set(tmp_path / "d.npz")
    assert back.meta == digits.meta and np.array_equal(back.x_test, digits.x_test)
    with pytest.raises(FileNotFoundError, match="none.npz"):
        ds.load_image_set(tmp_path / "none.npz")


def _fake_idx(folder, n_train=6, n_test=4):
    rng = np.random.default_rng(0)
    arrays = {
        "train_images": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train_labels": (np.arange(n_train) % 3).astype(np.uint8),
        "test_images": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "test_labels": (np.arange(n_test) % 3).astype(np.uint8),
    }
    for part, a in arrays.items():
        write_idx(folder / ds.IDX_FILE_NAMES[part], a)
    return arrays


def test_idx_image_set_checks_counts(tmp_path):
    arrays = _fake_idx(tmp_path)
    files = {p: tmp_path / ds.IDX_FILE_NAMES[p] for p in ds.IDX_PARTS}
    data = ds.idx_image_set(files, name="mnist")
    assert data.meta["dataset"] == "MNIST" and data.meta["real_data"] is True
    assert np.array_equal(data.x_train, arrays["train_images"])
    write_idx(files["test_labels"], np.zeros(3, dtype=np.uint8))
    with pytest.raises(
        ValueError, match="t10k-images-idx3-ubyte.gz has 4 images but .*t10k-labels-idx1-ubyte.gz has 3"
    ):
        ds.idx_image_set(files, name="mnist")


def test_download_from_local_server_checks_md5(tmp_path, http_server, monkeypatch):
    served = tmp_path / "served"
    served.mkdir()
    _fake_idx(served)
    md5 = {p: hashlib.md5((served / ds.IDX_FILE_NAMES[p]).read_bytes()).hexdigest() for p in ds.IDX_PARTS}
    monkeypatch.setitem(ds.REAL_DATASETS, "mnist", {**ds.REAL_DATASETS["mnist"], "md5": md5})
    url = http_server(served)
    out = {p: tmp_path / "dl" / ds.IDX_FILE_NAMES[p] for p in ds.IDX_PARTS}
    got = ds.download_idx("mnist", out, base_url=url, progress=False)
    for p in ds.IDX_PARTS:
        assert got[p].read_bytes() == (served / ds.IDX_FILE_NAMES[p]).read_bytes()
        assert (tmp_path / "dl" / (ds.IDX_FILE_NAMES[p] + ".sha256")).exists()  # lock file recorded


def test_download_rejects_wrong_md5(tmp_path, http_server):
    served = tmp_path / "served"
    served.mkdir()
    _fake_idx(served)  # not the published files: their MD5s differ from MNIST's
    url = http_server(served)
    out = {p: tmp_path / "dl" / ds.IDX_FILE_NAMES[p] for p in ds.IDX_PARTS}
    with pytest.raises(
        DownloadError, match=r"train-images-idx3-ubyte.gz: md5 .* differs from the published f68b3c2d"
    ):
        ds.download_idx("mnist", out, base_url=url, retries=1, progress=False)
    assert not out["train_images"].exists()
    assert not (tmp_path / "dl" / "train-images-idx3-ubyte.gz.sha256").exists()


def test_download_of_a_missing_file_fails_cleanly(tmp_path, http_server):
    url = http_server(tmp_path)  # serves nothing
    out = {p: tmp_path / "dl" / ds.IDX_FILE_NAMES[p] for p in ds.IDX_PARTS}
    with pytest.raises(DownloadError, match="train-images-idx3-ubyte.gz"):
        ds.download_idx("fashion_mnist", out, base_url=url, retries=1, progress=False)
    assert not out["train_images"].exists()


def test_augmented_standin_keeps_test_images(digits):
    aug = ds.digits_standin(test_fraction=0.3, seed=0, augment=2, max_shift=2.0, max_angle=10.0)
    n = len(digits.x_train)
    assert len(aug.x_train) == 3 * n and np.array_equal(aug.y_train, np.tile(digits.y_train, 3))
    assert np.array_equal(aug.x_train[:n], digits.x_train)  # originals first
    assert not np.array_equal(aug.x_train[n : 2 * n], digits.x_train)  # copies are moved
    assert np.array_equal(aug.x_test, digits.x_test) and aug.meta["augment"] == 2
    # a copy keeps roughly the ink of its original (shifts/rotations, no new strokes)
    ink = digits.x_train.reshape(n, -1).sum(1).astype(float)
    ink_copy = aug.x_train[n : 2 * n].reshape(n, -1).sum(1)
    assert np.median(ink_copy / ink) == pytest.approx(1.0, abs=0.1)
    with pytest.raises(ValueError, match="augment"):
        ds.digits_standin(augment=-1)


def test_validation_anomalies_come_from_training_images(digits):
    task = ds.one_class_task(digits, 3, val_fraction=0.1, seed=0)
    assert len(task.x_val_anom) == ds.VAL_ANOMALY_RATIO * len(task.x_val)
    assert np.array_equal(task.y_val, np.r_[np.zeros(len(task.x_val)), np.ones(len(task.x_val_anom))])
    train_other = ds.to_float(digits.x_train[digits.y_train != 3]).reshape(-1, 28 * 28)
    test_all = ds.to_float(digits.x_test).reshape(-1, 28 * 28)
    rows = {r.tobytes() for r in train_other}
    assert all(r.tobytes() in rows for r in task.x_val_anom.reshape(-1, 28 * 28))
    test_rows = {r.tobytes() for r in test_all}
    assert not any(r.tobytes() in test_rows for r in task.x_val_anom.reshape(-1, 28 * 28))


def _fake_mnist5k(path, n_per_class=6):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(10), n_per_class)
    x = rng.integers(0, 256, size=(len(y), 784))
    import gzip

    with gzip.open(path, "wt") as fh:
        np.savetxt(fh, np.c_[x, y], fmt="%d", delimiter=",")
    return x, y


def test_mnist5k_reader_and_split(tmp_path):
    x, y = _fake_mnist5k(tmp_path / "m.csv.gz")
    xi, yi = ds.read_mnist5k(tmp_path / "m.csv.gz")
    assert xi.shape == (60, 28, 28) and xi.dtype == np.uint8 and np.array_equal(yi, y)
    assert np.array_equal(xi.reshape(60, -1), x)
    d = ds.mnist5k_standin(test_fraction=0.5, seed=1, path=tmp_path / "m.csv.gz")
    assert d.meta["real_data"] is True and d.meta["name"] == "mnist5k" and len(d.x_test) == 30
    rot = ds.mnist5k_standin(test_fraction=0.5, seed=1, rotate=True, path=tmp_path / "m.csv.gz")
    assert (
        np.array_equal(np.rot90(d.x_train, 1, axes=(1, 2)), rot.x_train)
        and rot.meta["name"] == "mnist5k_rot90"
    )


def test_mnist5k_reader_names_bad_file(tmp_path):
    import gzip

    with gzip.open(tmp_path / "bad.csv.gz", "wt") as fh:
        fh.write("1,2,3\n4,5,6\n")
    with pytest.raises(ValueError, match="bad.csv.gz: expected rows of 784 pixels"):
        ds.read_mnist5k(tmp_path / "bad.csv.gz")


def test_standin_image_set_dispatch():
    with pytest.raises(ValueError, match="unknown stand-in dataset 'cifar'"):
        ds.standin_image_set("cifar", test_fraction=0.3, seed=0, augment=0, max_shift=2.0, max_angle=10.0)
