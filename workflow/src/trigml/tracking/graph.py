"""Geometric graph construction (DeZoort et al. 2021, section 3.1), fast and exact.

Nodes are the filtered hits of one event (``filtering.select_hits``), in that order: by layer,
then phi, then hit_id (the *canonical* order; a table in another order keeps its own row order
as node order and gives the same graph up to that relabelling). Directed edges join a hit on the
inner layer to a hit on the outer layer of each of the 23 layer pairs of ``geometry.LAYER_PAIRS``
when (the authors' expressions, evaluated in their order so that the edges are bit-identical)

* ``|dphi / dr| < phi_slope_max``  (dphi folded into [-pi, pi), dr = r_out - r_in, in 1/mm);
* ``|z0| < z0_max`` with ``z0 = z_in - r_in * dz / dr`` the straight line's z at r = 0 [mm];
* for barrel layer 0 (1) -> first disk: the straight line does not cross barrel layer 1 (2)
  inside its half-length, ``|r_c * dz / dr + z0| >= 490.975 mm`` with r_c that layer's radius.

A pair with dr = 0 fails the cuts (its slope is undefined).

Edges come layer pair by layer pair (``LAYER_PAIRS`` order, the authors' concatenation of the
barrel -> first-disk pairs included), within a pair sorted by (source, target) for a canonical
table. Two builders give this identical edge list (a test checks both against a third,
brute-force one): ``method="window"`` looks, for every inner hit, only at the phi window
``|dphi| <= phi_slope_max * max|dr|`` that the first cut allows; the outer layer is already
sorted by phi, so the window is found with ``np.searchsorted`` on the layer's phi extended by
+-2 pi (a window across phi = +-pi is split in two ranges, taken in target order). The candidate
pairs are expanded and cut in blocks of :data:`BLOCK` pairs whose temporaries stay in the CPU
cache, and each block's kept edges get their features and labels at once; no Python loop runs
over hits. ``method="allpairs"`` is the paper's own method (every hit of the inner layer against
every hit of the outer layer, then the cuts) for the tests and the benchmark.

Features (all float32): ``x = (r / 1000, phi / pi, z / 1000)``, i.e. r and z in metres and phi
in units of pi (``geometry.FEATURE_SCALE``); ``edge_attr = (dr / 1000, dphi / pi, dz / 1000,
dR)`` with ``dR = sqrt(deta^2 + dphi^2)`` (eta of the hit positions, dphi in rad).

Labels (``labels``):

* ``"dezoort"`` (the authors' ``construct_graph``): ``y = 1`` for every edge whose two hits belong
  to the same particle; then, per particle, among its true barrel -> first-disk edges taken in the
  authors' order (layer pairs to disk 4 then to disk 11, inner barrel layer ascending), an edge
  that raises the running maximum of the inner hit's ``|z|`` replaces the previous such edge,
  which is set to 0 (their "triangle edge pattern" fix, order-dependent exactly as in their loop);
* ``"consecutive"`` (trigml's own): ``y = 1`` only for an edge between two consecutive hits of a
  particle (its hits ordered by distance from the origin).

``n_true_segments`` counts the consecutive pairs whose layers form one of the 23 pairs and
``n_segment_edges`` the edges that are such a pair: their ratio is the edge efficiency whichever
labels are used.

Files (:meth:`Graph.save`): an uncompressed .npz of every field, with ``edge_index`` stored as
int32 and ``y`` as uint8 when they fit (a third fewer bytes to write at 0.5 GeV);
:func:`load_graph` gives them back as int64 and float32.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from trigml.files import atomic_path

from .geometry import (
    BARREL_HALF_LENGTH_MM,
    CROSSING_RADIUS_MM,
    FEATURE_SCALE,
    FIRST_DISK_NEG,
    FIRST_DISK_POS,
    LAYER_PAIRS,
    N_LAYERS,
    wrap_phi,
)

__all__ = [
    "Graph",
    "build_graph",
    "dezoort_labels",
    "find_segments",
    "segment_mask",
    "true_segments",
    "load_graph",
]

#: Candidate pairs expanded and cut at a time: 2^16 float64 temporaries (512 kB each) stay in the
#: CPU cache, where numpy's element-wise passes run several times faster than over whole arrays.
BLOCK = 1 << 16
_TWO_PI = 2 * np.pi


@dataclass
class Graph:
    """One event's graph; ``save`` / ``load_graph`` use an .npz with exactly these arrays.

    Shapes:
        x (n, 3) float32, edge_index (2, E) int64 (row 0 inner hit = source, row 1 outer = target),
        edge_attr (E, 4) float32, y (E,) float32, hit_id / particle_id / layer (n,) int64,
        pt / eta / weight (n,) float32 (particle pT [GeV], particle eta, TrackML hit weight),
        feature_scale (3,) float64, n_true_segments () int64, n_segment_edges () int64,
        pt_min () float64.
    """

    x: np.ndarray
    edge_index: np.ndarray
    edge_attr: np.ndarray
    y: np.ndarray
    hit_id: np.ndarray
    particle_id: np.ndarray
    layer: np.ndarray
    pt: np.ndarray
    eta: np.ndarray
    weight: np.ndarray
    feature_scale: np.ndarray
    n_true_segments: np.ndarray
    n_segment_edges: np.ndarray
    pt_min: np.ndarray

    @property
    def num_nodes(self) -> int:
        return int(self.x.shape[0])

    @property
    def num_edges(self) -> int:
        return int(self.edge_index.shape[1])

    def rphiz(self) -> np.ndarray:
        """Hit coordinates (r [mm], phi [rad], z [mm]) recovered from ``x``."""
        return self.x.astype(np.float64) * self.feature_scale

    def save(self, path: str | Path) -> None:
        """Uncompressed .npz of every field (``make bench`` measured it against compressed .npz,
        HDF5 and pickle): node indices as int32 below 2^31 nodes, 0/1 labels as uint8."""
        arrays = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.num_nodes < 2**31:
            arrays["edge_index"] = self.edge_index.astype(np.int32)
        if np.isin(self.y, (0.0, 1.0)).all():
            arrays["y"] = self.y.astype(np.uint8)
        with atomic_path(path) as tmp:
            _write_npz(tmp, arrays)


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An uncompressed .npz (what ``np.savez`` writes), each array streamed from its own memory
    into the zip entry instead of through a copy per array."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name, value in arrays.items():
            value = np.asarray(value)
            if not value.flags.c_contiguous:
                value = value.copy(order="C")  # (np.ascontiguousarray would turn 0-d into 1-d)
            with zf.open(f"{name}.npy", "w", force_zip64=True) as fh:
                np.lib.format.write_array_header_1_0(fh, np.lib.format.header_data_from_array_1_0(value))
                fh.write(memoryview(value.reshape(-1)).cast("B"))


def load_graph(path: str | Path) -> Graph:
    """Read a graph written by :meth:`Graph.save` (int64 indices, float32 labels); a missing array
    is named in the error."""
    with np.load(path) as npz:
        missing = [f.name for f in fields(Graph) if f.name not in npz.files]
        if missing:
            raise KeyError(f"{path}: graph file lacks array(s) {', '.join(missing)}")
        arrays = {f.name: npz[f.name] for f in fields(Graph)}
    arrays["edge_index"] = arrays["edge_index"].astype(np.int64, copy=False)
    arrays["y"] = arrays["y"].astype(np.float32, copy=False)
    return Graph(**arrays)


# --------------------------------------------------------------------------------------------
# the cuts
# --------------------------------------------------------------------------------------------


def _slope_z0(
    r1: np.ndarray, z1: np.ndarray, dr: np.ndarray, dphi: np.ndarray, dz: np.ndarray, *, phi_slope_max: float,
    z0_max: float,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The phi-slope and z0 cuts (mask) and z0, in the authors' evaluation order (``z0 = z1 - r1 *
    dz / dr`` is ``z1 - (r1 * dz) / dr``) and in the arrays' precision (float32 for challenge
    files, as their pandas columns; the cut values are rounded to it as a Python float would be)."""
    phi_slope_max, z0_max = float(phi_slope_max), float(z0_max)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = dphi / dr
        np.abs(t, out=t)
        keep = t < phi_slope_max
        z0 = r1 * dz
        z0 /= dr
        np.subtract(z1, z0, out=z0)
        np.abs(z0, out=t)
        keep &= t < z0_max
    return keep, z0


