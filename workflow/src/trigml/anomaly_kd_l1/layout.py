"""The ADC2021 HDF5 layout ("LHC physics dataset for unsupervised New Physics detection at 40 MHz").

Each file holds a dataset ``Particles`` of shape (N, 19, 4): per event 19 objects x (pT [GeV], η, φ, type).
Row 0 is the missing transverse energy (η = 0), rows 1-4 electrons, 5-8 muons, 9-18 jets, each group
ordered by decreasing pT and zero-padded. Type codes: 0 empty, 1 MET, 2 electron, 3 muon, 4 jet
(the public files' ``Particles_Classes``). ``Particles_Names`` lists the four columns.
"""

from __future__ import annotations

import os
from pathlib import Path

import h5py
import numpy as np
from numpy.typing import NDArray

from trigml.files import atomic_path

DATASET = "Particles"
N_OBJECTS = 19
N_FEATURES = 4
COLUMNS = ("Pt", "Eta", "Phi", "Class")
TYPE_CODES = {"None": 0, "MET": 1, "Ele": 2, "Mu": 3, "Jet": 4}
# object group -> (first row, number of rows, type code)
SLOTS = {"MET": (0, 1, 1), "Ele": (1, 4, 2), "Mu": (5, 4, 3), "Jet": (9, 10, 4)}


class LayoutError(ValueError):
    """A file does not follow the ADC2021 layout; the message names the file and the dataset."""


def expected_types() -> NDArray[np.int64]:
    """The type code each of the 19 rows must have when it is filled."""
    types = np.zeros(N_OBJECTS, dtype=np.int64)
    for first, n, code in SLOTS.values():
        types[first : first + n] = code
    return types


def validate(particles: NDArray[np.floating], where: str = "<array>") -> None:
    """Check shape, finiteness and type codes; raise :class:`LayoutError` naming ``where``."""
    a = np.asarray(particles)
    if a.ndim != 3 or a.shape[1:] != (N_OBJECTS, N_FEATURES):
        raise LayoutError(
            f"{where}: dataset '{DATASET}' has shape {a.shape}, expected (N, {N_OBJECTS}, {N_FEATURES})"
        )
    if not np.isfinite(a).all():
        raise LayoutError(f"{where}: dataset '{DATASET}' contains NaN or inf")
    if len(a) == 0:
        return
    pt, cls = a[..., 0], a[..., 3]
    if (pt < 0).any():
        raise LayoutError(f"{where}: dataset '{DATASET}' has negative pT")
    want = expected_types()[None, :]
    bad = (cls != 0) & (cls != want)
    if bad.any():
        ev, row = np.argwhere(bad)[0]
        raise LayoutError(
            f"{where}: dataset '{DATASET}' event {ev} row {row} has type {cls[ev, row]:g}, expected 0 or {want[0, row]}"
        )


def write_particles(
    path: str | os.PathLike[str],
    particles: NDArray[np.floating],
    *,
    attrs: dict[str, object] | None = None,
    extra: dict[str, NDArray[np.generic]] | None = None,
) -> None:
    """Write events in the ADC2021 layout (atomically: a partial file never appears at ``path``).

    ``extra`` holds additional per-event datasets (e.g. the simulated process of each event);
    readers of the public layout ignore them.
    """
    a = np.asarray(particles, dtype=np.float32)
    validate(a, str(path))
    with atomic_path(path) as tmp:
        with h5py.File(tmp, "w") as fh:
            fh.create_dataset(
                DATASET, data=a, compression="gzip", compression_opts=4, chunks=True if len(a) else None
            )
            fh.create_dataset(f"{DATASET}_Names", data=np.array([c.encode() for c in COLUMNS]))
            fh.create_dataset(f"{DATASET}_Classes", data=np.array([k.encode() for k in TYPE_CODES]))
            for k, v in (extra or {}).items():
                if len(v) != len(a):
                    raise LayoutError(f"{path}: extra dataset '{k}' has {len(v)} rows for {len(a)} events")
                fh.create_dataset(k, data=np.asarray(v))
            for k, v in (attrs or {}).items():
                fh.attrs[k] = v


def read_particles(path: str | os.PathLike[str], *, max_events: int | None = None) -> NDArray[np.float32]:
    """Read the ``Particles`` dataset of an ADC2021-layout file (first ``max_events`` events)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    try:
        fh = h5py.File(path, "r")
    except OSError as exc:
        raise LayoutError(f"{path}: not a readable HDF5 file ({exc})") from exc
    with fh:
        if DATASET not in fh:
            raise LayoutError(
                f"{path}: no dataset '{DATASET}' (has: {', '.join(sorted(fh.keys())) or 'nothing'})"
            )
        ds = fh[DATASET]
        if ds.ndim != 3 or ds.shape[1:] != (N_OBJECTS, N_FEATURES):
            raise LayoutError(
                f"{path}: dataset '{DATASET}' has shape {ds.shape}, expected (N, {N_OBJECTS}, {N_FEATURES})"
            )
        a = np.asarray(ds[: max_events if max_events is not None else len(ds)], dtype=np.float32)
    validate(a, str(path))
    return a


def read_attrs(path: str | os.PathLike[str]) -> dict[str, object]:
    """File attributes (the simulation writes its process mix, sizes and seed there)."""
    with h5py.File(path, "r") as fh:
        return {k: (v.item() if hasattr(v, "item") else v) for k, v in fh.attrs.items()}
