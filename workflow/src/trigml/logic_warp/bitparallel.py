"""Bit-parallel CPU inference: 64 samples per machine word.

torchlogix 0.1.1's ``PackBitsTensor`` needs its CUDA extension; this is the CPU path. Every wire
of the network becomes an array of uint64 words (bit s of word w = sample 64 w + s), and each
k-input node is evaluated as a Shannon multiplexer tree over its truth table: 2^k - 1 word-wide
multiplexers, no per-sample work until the GroupSum popcount at the end.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .netlist import Netlist

__all__ = ["pack_bits", "packed_forward", "predict_packed", "unpack_bits"]

_ONES = np.uint64(0xFFFFFFFFFFFFFFFF)


def pack_bits(bits: ArrayLike) -> NDArray[np.uint64]:
    """``(N, M)`` bits -> ``(M, ceil(N / 64))`` uint64 words (sample s in word s // 64, bit s % 64)."""
    b = np.asarray(bits, dtype=bool)
    if b.ndim != 2:
        raise ValueError(f"expected a 2-D bit array (N, M), got shape {b.shape}")
    n = b.shape[0]
    words = -(-n // 64)
    padded = np.zeros((words * 64, b.shape[1]), dtype=bool)
    padded[:n] = b
    # little-endian bit order inside each byte, bytes little-endian inside the uint64
    packed = np.packbits(padded.T.reshape(b.shape[1], words, 64), axis=-1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").reshape(b.shape[1], words).astype(np.uint64)


def unpack_bits(words: ArrayLike, n: int) -> NDArray[np.bool_]:
    """Inverse of :func:`pack_bits`: ``(M, W)`` words -> ``(n, M)`` bits."""
    w = np.ascontiguousarray(np.asarray(words, dtype="<u8"))
    bits = np.unpackbits(w.view(np.uint8).reshape(w.shape[0], -1), axis=-1, bitorder="little")
    return bits[:, :n].T.astype(bool)


def _layer(
    words: NDArray[np.uint64], inputs: NDArray[np.int64], tables: NDArray[np.bool_]
) -> NDArray[np.uint64]:
    k = inputs.shape[1]
    # values of every truth-table row as constant words: (width, 2^k, W)
    vals = np.where(tables[:, :, None], _ONES, np.uint64(0))
    vals = np.broadcast_to(vals, (*tables.shape, words.shape[1]))
    # reduce over inputs from the least significant row bit (input k-1) to input 0
    for j in range(k - 1, -1, -1):
        sel = words[inputs[:, j]][:, None, :]  # (width, 1, W)
        lo, hi = vals[:, 0::2], vals[:, 1::2]
        vals = (lo & ~sel) | (hi & sel)
    return vals[:, 0]


def packed_forward(net: Netlist, x: ArrayLike) -> NDArray[np.uint64]:
    """Last-layer words ``(width, W)`` for inputs x (bits or fixed-point codes, as the netlist)."""
    words = pack_bits(net.input_bits(x))
    for layer in net.layers:
        words = _layer(words, layer.inputs, layer.tables)
    return words


def predict_packed(
    net: Netlist, x: ArrayLike, chunk: int = 1 << 16
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Class counts ``(N, C)`` and predictions ``(N,)`` through the bit-parallel path."""
    a = np.asarray(x)
    counts = []
    for i in range(0, a.shape[0], chunk):
        part = a[i : i + chunk]
        last = unpack_bits(packed_forward(net, part), part.shape[0])
        counts.append(last.reshape(part.shape[0], net.n_classes, net.group).sum(-1))
    c = np.concatenate(counts).astype(np.int64) if counts else np.zeros((0, net.n_classes), np.int64)
    return c, c.argmax(1) if len(c) else np.zeros(0, np.int64)