def _not_crossing(r_c: float, dr: np.ndarray, dz: np.ndarray, z0: np.ndarray) -> np.ndarray:
    """The barrel-crossing cut: the line's |z| at radius ``r_c`` (``r_c * dz / dr + z0``) is at
    least the barrel half-length."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t = float(r_c) * dz
        t /= dr
        t += z0
        np.abs(t, out=t)
    return t >= BARREL_HALF_LENGTH_MM


def _cuts(
    r1: np.ndarray,
    z1: np.ndarray,
    dr: np.ndarray,
    dphi: np.ndarray,
    dz: np.ndarray,
    *,
    pair: tuple[int, int],
    phi_slope_max: float,
    z0_max: float,
) -> np.ndarray:
    """The edge cuts given the inner hit's r, z and the differences (outer - inner)."""
    keep, z0 = _slope_z0(r1, z1, dr, dphi, dz, phi_slope_max=phi_slope_max, z0_max=z0_max)
    r_c = CROSSING_RADIUS_MM.get(pair)
    if r_c is not None:
        keep &= _not_crossing(r_c, dr, dz, z0)
    return keep


def segment_mask(
    r1: np.ndarray,
    phi1: np.ndarray,
    z1: np.ndarray,
    r2: np.ndarray,
    phi2: np.ndarray,
    z2: np.ndarray,
    *,
    pair: tuple[int, int],
    phi_slope_max: float,
    z0_max: float,
) -> np.ndarray:
    """The edge cuts on candidate pairs (arrays of equal length): True where an edge is kept."""
    return _cuts(
        r1, z1, r2 - r1, wrap_phi(phi2 - phi1), z2 - z1, pair=pair, phi_slope_max=phi_slope_max, z0_max=z0_max
    )


