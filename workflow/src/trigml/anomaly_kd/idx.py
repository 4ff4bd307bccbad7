"""The IDX file format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/).

An IDX file is a big-endian header -- two zero bytes, a type code, the number of dimensions
``ndim`` -- followed by ``ndim`` unsigned 32-bit sizes and the data in C order. Files may be
gzip-compressed (``.gz``), as they are published.
"""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np

# type code -> big-endian numpy dtype
IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_CODES = {dt.newbyteorder("="): code for code, dt in IDX_DTYPES.items()}


class IDXError(ValueError):
    """A file is not a valid IDX file; the message names the file and what is wrong."""


def _open(path: Path):  # type: ignore[no-untyped-def]
    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gz else open(path, "rb")


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """Read an IDX file (plain or gzip) into a native-endian numpy array.

    Raises :class:`IDXError` naming ``path`` for a bad magic number, an unknown type code, or a
    payload shorter or longer than the header announces (a truncated download), and
    :class:`FileNotFoundError` for a missing file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: IDX file not found")
    try:
        with _open(path) as fh:
            raw = fh.read()
    except (OSError, EOFError) as exc:  # truncated gzip stream, CRC error
        raise IDXError(f"{path}: cannot decompress ({exc}); the file is damaged or truncated") from exc
    if len(raw) < 4:
        raise IDXError(f"{path}: {len(raw)} bytes, too short for an IDX header")
    zero, code, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0:
        raise IDXError(f"{path}: bad magic number (first two bytes must be zero); not an IDX file")
    if code not in IDX_DTYPES:
        raise IDXError(f"{path}: unknown IDX type code 0x{code:02x}")
    head = 4 + 4 * ndim
    if ndim == 0 or len(raw) < head:
        raise IDXError(f"{path}: header announces {ndim} dimensions but the file ends at byte {len(raw)}")
    shape = struct.unpack(f">{ndim}I", raw[4:head])
    dtype = IDX_DTYPES[code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    got = len(raw) - head
    if got != expected:
        what = "truncated" if got < expected else "has trailing bytes"
        raise IDXError(f"{path}: {what}: header shape {shape} needs {expected} data bytes, found {got}")
    return np.frombuffer(raw, dtype=dtype, offset=head).reshape(shape).astype(dtype.newbyteorder("="))


def write_idx(path: str | os.PathLike[str], array: np.ndarray, *, compress: bool | None = None) -> None:
    """Write ``array`` as an IDX file (gzip if ``compress`` or, by default, if the name ends in .gz)."""
    from trigml.files import atomic_path

    path = Path(path)
    a = np.asarray(array)
    code = _CODES.get(a.dtype.newbyteorder("="))
    if code is None:
        raise ValueError(
            f"dtype {a.dtype} has no IDX type code; use one of uint8, int8, int16, int32, float32, float64"
        )
    if a.ndim == 0 or a.ndim > 255:
        raise ValueError("IDX arrays need 1 to 255 dimensions")
    payload = struct.pack(">HBB", 0, code, a.ndim) + struct.pack(f">{a.ndim}I", *a.shape)
    payload += np.ascontiguousarray(a, dtype=IDX_DTYPES[code]).tobytes()
    compress = path.suffix == ".gz" if compress is None else compress
    with atomic_path(path) as tmp:
        if compress:
            with gzip.GzipFile(tmp, "wb", mtime=0) as fh:
                fh.write(payload)
        else:
            tmp.write_bytes(payload)
