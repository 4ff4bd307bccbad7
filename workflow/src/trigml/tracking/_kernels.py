"""Compiled loops of the hit selection and the graph construction (numba; cached next to this file
after the first call).

Floating-point arithmetic is written out operation by operation as numpy evaluates the same
expressions in ``graph`` / ``filtering`` (same dtypes: the table's float32 or float64, the cut values
rounded to it by the caller as numpy rounds a Python float; no fastmath, hence no fused
multiply-add), so every result is bit-identical to the numpy expressions. ``error_model="numpy"``:
a division by zero gives inf / NaN as in numpy instead of raising.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from trigml.hashing import factorize, find, table

# --------------------------------------------------------------------------------------------
# hit selection
# --------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def select_pixel_hits(
    volume: np.ndarray, layer_id: np.ndarray, layer_lut: np.ndarray, hit_row: np.ndarray, aligned: bool,
    truth_pid: np.ndarray, p_id: np.ndarray, chosen: np.ndarray, x: np.ndarray, y: np.ndarray, r_all: np.ndarray,
    use_r_all: bool, hit_id: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, int]:  # fmt: skip
    """Pixel hits (``layer_lut[volume, layer_id]`` >= 0) of the ``chosen`` particles (rows of the
    particles table, in ascending id order), one per (particle, layer): the smallest
    r = sqrt(x * x + y * y) (numpy's dtypes; ``r_all`` per hit instead when ``use_r_all``; else
    ``r_all`` is an empty array of r's dtype), ties the smallest hit id.

    ``hit_row``: truth row of each hit, -1 for none (unused when ``aligned``: the row is the hit's
    position). Returns (hit position, layer, r, truth row, particle row) of the kept hits in
    (particle id, layer) order, the number of pixel hits without a truth row and the number of
    pixel signal hits whose particle is absent from the particles table."""
    n_layers = 0
    for v in range(layer_lut.shape[0]):
        for w in range(layer_lut.shape[1]):
            n_layers = max(n_layers, layer_lut[v, w] + 1)
    keys, vals, shift, mask = table(len(p_id))
    for k in range(len(p_id)):
        h = find(keys, vals, shift, mask, p_id[k])
        keys[h] = p_id[k]
        vals[h] = k
    rank = np.full(len(p_id), -1, np.int64)
    for k in range(len(chosen)):
        rank[chosen[k]] = k
    n_slots = len(chosen) * n_layers
    best = np.full(n_slots, -1, np.int64)
    best_r = np.empty(n_slots, r_all.dtype)
    no_row, unknown = 0, 0
    n_vol, n_lay = layer_lut.shape
    for i in range(len(volume)):
        v, lid = volume[i], layer_id[i]
        if v < 0 or v >= n_vol or lid < 0 or lid >= n_lay or layer_lut[v, lid] < 0:
            continue
        row = i if aligned else hit_row[i]
        if row < 0:
            no_row += 1
            continue
        pid = truth_pid[row]
        if pid == 0:
            continue
        h = find(keys, vals, shift, mask, pid)
        if vals[h] < 0:
            unknown += 1
            continue
        p = rank[vals[h]]
        if p < 0:
            continue
        r = r_all[i] if use_r_all else np.sqrt(x[i] * x[i] + y[i] * y[i])
        slot = p * n_layers + layer_lut[v, lid]
        b = best[slot]
        if b < 0 or r < best_r[slot] or (r == best_r[slot] and hit_id[i] < hit_id[b]):
            best[slot] = i
            best_r[slot] = r
    n = 0
    for s in range(n_slots):
        n += best[s] >= 0
    pos = np.empty(n, np.int64)
    layer = np.empty(n, np.int64)
    radius = np.empty(n, r_all.dtype)
    rows = np.empty(n, np.int64)
    prow = np.empty(n, np.int64)
    n = 0
    for s in range(n_slots):
        if best[s] >= 0:
            pos[n] = best[s]
            layer[n] = s % n_layers
            radius[n] = best_r[s]
            rows[n] = best[s] if aligned else hit_row[best[s]]
            prow[n] = chosen[s // n_layers]
            n += 1
    return pos, layer, radius, rows, prow, no_row, unknown


# --------------------------------------------------------------------------------------------
# graph: true segments
# --------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def consecutive(
    pid: np.ndarray, dist: np.ndarray, layer: np.ndarray, allowed: np.ndarray
) -> tuple[np.ndarray, int, np.ndarray, int]:
    """Per node the next hit of its particle (hits ordered by ``dist``, ties by position, as a
    stable sort) when the two layers form an ``allowed`` pair, else -1; the number of such pairs;
    the particle code of each node and the number of particles."""
    n = len(pid)
    code, uniques, _ = factorize(pid)
    k = len(uniques)
    start = np.zeros(k + 1, np.int64)
    for i in range(n):
        start[code[i] + 1] += 1
    for c in range(k):
        start[c + 1] += start[c]
    fill = start[:-1].copy()
    member = np.empty(n, np.int64)
    for i in range(n):
        member[fill[code[i]]] = i
        fill[code[i]] += 1
    next_hit = np.full(n, -1, np.int64)
    n_true = 0
    for c in range(k):
        a, b = start[c], start[c + 1]
        if b - a > 32:  # a large group (e.g. noise hits): a stable sort
            group = member[a:b].copy()
            member[a:b] = group[np.argsort(dist[group], kind="mergesort")]
        else:  # insertion sort, stable
            for q in range(a + 1, b):
                m = member[q]
                d = dist[m]
                s = q
                while s > a and dist[member[s - 1]] > d:
                    member[s] = member[s - 1]
                    s -= 1
                member[s] = m
        for q in range(a, b - 1):
            u, w = member[q], member[q + 1]
            if allowed[layer[u], layer[w]]:
                next_hit[u] = w
                n_true += 1
    return next_hit, n_true, code, k


# --------------------------------------------------------------------------------------------
# graph: the window search, the cuts, features and labels
# --------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _first(phi: np.ndarray, a: int, b: int, v: float, strict: bool) -> int:
    """First position p in [a, b) (phi ascending) with phi[p] >= v (``strict``: > v), b if none;
    compared in float64, by bisection."""
    while a < b:
        m = (a + b) >> 1
        x = np.float64(phi[m])
        if x < v or (strict and x == v):
            a = m + 1
        else:
            b = m
    return a


@njit(cache=True, nogil=True)
def _first_near(phi: np.ndarray, a: int, b: int, v: float, strict: bool, h: int) -> int:
    """:func:`_first`, galloping outward from the guess ``h`` (the previous inner hit's answer:
    inner hits come in phi order, so the windows move little from one to the next)."""
    h = min(max(h, a), b)
    if h < b and (np.float64(phi[h]) < v or (strict and np.float64(phi[h]) == v)):  # the answer is after h
        lo, step = h + 1, 1
        while lo + step <= b:
            x = np.float64(phi[lo + step - 1])
            if not (x < v or (strict and x == v)):
                break
            lo += step
            step *= 2
        return _first(phi, lo, min(lo + step - 1, b), v, strict)
    hi, step = h, 1  # the answer is at or before h
    while hi - step >= a:
        x = np.float64(phi[hi - step])
        if x < v or (strict and x == v):
            break
        hi -= step
        step *= 2
    return _first(phi, max(hi - step + 1, a), hi, v, strict)


@njit(cache=True, nogil=True, error_model="numpy")
def _outer_r_range(
    r1: float, z1: float, rmin: float, rmax: float, zmin: float, zmax: float, disk: bool, r_cross: float,
    z0_max: float, half_length: float,
) -> tuple[float, float]:  # fmt: skip
    """The r interval of the outer layer that a line with |z0| < z0_max through the inner hit
    (r1, z1) can reach (all in float64; ``rmin``.. ``zmax``: the outer layer's extent, ``disk``:
    whether it is a disk, ``r_cross``: the pair's barrel-crossing radius or NaN).

    On a barrel layer this is the layer's r range. On a disk (all hits on one side, at |z| in
    [zlo, zhi]) the line through (0, z0) and (r1, z1) meets it at r2 = r1 (z2 - z0) / (z1 - z0),
    which grows with z0 and z2 when the disk lies beyond the inner hit, hence
    r2 in [r1 (zlo + z0_max) / (z1 + z0_max), r1 (zhi - z0_max) / (z1 - z0_max)] (the upper end
    unbounded when |z1| <= z0_max, empty when the line cannot reach the disk). For the pairs with
    the barrel-crossing cut the line must pass |z| >= half_length at r_cross, i.e.
    z0 <= (z1 r_cross - half_length r1) / (r_cross - r1), which bounds r2 from above. The bounds
    are widened by 1e-4 relative so that rounding (float32 cuts included) never loses a pair, and
    a bound that comes out NaN is dropped; the exact cut comes later."""
    rlo, rhi = rmin * (1 - 1e-4), rmax * (1 + 1e-4)
    side = 1.0 if zmin > 0 else -1.0
    disk = disk and (zmin > 0 or zmax < 0)
    zs = side * z1
    zlo, zhi = (zmin, zmax) if side > 0 else (-zmax, -zmin)
    if not (disk and zs < zlo):  # the monotonic bounds hold for inner hits in front of the disk
        return rlo, rhi
    z0_up = z0_max
    if r1 < r_cross and zs < half_length:  # False where r_cross is NaN
        cap = (zs * r_cross - half_length * r1) / (r_cross - r1)
        z0_up = min(z0_max, cap + 1e-4 * (1 + abs(cap)))
    lo = r1 * (zlo + z0_max) / (zs + z0_max) * (1 - 1e-4)
    hi = r1 * (zhi - z0_up) / (zs - z0_up) * (1 + 1e-4) if zs > z0_up else np.inf
    if z0_up <= -z0_max:
        return rlo, -np.inf
    return (lo if lo > rlo else rlo), (hi if hi < rhi else rhi)


@njit(cache=True, nogil=True, error_model="numpy")
def _cut_range(
    keep: np.ndarray, r: np.ndarray, phi: np.ndarray, z: np.ndarray, ja: int, jb: int, r1: float, phi1: float,
    z1: float, slope: float, z0_max: float, half_length: float, rc: float, crossing: bool, pi_t: float,
    two_pi_t: float,
) -> None:  # fmt: skip
    """keep[q] for the candidates j = ja + q < jb of one inner hit: ``graph._cuts`` in the
    coordinates' dtype, every operand as numpy's (no branch: the loop vectorizes)."""
    for j in range(ja, jb):
        dphi = phi[j] - phi1
        dphi = dphi - two_pi_t if dphi >= pi_t else dphi
        dphi = dphi + two_pi_t if dphi < -pi_t else dphi
        dr = r[j] - r1
        dz = z[j] - z1
        z0 = z1 - (r1 * dz) / dr
        ok = (abs(dphi / dr) < slope) & (abs(z0) < z0_max)
        if crossing:
            ok &= abs((rc * dz) / dr + z0) >= half_length
        keep[j - ja] = ok


@njit(cache=True, nogil=True, error_model="numpy")
def _windows(
    r: np.ndarray, phi: np.ndarray, z: np.ndarray, a0: int, a1: int, b0: int, b1: int, disk: bool, r_cross: float,
    window: np.ndarray, ranges: np.ndarray,
) -> int:  # fmt: skip
    """Pass 1 of :func:`window_graph` for one layer pair (inner hits a0..a1, outer b0..b1): per inner
    hit the three ranges of the phi-sorted outer layer (``ranges[i - a0]``); the candidate count."""
    slope64, z0_max64, half_length64, full_ring = window[0], window[1], window[2], window[3]
    rmin, rmax, zmin, zmax = np.inf, -np.inf, np.inf, -np.inf
    for j in range(b0, b1):
        rmin, rmax = min(rmin, np.float64(r[j])), max(rmax, np.float64(r[j]))
        zmin, zmax = min(zmin, np.float64(z[j])), max(zmax, np.float64(z[j]))
    e0, m0, m1, t0 = b0, b0, b0, b0
    n_cand = 0
    for i in range(a0, a1):  # the windows: three ranges of the outer layer per inner hit
        r164, phi164 = np.float64(r[i]), np.float64(phi[i])
        r_lo, r_hi = _outer_r_range(r164, np.float64(z[i]), rmin, rmax, zmin, zmax, disk, r_cross, z0_max64,
                                    half_length64)  # fmt: skip
        w = ranges[i - a0]
        if not (r_lo <= r_hi):
            w[:] = b0
            continue
        half = slope64 * max(abs(r_hi - r164), abs(r164 - r_lo)) * (1 + 1e-5) + 1e-6
        if half >= full_ring:
            w[0], w[1], w[2], w[3], w[4], w[5] = b0, b1, b1, b1, b1, b1
            n_cand += b1 - b0
            continue
        lo, hi = phi164 - half, phi164 + half
        e0 = _first_near(phi, b0, b1, hi - 2 * np.pi, True, e0)
        m0 = _first_near(phi, e0, b1, lo, False, m0)
        m1 = _first_near(phi, m0, b1, hi, True, m1)
        t0 = _first_near(phi, m1, b1, lo + 2 * np.pi, False, t0)
        w[0], w[1], w[2], w[3], w[4], w[5] = b0, e0, m0, m1, t0, b1
        n_cand += (e0 - b0) + (m1 - m0) + (b1 - t0)
    return n_cand


@njit(cache=True, nogil=True, error_model="numpy")
def _cut_pair(
    r: np.ndarray, phi: np.ndarray, z: np.ndarray, a0: int, a1: int, ranges: np.ndarray, keep: np.ndarray,
    scratch: np.ndarray, n: int, counts: np.ndarray, cut_t: np.ndarray, rc: float, crossing: bool,
) -> int:  # fmt: skip
    """The cuts on one layer pair's candidates: the kept targets appended to ``scratch`` from ``n``,
    their number per inner hit in ``counts``; returns the new end of ``scratch``."""
    slope, z0_max, half_length, pi_t, two_pi_t = cut_t[0], cut_t[1], cut_t[2], cut_t[3], cut_t[4]
    for i in range(a0, a1):
        r1, phi1, z1 = r[i], phi[i], z[i]
        n_entry = n
        for q in range(3):
            ja, jb = ranges[i - a0, 2 * q], ranges[i - a0, 2 * q + 1]
            if ja == jb:  # (most wrap-around ranges: skipping them is ~1/3 of the pass at 1 GeV)
                continue
            _cut_range(keep, r, phi, z, ja, jb, r1, phi1, z1, slope, z0_max, half_length, rc, crossing, pi_t,
                       two_pi_t)  # fmt: skip
            for j in range(ja, jb):
                scratch[n] = j
                n += keep[j - ja]
        counts[i - a0] = n - n_entry
    return n


@njit(cache=True, nogil=True, error_model="numpy")
def _edge_arrays(
    r: np.ndarray, phi: np.ndarray, z: np.ndarray, eta: np.ndarray, pcode: np.ndarray, next_hit: np.ndarray,
    bounds: np.ndarray, pairs: np.ndarray, entry0: np.ndarray, counts: np.ndarray, scratch: np.ndarray, n: int,
    scale: np.ndarray, cut_t: np.ndarray, consecutive: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:  # fmt: skip
    """Pass 2 of :func:`window_graph`: edge_index, edge_attr and y of the ``n`` kept edges, and the
    number of segment edges."""
    pi_t, two_pi_t = cut_t[3], cut_t[4]
    edge_index = np.empty((2, n), np.int64)
    attr = np.empty((n, 4), np.float32)
    y = np.empty(n, np.float32)
    n_segment = 0
    s0, s1, s2 = scale[0], scale[1], scale[2]
    e = 0
    for k in range(len(pairs)):
        a0 = bounds[pairs[k, 0]]
        for q in range(entry0[k], entry0[k + 1]):
            i = a0 + q - entry0[k]
            r1, phi1, z1, eta1, code1, next1 = r[i], phi[i], z[i], eta[i], pcode[i], next_hit[i]
            for _ in range(counts[q]):
                j = np.int64(scratch[e])
                edge_index[0, e] = i
                edge_index[1, e] = j
                dphi = phi[j] - phi1
                dphi = dphi - two_pi_t if dphi >= pi_t else dphi
                dphi = dphi + two_pi_t if dphi < -pi_t else dphi
                dr = r[j] - r1
                dz = z[j] - z1
                attr[e, 0] = np.float32(np.float64(dr) / s0)
                attr[e, 1] = np.float32(np.float64(dphi) / s1)
                attr[e, 2] = np.float32(np.float64(dz) / s2)
                deta = eta[j] - eta1
                dphi2 = dphi * dphi
                attr[e, 3] = np.float32(np.sqrt(deta * deta + np.float64(dphi2)))
                segment = next1 == j
                n_segment += segment
                y[e] = np.float32(segment if consecutive else code1 == pcode[j])
                e += 1
    return edge_index, attr, y, n_segment


@njit(cache=True, nogil=True, error_model="numpy")
def _dezoort_fix(
    y: np.ndarray, edge_index: np.ndarray, z: np.ndarray, pcode: np.ndarray, n_particles: int,
    per_pair: np.ndarray, disk_pair: np.ndarray,
) -> None:  # fmt: skip
    """The authors' label fix (``graph._replaced``), in place, over their barrel -> first-disk pairs in
    order: of a particle's true edges there, only the one from the largest |z| stays true."""
    running = np.zeros(n_particles, np.float64)
    last = np.full(n_particles, -1, np.int64)
    stop = 0
    for k in range(len(per_pair)):
        start, stop = stop, stop + per_pair[k]
        if not disk_pair[k]:
            continue
        for e in range(start, stop):
            if y[e] == 0.0:
                continue
            p = pcode[edge_index[0, e]]
            v = np.float64(abs(z[edge_index[0, e]]))
            if v > running[p]:
                if last[p] >= 0:
                    y[last[p]] = 0.0
                last[p] = e
                running[p] = v


@njit(cache=True, nogil=True, error_model="numpy")
def window_graph(
    r: np.ndarray, phi: np.ndarray, z: np.ndarray, eta: np.ndarray, pcode: np.ndarray, n_particles: int,
    next_hit: np.ndarray, bounds: np.ndarray, pairs: np.ndarray, r_cross: np.ndarray, disk_pair: np.ndarray,
    cut_t: np.ndarray, window: np.ndarray, scale: np.ndarray, consecutive: bool, scratch: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, np.ndarray, np.ndarray]:  # fmt: skip
    """The window search of ``graph`` and each edge's features and label.

    Nodes in canonical order (``bounds``: first node of each layer); ``pairs`` (inner, outer layer),
    ``r_cross`` (float64, NaN: no crossing cut) and ``disk_pair`` (a barrel -> first-disk pair of the
    authors' label fix) per layer pair. ``cut_t``: (phi_slope_max, z0_max, barrel half-length, pi,
    2 pi, crossing radius per pair...) in the coordinates' dtype, as numpy rounds the Python floats;
    ``window``: (phi_slope_max, z0_max, barrel half-length, full ring) in float64.

    Pass 1, per layer pair and inner hit: the r range of the outer layer a line with |z0| < z0_max
    can reach (:func:`_outer_r_range`), hence the phi window; up to three ranges of the phi-sorted
    outer layer in target order (the part across phi = +-pi at the start, the window, the part
    across phi = +-pi at the end; the whole layer for a window ``full ring`` wide); the cuts of
    ``graph._cuts`` on every candidate, vectorized (:func:`_cut_range`); the kept targets into
    ``scratch`` (int32; grown when full and returned, so that the caller can keep it for the next
    event). Pass 2: the arrays, each edge once: edge_index (2, E) int64, edge_attr (E, 4) float32 as
    ``graph._Edges.add`` computes them, y (E,) float32: same particle (the dezoort fix applied
    after) or, when ``consecutive``, the target is the source's next hit; the number of those
    segment edges and the number of edges per pair."""
    n_pairs = len(pairs)
    n_entries = 0
    for k in range(n_pairs):
        n_entries += bounds[pairs[k, 0] + 1] - bounds[pairs[k, 0]]
    counts = np.zeros(n_entries, np.int32)  # kept targets per (pair, inner hit) entry
    entry0 = np.zeros(n_pairs + 1, np.int64)
    per_pair = np.zeros(n_pairs, np.int64)
    keep = np.empty(max(np.max(np.diff(bounds)), 1), np.bool_)
    ranges = np.empty((len(keep), 6), np.int64)
    n = 0
    for k in range(n_pairs):
        a0, a1 = bounds[pairs[k, 0]], bounds[pairs[k, 0] + 1]
        b0, b1 = bounds[pairs[k, 1]], bounds[pairs[k, 1] + 1]
        entry0[k + 1] = entry0[k] + (a1 - a0)
        if a0 == a1 or b0 == b1:
            continue
        n_cand = _windows(r, phi, z, a0, a1, b0, b1, pairs[k, 1] >= 4, r_cross[k], window, ranges)
        if n + n_cand > len(scratch):  # room for every candidate of the pair
            grown = np.empty(max(2 * len(scratch), n + n_cand), np.int32)
            grown[:n] = scratch[:n]
            scratch = grown
        n_before = n
        n = _cut_pair(r, phi, z, a0, a1, ranges, keep, scratch, n, counts[entry0[k] : entry0[k + 1]], cut_t,
                      cut_t[5 + k], not np.isnan(r_cross[k]))  # fmt: skip
        per_pair[k] = n - n_before
    edge_index, attr, y, n_segment = _edge_arrays(r, phi, z, eta, pcode, next_hit, bounds, pairs, entry0, counts,
                                                  scratch, n, scale, cut_t, consecutive)  # fmt: skip
    if not consecutive:
        _dezoort_fix(y, edge_index, z, pcode, n_particles, per_pair, disk_pair)
    return edge_index, attr, y, n_segment, per_pair, scratch
