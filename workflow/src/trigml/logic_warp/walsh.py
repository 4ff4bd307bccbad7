"""Walsh (Fourier) form of a k-input logic node and its truth table.

Convention (the same as torchlogix 0.1.1): a node reads inputs ``x_0 .. x_{k-1}`` in {0, 1}, maps
them to spins ``s_i = 1 - 2 x_i`` and computes ``z = sum_S c_S prod_{i in S} s_i``. The coefficient
index ``S`` and the truth-table row ``j`` are k-bit integers whose most significant bit is input 0
(``j = x_0 2^{k-1} + ... + x_{k-1}``). The discrete output of the node is ``[z < 0]``, so the truth
table is ``WHT(c) < 0`` where ``WHT(c)_j = sum_S c_S (-1)^{popcount(S & j)}`` (Sylvester Hadamard
matrix); the inverse maps a truth table ``t`` to ``c = H (1 - 2 t) / 2^k``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "DIFFLOGIC_GATES",
    "difflogic_truth_table",
    "difflogic_walsh",
    "hadamard",
    "row_index",
    "truth_table_to_walsh",
    "walsh_to_truth_table",
    "walsh_value",
]

# difflogic's 16 two-input gates in its own order (Petersen et al. 2022, table 1); the truth table
# of gate g lists rows (x0, x1) = 00, 01, 10, 11 and is the 4-bit binary expansion of g, MSB = row 00.
DIFFLOGIC_GATES = (
    "false", "and", "a_and_not_b", "a", "not_a_and_b", "b", "xor", "or",
    "nor", "xnor", "not_b", "b_implies_a", "not_a", "a_implies_b", "nand", "true",
)  # fmt: skip


@lru_cache(maxsize=8)
def _hadamard(k: int) -> NDArray[np.int64]:
    j = np.arange(1 << k)
    bits = np.bitwise_and.outer(j, j)
    pop = np.zeros_like(bits)
    for b in range(k):
        pop += (bits >> b) & 1
    h = np.where(pop % 2 == 0, 1, -1).astype(np.int64)
    h.setflags(write=False)
    return h


def hadamard(k: int) -> NDArray[np.int64]:
    """The 2^k x 2^k Sylvester Hadamard matrix, ``H[S, j] = (-1)^{popcount(S & j)}``."""
    if not isinstance(k, int | np.integer) or k < 1 or k > 12:
        raise ValueError(f"lut rank k must be an integer in [1, 12], got {k!r}")
    return _hadamard(int(k))


def _rank(n_entries: int, what: str) -> int:
    k = int(n_entries).bit_length() - 1
    if n_entries < 2 or (1 << k) != n_entries:
        raise ValueError(f"{what}: last dimension must be a power of two >= 2, got {n_entries}")
    return k


def walsh_value(coefficients: ArrayLike) -> NDArray[np.float64]:
    """``z_j`` of every truth-table row for Walsh coefficients ``(..., 2^k)`` -> ``(..., 2^k)``."""
    c = np.asarray(coefficients, dtype=np.float64)
    k = _rank(c.shape[-1], "Walsh coefficients")
    return c @ hadamard(k)


def walsh_to_truth_table(coefficients: ArrayLike) -> NDArray[np.bool_]:
    """Truth tables ``(..., 2^k)`` (row j as in the module docstring) of Walsh nodes ``(..., 2^k)``."""
    return walsh_value(coefficients) < 0


def truth_table_to_walsh(table: ArrayLike) -> NDArray[np.float64]:
    """Walsh coefficients ``(..., 2^k)`` of truth tables ``(..., 2^k)`` in {0, 1}; exact inverse of
    :func:`walsh_to_truth_table` (``z_j = +1`` for rows that output 0, ``-1`` for rows that output 1)."""
    t = np.asarray(table)
    if t.dtype != np.bool_:
        if not np.all((t == 0) | (t == 1)):
            raise ValueError("truth table entries must be 0 or 1")
        t = t.astype(bool)
    k = _rank(t.shape[-1], "truth table")
    spins = 1.0 - 2.0 * t
    return spins @ hadamard(k) / (1 << k)


def row_index(bits: ArrayLike) -> NDArray[np.int64]:
    """Truth-table row of input bits ``(..., k)`` (input 0 = most significant bit)."""
    b = np.asarray(bits).astype(np.int64)
    k = b.shape[-1]
    return (b << np.arange(k - 1, -1, -1)).sum(-1)


def difflogic_truth_table(gate: int) -> NDArray[np.bool_]:
    """Truth table (rows 00, 01, 10, 11 of (x0, x1)) of difflogic gate ``gate`` in 0..15."""
    if not 0 <= int(gate) < 16:
        raise ValueError(f"difflogic gate id must be in 0..15, got {gate}")
    return np.array([(int(gate) >> (3 - j)) & 1 for j in range(4)], dtype=bool)


def difflogic_walsh(gate: int) -> NDArray[np.float64]:
    """The 4 Walsh coefficients of difflogic gate ``gate`` (exact: entries in {0, +-1/2, +-1})."""
    return truth_table_to_walsh(difflogic_truth_table(gate))