# --------------------------------------------------------------------------------------------
# the nodes
# --------------------------------------------------------------------------------------------

_PAIRS = np.array(LAYER_PAIRS, np.int64)
#: Radius of the barrel layer a barrel -> first-disk edge must not cross, per pair (NaN: no cut).
_R_CROSS = np.array([CROSSING_RADIUS_MM.get(p, np.nan) for p in LAYER_PAIRS])
_CROSS_PAIRS = [k for k, p in enumerate(LAYER_PAIRS) if p in CROSSING_RADIUS_MM]
#: Offset of each pair's tripled phi in the one sorted search key (larger than the 6 pi span).
_KEY_STEP = 20.0
#: A window at least this wide [rad] takes the whole outer layer (dphi then folded per pair).
_FULL_RING = 3.0


@dataclass(frozen=True)
class _Nodes:
    """The hits in canonical order (layer, phi, hit_id): coordinates, per-node values the edges
    need, the first node of each layer, and ``perm`` (canonical position -> table row, None when
    the table is canonical)."""

    r: np.ndarray
    phi: np.ndarray
    z: np.ndarray
    eta: np.ndarray
    pid: np.ndarray
    next_hit: np.ndarray  # the next hit of the same particle on an allowed layer pair, or -1
    bounds: np.ndarray
    perm: np.ndarray | None

    def layer(self, k: int) -> slice:
        return slice(int(self.bounds[k]), int(self.bounds[k + 1]))


def _is_canonical(layer: np.ndarray, phi: np.ndarray, hit_id: np.ndarray) -> bool:
    dl, dp, dh = np.diff(layer), np.diff(phi), np.diff(hit_id)
    return bool(((dl > 0) | ((dl == 0) & ((dp > 0) | ((dp == 0) & (dh > 0))))).all())


