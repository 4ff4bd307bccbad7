"""ADC2021 HDF5 layout: writer/reader round trip and the errors on malformed files."""

import h5py
import numpy as np
import pytest
from trigml.anomaly_kd_l1.layout import (
    DATASET,
    LayoutError,
    expected_types,
    read_attrs,
    read_particles,
    write_particles,
)


def _events(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = np.zeros((n, 19, 4), np.float32)
    a[:, 0] = np.c_[rng.uniform(1, 50, n), np.zeros(n), rng.uniform(-3, 3, n), np.ones(n)]
    a[:, 1, :] = np.c_[rng.uniform(23, 80, n), rng.uniform(-2, 2, n), rng.uniform(-3, 3, n), np.full(n, 2)]
    a[:, 9, :] = np.c_[rng.uniform(15, 90, n), rng.uniform(-4, 4, n), rng.uniform(-3, 3, n), np.full(n, 4)]
    return a


def test_type_codes_follow_the_public_layout():
    t = expected_types()
    assert t[0] == 1 and (t[1:5] == 2).all() and (t[5:9] == 3).all() and (t[9:19] == 4).all()


def test_round_trip_keeps_values_names_and_attributes(tmp_path):
    a = _events(7)
    path = tmp_path / "bkg.h5"
    write_particles(path, a, attrs={"sample": "background", "seed": 3}, extra={"process": np.arange(7)})
    b = read_particles(path)
    np.testing.assert_array_equal(a, b)
    assert read_particles(path, max_events=3).shape == (3, 19, 4)
    with h5py.File(path) as fh:
        assert [x.decode() for x in fh[f"{DATASET}_Names"][:]] == ["Pt", "Eta", "Phi", "Class"]
        assert list(fh["process"][:]) == list(range(7))
    assert read_attrs(path)["sample"] == "background"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_wrong_shape_names_file_and_dataset(tmp_path):
    path = tmp_path / "bad.h5"
    with h5py.File(path, "w") as fh:
        fh.create_dataset("Particles", data=np.zeros((5, 18, 4)))
    with pytest.raises(LayoutError, match=r"bad\.h5.*'Particles'.*\(5, 18, 4\)"):
        read_particles(path)


def test_writer_refuses_wrong_shape_and_leaves_nothing(tmp_path):
    path = tmp_path / "out.h5"
    with pytest.raises(LayoutError, match=r"out\.h5.*'Particles'.*expected \(N, 19, 4\)"):
        write_particles(path, np.zeros((3, 19, 3)))
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_missing_dataset_nan_and_wrong_type_are_errors(tmp_path):
    p1 = tmp_path / "nodata.h5"
    with h5py.File(p1, "w") as fh:
        fh.create_dataset("Other", data=np.zeros(3))
    with pytest.raises(LayoutError, match=r"nodata\.h5: no dataset 'Particles' \(has: Other\)"):
        read_particles(p1)
    a = _events(3)
    a[1, 1, 0] = np.nan
    with pytest.raises(LayoutError, match="NaN"):
        write_particles(tmp_path / "nan.h5", a)
    a = _events(3)
    a[2, 5, 3] = 4  # a jet code in a muon row
    with pytest.raises(LayoutError, match=r"event 2 row 5 has type 4, expected 0 or 3"):
        write_particles(tmp_path / "type.h5", a)
    with pytest.raises(FileNotFoundError, match="missing.h5"):
        read_particles(tmp_path / "missing.h5")
    (tmp_path / "junk.h5").write_text("not hdf5")
    with pytest.raises(LayoutError, match="junk.h5: not a readable HDF5 file"):
        read_particles(tmp_path / "junk.h5")


def test_extra_dataset_length_must_match(tmp_path):
    with pytest.raises(LayoutError, match="extra dataset 'process' has 2 rows for 4 events"):
        write_particles(tmp_path / "x.h5", _events(4), extra={"process": np.zeros(2)})
