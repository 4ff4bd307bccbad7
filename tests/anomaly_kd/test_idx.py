"""IDX reader: hand-made files (independent of the writer), gzip, and its errors."""

import gzip
import struct

import numpy as np
import pytest
from trigml.anomaly_kd.idx import IDXError, read_idx, write_idx


def _idx_bytes(code: int, shape: tuple[int, ...], payload: bytes) -> bytes:
    return struct.pack(">HBB", 0, code, len(shape)) + struct.pack(f">{len(shape)}I", *shape) + payload


def test_reads_hand_made_uint8_images(tmp_path):
    # two 2x3 "images" with known pixels, written byte by byte as the format specifies
    pixels = bytes([0, 1, 2, 3, 4, 255, 10, 20, 30, 40, 50, 60])
    path = tmp_path / "images-idx3-ubyte"
    path.write_bytes(_idx_bytes(0x08, (2, 2, 3), pixels))
    a = read_idx(path)
    assert a.dtype == np.uint8 and a.shape == (2, 2, 3)
    assert a[0, 1, 2] == 255 and a[1, 0, 0] == 10 and a[1, 1, 2] == 60


def test_reads_big_endian_int32_and_gzip(tmp_path):
    path = tmp_path / "labels-idx1.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(_idx_bytes(0x0C, (3,), struct.pack(">3i", 7, -2, 65536)))
    a = read_idx(path)
    assert a.tolist() == [7, -2, 65536]
    assert a.dtype.byteorder in ("=", "|") or a.dtype.isnative


def test_truncated_file_is_named(tmp_path):
    path = tmp_path / "t10k-images-idx3-ubyte"
    path.write_bytes(_idx_bytes(0x08, (2, 28, 28), bytes(2 * 28 * 28 - 100)))
    with pytest.raises(IDXError, match=r"t10k-images-idx3-ubyte.*truncated.*1568.*1468"):
        read_idx(path)


def test_truncated_gzip_is_named(tmp_path):
    full = gzip.compress(_idx_bytes(0x08, (100, 28, 28), np.arange(78400, dtype=np.uint8).tobytes()))
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(IDXError, match="train-images-idx3-ubyte.gz"):
        read_idx(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x01\x00\x08\x01\x00\x00\x00\x01\x05", "bad magic"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x05", "type code 0x07"),
        (b"\x00\x00\x08\x03\x00\x00", "header announces 3 dimensions"),
        (b"\x00\x00", "too short"),
        (_idx_bytes(0x08, (2,), b"\x01\x02\x03"), "trailing bytes"),
    ],
)
def test_bad_headers(tmp_path, content, message):
    path = tmp_path / "bad.idx"
    path.write_bytes(content)
    with pytest.raises(IDXError, match=message):
        read_idx(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothere.idx"):
        read_idx(tmp_path / "nothere.idx")


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("name", ["a.idx", "a.idx.gz"])
def test_write_read_round_trip(tmp_path, dtype, name):
    a = (
        (np.arange(24).reshape(2, 3, 4) * 3 - 5).astype(dtype)
        if dtype != np.uint8
        else np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    )
    write_idx(tmp_path / name, a)
    b = read_idx(tmp_path / name)
    assert b.dtype == np.dtype(dtype) and np.array_equal(a, b)
    assert ((tmp_path / name).read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")


def test_write_refuses_unknown_dtype(tmp_path):
    with pytest.raises(ValueError, match="no IDX type code"):
        write_idx(tmp_path / "x.idx", np.zeros(3, dtype=np.uint16))