def _consecutive(
    pid: np.ndarray, r: np.ndarray, z: np.ndarray, layer: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a, b) of consecutive hits of one particle (by distance from the origin) whose layers
    form one of the 23 pairs."""
    order = np.lexsort((np.hypot(r.astype(np.float64), z.astype(np.float64)), pid))
    same = pid[order][1:] == pid[order][:-1]
    a, b = order[:-1][same], order[1:][same]
    allowed = np.zeros((N_LAYERS, N_LAYERS), bool)
    allowed[_PAIRS[:, 0], _PAIRS[:, 1]] = True
    ok = allowed[layer[a], layer[b]] if len(a) else np.zeros(0, bool)
    return a[ok].astype(np.int64), b[ok].astype(np.int64)


def _nodes(hits: pd.DataFrame) -> tuple[_Nodes, int]:
    """The canonical view of a hit table and its number of true segments."""
    layer = hits["layer"].to_numpy(np.int64)
    r, phi, z = (hits[c].to_numpy() for c in ("r", "phi", "z"))
    dtype = np.float32 if all(v.dtype == np.float32 for v in (r, phi, z)) else np.float64
    r, phi, z = (v.astype(dtype, copy=False) for v in (r, phi, z))  # the cuts in the table's precision
    hit_id = hits["hit_id"].to_numpy(np.int64)
    pid = hits["particle_id"].to_numpy(np.int64)
    if len(layer) and (layer.min() < 0 or layer.max() >= N_LAYERS):
        raise ValueError(f"hit layer outside 0..{N_LAYERS - 1}")
    perm = None
    if not _is_canonical(layer, phi, hit_id):
        perm = np.lexsort((hit_id, phi, layer))
        layer, r, phi, z, pid = layer[perm], r[perm], phi[perm], z[perm], pid[perm]
    a, b = _consecutive(pid, r, z, layer)
    next_hit = np.full(len(r), -1, np.int64)
    next_hit[a] = b
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = np.arcsinh(z.astype(np.float64) / r)
    bounds = np.searchsorted(layer, np.arange(N_LAYERS + 1))
    return _Nodes(r, phi, z, eta, pid, next_hit, bounds, perm), len(a)


# --------------------------------------------------------------------------------------------
# the search
# --------------------------------------------------------------------------------------------


def _outer_r_range(
    r1: np.ndarray, z1: np.ndarray, *, r2: tuple[np.ndarray, np.ndarray], z2: tuple[np.ndarray, np.ndarray],
    disk: np.ndarray, r_cross: np.ndarray, z0_max: float,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Per inner hit, the r interval of the outer layer that a line with |z0| < z0_max can reach
    (``r2``, ``z2``: the outer layer's (min, max) r and z, ``disk``: whether it is a disk,
    ``r_cross``: the pair's barrel-crossing radius or NaN; all per inner hit).

    On a barrel layer this is the layer's r range. On a disk (all hits on one side, at |z| in
    [zlo, zhi]) the line through (0, z0) and (r1, z1) meets it at r2 = r1 (z2 - z0) / (z1 - z0),
    which grows with z0 and z2 when the disk lies beyond the inner hit, hence
    r2 in [r1 (zlo + z0_max) / (z1 + z0_max), r1 (zhi - z0_max) / (z1 - z0_max)] (the upper end
    unbounded when |z1| <= z0_max, empty when the line cannot reach the disk). For the pairs with
    the barrel-crossing cut (``r_cross`` = radius of the barrel layer in between) the line must
    pass |z| >= 490.975 mm at r_cross, i.e. z0 <= (z1 r_cross - 490.975 r1) / (r_cross - r1),
    which bounds r2 from above for every barrel hit. The bounds are widened by 1e-4 relative so
    that rounding (float32 cuts included) never loses a pair; the exact cut comes later.
    """
    rlo, rhi = r2[0] * (1 - 1e-4), r2[1] * (1 + 1e-4)
    side = np.where(z2[0] > 0, 1.0, -1.0)
    disk = disk & ((z2[0] > 0) | (z2[1] < 0))  # a disk with hits on one side only
    zs = side * z1
    zlo, zhi = np.where(side > 0, z2[0], -z2[1]), np.where(side > 0, z2[1], -z2[0])
    beyond = disk & (zs < zlo)  # the monotonic bounds hold for inner hits in front of the disk
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = (r1 < r_cross) & (zs < BARREL_HALF_LENGTH_MM)  # False where r_cross is NaN
        cap = (zs * r_cross - BARREL_HALF_LENGTH_MM * r1) / (r_cross - r1)
        z0_up = np.where(crossing, np.minimum(z0_max, cap + 1e-4 * (1 + np.abs(cap))), float(z0_max))
        lo = r1 * (zlo + z0_max) / (zs + z0_max) * (1 - 1e-4)
        hi = np.where(zs > z0_up, r1 * (zhi - z0_up) / (zs - z0_up) * (1 + 1e-4), np.inf)
    lo = np.where(beyond, np.maximum(lo, rlo), rlo)
    hi = np.where(beyond, np.minimum(hi, rhi), rhi)
    return lo, np.where(beyond & (z0_up <= -z0_max), -np.inf, hi)


