"""An int64 hash table for compiled loops (numba): open addressing, linear probing, at most half
full, Fibonacci hashing. Shared by the TrackML score (``trigml.data.trackml._kernels``) and the hit
selection and graph construction (``trigml.tracking._kernels``)."""

from __future__ import annotations

import numpy as np
from numba import njit

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: multiply, keep the top bits


@njit(cache=True, nogil=True)
def table(n: int) -> tuple[np.ndarray, np.ndarray, np.uint64, int]:
    """An empty table for ``n`` keys: (keys, values (-1: empty slot), shift, mask)."""
    bits = 4
    while (1 << bits) < 2 * n:
        bits += 1
    return np.empty(1 << bits, np.int64), np.full(1 << bits, -1, np.int64), np.uint64(64 - bits), (1 << bits) - 1


@njit(cache=True, nogil=True)
def find(keys: np.ndarray, vals: np.ndarray, shift: np.uint64, mask: int, key: int) -> int:
    """The slot of ``key``: where it is, or the empty slot where it would go (``vals`` < 0)."""
    h = np.int64((np.uint64(key) * _GOLDEN) >> shift)
    while vals[h] >= 0 and keys[h] != key:
        h = (h + 1) & mask
    return h


@njit(cache=True, nogil=True)
def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, uniques, counts) of ``values`` (int64): codes 0..k-1 in order of first appearance."""
    keys, vals, shift, mask = table(len(values))
    codes = np.empty(len(values), np.int64)
    uniques = np.empty(len(values), np.int64)
    counts = np.zeros(len(values), np.int64)
    k = 0
    for i in range(len(values)):
        h = find(keys, vals, shift, mask, values[i])
        if vals[h] < 0:
            keys[h] = values[i]
            vals[h] = k
            uniques[k] = values[i]
            k += 1
        codes[i] = vals[h]
        counts[vals[h]] += 1
    return codes, uniques[:k], counts[:k]
