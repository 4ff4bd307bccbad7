"""Compiled loops of the TrackML score (numba; cached next to this file after the first call)."""

from __future__ import annotations

import numpy as np
from numba import njit

from trigml.hashing import factorize

# error codes of :func:`double_majority`
OK, UNKNOWN_HIT, HIT_TWICE, NEGATIVE_WEIGHT = 0, 1, 2, 3


@njit(cache=True, nogil=True)
def double_majority(
    particle: np.ndarray, weight: np.ndarray, hit: np.ndarray, offset: int, track: np.ndarray, min_hits: int
) -> tuple[float, float, int, int]:
    """(scored weight, total weight, error code, index) of the TrackML score.

    ``particle``, ``weight``: per truth hit; ``hit - offset``: truth row of each submitted hit
    (``offset`` 1 for the challenge's hit ids 1..N in order, 0 when rows are given); ``track``: its
    track id. Noise (particle 0) and particles with < ``min_hits`` hits weigh 0. A track scores
    the weight of its majority particle's hits when that particle holds more than half of the
    track's hits and the track more than half of the particle's hits. The candidate comes from a
    Boyer-Moore vote per track (order-free: a strict majority always survives the vote); a second
    pass counts its hits. The error code names the first bad input (a submitted hit absent from
    truth or given twice, a negative weight) and its index; the scores are then 0."""
    n = len(particle)
    seen = np.zeros(n, np.bool_)
    for i in range(len(hit)):
        r = hit[i] - offset
        if r < 0 or r >= n:
            return 0.0, 0.0, UNKNOWN_HIT, i
        if seen[r]:
            return 0.0, 0.0, HIT_TWICE, i
        seen[r] = True
    pcode, pids, p_n = factorize(particle)
    weighted = (pids != 0) & (p_n >= min_hits)
    total = 0.0
    for i in range(n):
        if weight[i] < 0:
            return 0.0, 0.0, NEGATIVE_WEIGHT, i
        total += weight[i] * weighted[pcode[i]]
    # track codes: the ids minus their minimum when dense (as track ids usually are), else hashed
    lo, hi = 0, -1
    if len(track):
        lo, hi = track.min(), track.max()
    if hi - lo < 4 * len(track) + 1024:
        tcode = track - lo
        n_tracks = hi - lo + 1
    else:
        tcode, uniques, _ = factorize(track)
        n_tracks = len(uniques)
    # per track: candidate, votes, hits, candidate's hits (one row: one cache line per track)
    state = np.zeros((n_tracks, 4), np.int64)
    for i in range(len(hit)):
        t = tcode[i]
        p = pcode[hit[i] - offset]
        c = state[t, 0]
        v = state[t, 1]
        empty = v == 0
        state[t, 0] = p if empty else c
        state[t, 1] = v + 1 if (empty or c == p) else v - 1
        state[t, 2] += 1
    major_w = np.zeros(n_tracks, np.float64)
    for i in range(len(hit)):
        t = tcode[i]
        r = hit[i] - offset
        same = pcode[r] == state[t, 0]
        state[t, 3] += same
        major_w[t] += weight[r] * same
    scored = 0.0
    for t in range(n_tracks):
        m = state[t, 3]
        p = state[t, 0]
        if 2 * m > state[t, 2] and 2 * m > p_n[p] and weighted[p]:
            scored += major_w[t]
    return scored, total, OK, 0