@dataclass(frozen=True)
class _Plan:
    """The candidate pairs of every layer pair, before any is expanded.

    *Entries* are the (layer pair, inner hit) combinations in pair order: inner node, (r, phi, z),
    two windows ``starts``/``counts`` (M, 2) of positions in the *ext* arrays, which hold each
    pair's outer layer three times over in phi order (copy 0 at phi - 2 pi, 1 at phi, 2 at
    phi + 2 pi). A window across phi = +-pi is split at the copy boundary, its parts given in
    target order; ``shifted`` marks entries with a window outside copy 1 and ``full`` those whose
    window is the whole layer (dphi then folded). ``pair_entries``: the first entry of each pair.
    """

    node: np.ndarray
    rpz: tuple[np.ndarray, np.ndarray, np.ndarray]
    starts: np.ndarray
    counts: np.ndarray
    shifted: np.ndarray
    full: np.ndarray
    pair_entries: np.ndarray
    ext_r: np.ndarray
    ext_phi: np.ndarray
    ext_z: np.ndarray
    ext_shift: np.ndarray
    ext_node: np.ndarray


def _layer_extent(values: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(min, max) of ``values`` over each layer's nodes (NaN for an empty layer)."""
    n = len(values)
    if n == 0:
        return np.full(N_LAYERS, np.nan), np.full(N_LAYERS, np.nan)
    at = np.minimum(bounds[:-1], n - 1)
    empty = bounds[:-1] == bounds[1:]
    lo, hi = np.minimum.reduceat(values, at), np.maximum.reduceat(values, at)
    return np.where(empty, np.nan, lo), np.where(empty, np.nan, hi)


def _plan(nodes: _Nodes, *, phi_slope_max: float, z0_max: float) -> _Plan:
    """Entries and windows of all 23 layer pairs at once (no Python loop over pairs or hits)."""
    b, la, lb = nodes.bounds, _PAIRS[:, 0], _PAIRS[:, 1]
    n_in, n_out = b[la + 1] - b[la], b[lb + 1] - b[lb]
    n_in, n_out = np.where(n_out > 0, n_in, 0), np.where(n_in > 0, n_out, 0)
    pair = np.repeat(np.arange(len(_PAIRS)), n_in)
    node = np.arange(len(pair)) - np.repeat(np.cumsum(n_in) - n_in, n_in) + np.repeat(b[la], n_in)
    width = 3 * n_out
    ext_pair = np.repeat(np.arange(len(_PAIRS)), width)
    q = np.arange(len(ext_pair)) - np.repeat(np.cumsum(width) - width, width)
    copy = q // np.maximum(n_out, 1)[ext_pair]
    ext_node = b[lb][ext_pair] + q - copy * n_out[ext_pair]
    ext_shift = (copy - 1) * _TWO_PI
    ext_phi = nodes.phi[ext_node]
    key = (ext_phi + ext_shift) + _KEY_STEP * ext_pair  # float64, sorted: phi-sorted layers, pairs apart
    rpz = nodes.r[node], nodes.phi[node], nodes.z[node]  # the table's precision, for the exact cuts
    r1, phi1, z1 = (v.astype(np.float64) for v in rpz)  # the windows in float64
    (rmin, rmax), (zmin, zmax) = _layer_extent(nodes.r, b), _layer_extent(nodes.z, b)
    o = lb[pair]
    r_lo, r_hi = _outer_r_range(r1, z1, r2=(rmin[o], rmax[o]), z2=(zmin[o], zmax[o]), disk=o >= FIRST_DISK_NEG,
                                r_cross=_R_CROSS[pair], z0_max=z0_max)  # fmt: skip
    reach = r_lo <= r_hi
    half = (
        phi_slope_max * np.where(reach, np.maximum(np.abs(r_hi - r1), np.abs(r1 - r_lo)), 0.0) * (1 + 1e-5)
        + 1e-6
    )
    full = reach & (half >= _FULL_RING)
    seg = (np.cumsum(width) - width)[pair] + n_out[pair]  # first position of copy 1
    lo = np.searchsorted(key, phi1 + _KEY_STEP * pair - half, side="left")
    hi = np.where(reach, np.searchsorted(key, phi1 + _KEY_STEP * pair + half, side="right"), lo)
    lo, hi = np.where(full, seg, lo), np.where(full, seg + n_out[pair], hi)
    cut = np.where(lo < seg, seg, seg + n_out[pair])  # the copy boundary a window may cross
    split = (lo < cut) & (hi > cut)
    starts = np.stack([np.where(split, cut, lo), lo], axis=1)
    counts = np.stack([np.where(split, hi - cut, hi - lo), np.where(split, cut - lo, 0)], axis=1)
    shifted = (lo < seg) | (hi > seg + n_out[pair])
    return _Plan(node, rpz, starts, counts, shifted, full, np.r_[0, np.cumsum(n_in)], nodes.r[ext_node],
                 ext_phi, nodes.z[ext_node], ext_shift.astype(ext_phi.dtype), ext_node)  # fmt: skip


@dataclass
class _Edges:
    """Edges collected block by block, in canonical node indices, and the count per layer pair."""

    src: list[np.ndarray]
    dst: list[np.ndarray]
    attr: list[np.ndarray]
    same: list[np.ndarray]
    segment: list[np.ndarray]
    per_pair: np.ndarray

    def add(self, nodes: _Nodes, src: np.ndarray, dst: np.ndarray, dr: np.ndarray, dphi: np.ndarray,
            dz: np.ndarray) -> None:  # fmt: skip
        """Append kept edges with their features (float32; dR as the authors' sqrt(deta^2 + dphi^2))
        and label flags."""
        attr = np.empty((len(src), 4), np.float32)
        np.divide(dr, FEATURE_SCALE[0], out=attr[:, 0], casting="unsafe")
        np.divide(dphi, FEATURE_SCALE[1], out=attr[:, 1], casting="unsafe")
        np.divide(dz, FEATURE_SCALE[2], out=attr[:, 2], casting="unsafe")
        deta = np.take(nodes.eta, dst)
        deta -= np.take(nodes.eta, src)
        deta *= deta
        dphi = dphi * dphi
        deta += dphi
        np.sqrt(deta, out=deta)
        attr[:, 3] = deta
        self.src.append(src)
        self.dst.append(dst)
        self.attr.append(attr)
        self.same.append(np.take(nodes.pid, src) == np.take(nodes.pid, dst))
        self.segment.append(np.take(nodes.next_hit, src) == dst)


def _expand(plan: _Plan, nodes: _Nodes, out: _Edges, *, phi_slope_max: float, z0_max: float) -> None:
    """Expand the windows into candidate pairs, cut them and keep the edges, block by block
    (:data:`BLOCK` candidates at most, unless one entry alone has more)."""
    per_entry = plan.counts.sum(axis=1)
    cum = np.r_[0, np.cumsum(per_entry)]
    pair_cand = cum[plan.pair_entries]  # first candidate of each pair
    marks = np.arange(BLOCK, cum[-1], BLOCK)
    blocks = np.unique(np.r_[0, np.searchsorted(cum, marks, side="right") - 1, len(per_entry)])
    r_e, phi_e, z_e = plan.rpz
    for e0, e1 in zip(blocks[:-1].tolist(), blocks[1:].tolist(), strict=True):
        s, k = plan.starts[e0:e1].ravel(), plan.counts[e0:e1].ravel()
        c0, c = int(cum[e0]), int(cum[e1] - cum[e0])
        if c == 0:
            continue
        pos = np.repeat(s - (np.cumsum(k) - k), k)
        pos += np.arange(c)
        pe = per_entry[e0:e1]
        r1, z1 = np.repeat(r_e[e0:e1], pe), np.repeat(z_e[e0:e1], pe)
        dphi = np.take(plan.ext_phi, pos)
        dphi -= np.repeat(phi_e[e0:e1], pe)
        if plan.shifted[e0:e1].any():
            dphi += np.take(plan.ext_shift, pos)
        if plan.full[e0:e1].any():
            dphi = wrap_phi(dphi)
        dr = np.take(plan.ext_r, pos)
        dr -= r1
        dz = np.take(plan.ext_z, pos)
        dz -= z1
        keep, z0 = _slope_z0(r1, z1, dr, dphi, dz, phi_slope_max=phi_slope_max, z0_max=z0_max)
        for p in _CROSS_PAIRS:
            a, b = max(int(pair_cand[p]) - c0, 0), min(int(pair_cand[p + 1]) - c0, c)
            if a < b:
                keep[a:b] &= _not_crossing(_R_CROSS[p], dr[a:b], dz[a:b], z0[a:b])
        kept = np.flatnonzero(keep)
        out.per_pair += np.diff(np.searchsorted(kept, np.clip(pair_cand - c0, 0, c)))
        src = np.repeat(plan.node[e0:e1], pe)
        out.add(nodes, np.take(src, kept), np.take(plan.ext_node, np.take(pos, kept)), np.take(dr, kept),
                np.take(dphi, kept), np.take(dz, kept))  # fmt: skip


def _allpairs(nodes: _Nodes, out: _Edges, *, phi_slope_max: float, z0_max: float) -> None:
    """Every hit of the inner layer against every hit of the outer layer, pair by pair (the
    authors' method)."""
    for k, pair in enumerate(LAYER_PAIRS):
        a, b = nodes.layer(pair[0]), nodes.layer(pair[1])
        n1, n2 = a.stop - a.start, b.stop - b.start
        i = np.repeat(np.arange(a.start, a.stop), n2)
        j = np.tile(np.arange(b.start, b.stop), n1)
        dr, dz = nodes.r[j] - nodes.r[i], nodes.z[j] - nodes.z[i]
        dphi = wrap_phi(nodes.phi[j] - nodes.phi[i])
        kept = np.flatnonzero(_cuts(nodes.r[i], nodes.z[i], dr, dphi, dz, pair=pair, phi_slope_max=phi_slope_max,
                                    z0_max=z0_max))  # fmt: skip
        out.per_pair[k] += len(kept)
        out.add(nodes, i[kept], j[kept], dr[kept], dphi[kept], dz[kept])


def _search(nodes: _Nodes, *, phi_slope_max: float, z0_max: float, method: str) -> _Edges:
    """All edges, layer pair by layer pair, by ``method`` (module docstring)."""
    if method not in ("window", "allpairs"):
        raise ValueError(f"unknown graph construction method '{method}' (window, allpairs)")
    out = _Edges([], [], [], [], [], np.zeros(len(LAYER_PAIRS), np.int64))
    if method == "allpairs":
        _allpairs(nodes, out, phi_slope_max=phi_slope_max, z0_max=z0_max)
    elif len(nodes.r):
        plan = _plan(nodes, phi_slope_max=phi_slope_max, z0_max=z0_max)
        _expand(plan, nodes, out, phi_slope_max=phi_slope_max, z0_max=z0_max)
    return out


def _concat(parts: list[np.ndarray], empty: np.ndarray) -> np.ndarray:
    return np.concatenate(parts) if parts else empty


def find_segments(
    hits: pd.DataFrame, *, phi_slope_max: float, z0_max: float, method: str = "window"
) -> tuple[np.ndarray, np.ndarray]:
    """Edges (source, target) as row positions in ``hits``, layer pair by layer pair (for a
    canonical table sorted by (source, target) within a pair); both methods give identical arrays."""
    nodes, _ = _nodes(hits)
    out = _search(nodes, phi_slope_max=phi_slope_max, z0_max=z0_max, method=method)
    src, dst = _concat(out.src, np.zeros(0, np.int64)), _concat(out.dst, np.zeros(0, np.int64))
    if nodes.perm is not None:
        src, dst = nodes.perm[src], nodes.perm[dst]
    return src, dst


# --------------------------------------------------------------------------------------------
# labels
# --------------------------------------------------------------------------------------------


def true_segments(hits: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Consecutive hits of each particle (ordered by distance from the origin) on a layer pair."""
    return _consecutive(
        hits["particle_id"].to_numpy(),
        hits["r"].to_numpy(np.float64),
        hits["z"].to_numpy(np.float64),
        hits["layer"].to_numpy(),
    )


def _replaced(pid: np.ndarray, az: np.ndarray) -> np.ndarray:
    """Of barrel -> first-disk true edges in the authors' order (``pid``, ``az`` = |z| of the inner
    hit, per edge), the positions of those their loop sets to 0: per particle, every edge that
    raises the running maximum of |z| (starting at 0), except the last such edge."""
    order = np.argsort(pid, kind="stable")
    p, v = pid[order], az[order]
    first = np.r_[True, p[1:] != p[:-1]]
    start = np.flatnonzero(first)
    rank = np.arange(len(p)) - np.repeat(start, np.diff(np.r_[start, len(p)]))
    running = np.zeros(len(p))  # the maximum of |z| over the earlier edges of the particle
    record = np.zeros(len(p), bool)
    for k in range(int(rank.max()) + 1 if len(p) else 0):
        at = np.flatnonzero(rank == k)
        record[at] = v[at] > running[at]
        nxt = at[(at + 1 < len(p))]
        nxt = nxt[~first[nxt + 1]]
        running[nxt + 1] = np.maximum(running[nxt], v[nxt])
    rec = np.flatnonzero(record)
    last = np.r_[p[rec][1:] != p[rec][:-1], True] if len(rec) else np.zeros(0, bool)
    return order[rec[~last]]


def dezoort_labels(
    src: np.ndarray, dst: np.ndarray, particle_id: np.ndarray, layer: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """The authors' edge labels: same particle, with their barrel -> first-disk correction.

    Among one particle's true barrel -> disk edges, in their order (disk 4 before disk 11, then the
    barrel layer ascending), each edge whose inner |z| exceeds every earlier one's is a "record";
    all records but the last are set to 0 (the earlier stored edge is replaced), the others stay 1.
    """
    y = particle_id[src] == particle_id[dst]
    l1, l2 = layer[src], layer[dst]
    idx = np.flatnonzero(y & (l1 <= 3) & ((l2 == FIRST_DISK_NEG) | (l2 == FIRST_DISK_POS)))
    idx = idx[np.lexsort((l1[idx], l2[idx]))]  # the authors' order; one edge per particle and pair
    y[idx[_replaced(particle_id[src[idx]], np.abs(z[src[idx]]))]] = False
    return y.astype(np.float32)


def _dezoort_from_pairs(same: np.ndarray, src: np.ndarray, nodes: _Nodes, per_pair: np.ndarray) -> np.ndarray:
    """:func:`dezoort_labels` of a pair-by-pair edge list (``per_pair`` edges per layer pair): the
    barrel -> first-disk edges are the ranges of their pairs, already in the authors' order
    (``LAYER_PAIRS`` lists them so)."""
    y = same.copy()
    ends = np.cumsum(per_pair)
    ranges = [np.arange(ends[k] - per_pair[k], ends[k]) for k, (la, lb) in enumerate(LAYER_PAIRS)
              if la <= 3 and lb in (FIRST_DISK_NEG, FIRST_DISK_POS)]  # fmt: skip
    idx = np.concatenate(ranges)
    idx = idx[same[idx]]
    y[idx[_replaced(nodes.pid[src[idx]], np.abs(nodes.z[src[idx]]))]] = False
    return y.astype(np.float32)


# --------------------------------------------------------------------------------------------
# the graph
# --------------------------------------------------------------------------------------------


def build_graph(
    hits: pd.DataFrame,
    *,
    pt_min: float,
    phi_slope_max: float,
    z0_max: float,
    labels: str,
    method: str = "window",
) -> Graph:
    """The graph of one event's filtered hits (an empty table gives a valid graph with n = E = 0);
    ``labels`` is ``"dezoort"`` or ``"consecutive"`` (module docstring)."""
    if labels not in ("dezoort", "consecutive"):
        raise ValueError(f"tracking.graph.labels: unknown edge labels '{labels}' (dezoort, consecutive)")
    nodes, n_true = _nodes(hits)
    out = _search(nodes, phi_slope_max=phi_slope_max, z0_max=z0_max, method=method)
    n, n_edges = len(hits), int(out.per_pair.sum())
    edge_index = np.empty((2, n_edges), np.int64)
    if out.src:
        np.concatenate(out.src, out=edge_index[0])
        np.concatenate(out.dst, out=edge_index[1])
    segment = _concat(out.segment, np.zeros(0, bool))
    if labels == "dezoort":
        y = _dezoort_from_pairs(_concat(out.same, np.zeros(0, bool)), edge_index[0], nodes, out.per_pair)
    else:
        y = segment.astype(np.float32)
    if nodes.perm is not None:
        edge_index = nodes.perm[edge_index]
    x = (np.stack([nodes.r, nodes.phi, nodes.z], axis=1).astype(np.float64) / FEATURE_SCALE).astype(
        np.float32
    )
    if nodes.perm is not None:  # back to the table's row order
        x[nodes.perm] = x.copy()
    return Graph(
        x=x,
        edge_index=edge_index,
        edge_attr=_concat(out.attr, np.zeros((0, 4), np.float32)),
        y=y,
        hit_id=hits["hit_id"].to_numpy(np.int64),
        particle_id=hits["particle_id"].to_numpy(np.int64),
        layer=hits["layer"].to_numpy(np.int64),
        pt=hits["pt"].to_numpy(np.float32),
        eta=hits["eta"].to_numpy(np.float32),
        weight=hits["weight"].to_numpy(np.float32) if "weight" in hits else np.zeros(n, np.float32),
        feature_scale=FEATURE_SCALE.copy(),
        n_true_segments=np.array(n_true, np.int64),
        n_segment_edges=np.array(int(np.count_nonzero(segment)), np.int64),
        pt_min=np.array(pt_min, np.float64),
    )
