"""Zenodo download of ADC2021 files from a local server: published md5 checked, layout checked."""

import hashlib
import json

import numpy as np
import pytest
from trigml.anomaly_kd_l1.download import RECORDS, fetch_record_file, record_file
from trigml.anomaly_kd_l1.features import detector_noise
from trigml.anomaly_kd_l1.layout import LayoutError, read_particles, write_particles
from trigml.download import DownloadError


def _serve(tmp_path, http_server, record, name, payload_path, md5=None):
    root = tmp_path / "srv"
    (root / "records" / str(record) / "files").mkdir(parents=True)
    (root / "api" / "records").mkdir(parents=True)
    target = root / "records" / str(record) / "files" / name
    target.write_bytes(payload_path.read_bytes())
    base = http_server(root)
    meta = {
        "id": record,
        "files": [
            {
                "key": name,
                "size": target.stat().st_size,
                "checksum": "md5:" + (md5 or hashlib.md5(target.read_bytes()).hexdigest()),
                "links": {"self": f"{base}/records/{record}/files/{name}"},
            }
        ],
    }
    (root / "api" / "records" / str(record)).write_text(json.dumps(meta))
    return base


def test_records_name_the_five_public_files():
    assert set(RECORDS) == {"background", "Ato4l", "leptoquark", "hToTauTau", "hChToTauNu"}
    assert RECORDS["background"] == (5046389, "background_for_training.h5")


def test_download_verifies_md5_and_layout(tmp_path, http_server):
    src = tmp_path / "bkg.h5"
    events = detector_noise(20, rng=np.random.default_rng(0))
    write_particles(src, events)
    base = _serve(tmp_path, http_server, 5046389, "background_for_training.h5", src)
    assert (
        record_file(5046389, "background_for_training.h5", base_url=base)["md5"]
        == hashlib.md5(src.read_bytes()).hexdigest()
    )
    dest = tmp_path / "out" / "background.h5"
    fetch_record_file("background", dest, base_url=base, progress=False)
    np.testing.assert_array_equal(read_particles(dest), events)
    assert (tmp_path / "out" / "background.h5.sha256").exists()


def test_md5_mismatch_removes_the_file(tmp_path, http_server):
    src = tmp_path / "sig.h5"
    write_particles(src, detector_noise(5, rng=np.random.default_rng(1)))
    base = _serve(tmp_path, http_server, 5046446, "Ato4l_lepFilter_13TeV.h5", src, md5="0" * 32)
    dest = tmp_path / "out" / "Ato4l.h5"
    with pytest.raises(DownloadError, match="md5 of .*Ato4l.h5 is .* publishes 0{32}"):
        fetch_record_file("Ato4l", dest, base_url=base, progress=False)
    assert not dest.exists() and not (tmp_path / "out" / "Ato4l.h5.sha256").exists()
    with pytest.raises(DownloadError, match="configured md5"):
        fetch_record_file("Ato4l", dest, base_url=base, md5="1" * 32, progress=False)


def test_wrong_layout_and_missing_file_are_errors(tmp_path, http_server):
    import h5py

    src = tmp_path / "bad.h5"
    with h5py.File(src, "w") as fh:
        fh.create_dataset("Particles", data=np.zeros((4, 19, 3)))
    base = _serve(tmp_path, http_server, 5055454, "leptoquark_LOWMASS_lepFilter_13TeV.h5", src)
    dest = tmp_path / "out" / "lq.h5"
    with pytest.raises(LayoutError, match=r"lq\.h5: dataset 'Particles' has shape \(4, 19, 3\)"):
        fetch_record_file("leptoquark", dest, base_url=base, progress=False)
    assert not dest.exists()
    with pytest.raises(DownloadError, match="record has no file 'other.h5'"):
        record_file(5055454, "other.h5", base_url=base)
