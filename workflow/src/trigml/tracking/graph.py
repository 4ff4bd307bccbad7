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
``|dphi| <= phi_slope_max * max|dr|`` that the first cut allows (max|dr| over the r range of the
outer layer that a line with |z0| < z0_max can reach); the outer layer is already sorted by phi,
so the window is one range of it, found by a galloping search from the previous inner hit's (a
window across phi = +-pi adds a range at either end, taken in target order). It runs as one
compiled pass (numba, ``_kernels.window_graph``): the cuts of each window's candidates
(vectorized), the kept edges' features and labels; no Python loop runs over hits, and the
arithmetic is the numpy path's operation for operation, so every array is bit-identical to it.
``method="allpairs"`` is the paper's own method in numpy (every hit of the inner layer against
every hit of the outer layer, then the cuts, features and labels) for the tests and the benchmark.

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

import threading
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
_ALLOWED = np.zeros((N_LAYERS, N_LAYERS), bool)
_ALLOWED[_PAIRS[:, 0], _PAIRS[:, 1]] = True
#: The barrel -> first-disk pairs (the authors' label fix), in ``LAYER_PAIRS`` (their) order.
_DISK_PAIR = np.array([la <= 3 and lb in (FIRST_DISK_NEG, FIRST_DISK_POS) for la, lb in LAYER_PAIRS])
_DISK_PAIRS = np.flatnonzero(_DISK_PAIR)
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
    pcode: np.ndarray  # particle code 0..n_particles-1 of each node
    n_particles: int
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
    ok = _ALLOWED[layer[a], layer[b]] if len(a) else np.zeros(0, bool)
    return a[ok].astype(np.int64), b[ok].astype(np.int64)


def _columns(hits: pd.DataFrame) -> dict[str, np.ndarray]:
    """The hit table's columns that the graph uses, each read once (a column costs ~10 us)."""
    names = ("hit_id", "particle_id", "layer", "r", "phi", "z", "pt", "eta") + (("weight",) if "weight" in hits else ())
    return {c: hits[c].to_numpy() for c in names}


def _nodes(hits: pd.DataFrame | dict[str, np.ndarray]) -> tuple[_Nodes, int]:
    """The canonical view of a hit table (or its :func:`_columns`) and its number of true segments."""
    cols = _columns(hits) if isinstance(hits, pd.DataFrame) else hits
    layer = cols["layer"].astype(np.int64, copy=False)
    r, phi, z = cols["r"], cols["phi"], cols["z"]
    dtype = np.float32 if all(v.dtype == np.float32 for v in (r, phi, z)) else np.float64
    r, phi, z = (v.astype(dtype, copy=False) for v in (r, phi, z))  # the cuts in the table's precision
    hit_id = cols["hit_id"].astype(np.int64, copy=False)
    pid = cols["particle_id"].astype(np.int64, copy=False)
    if len(layer) and (layer.min() < 0 or layer.max() >= N_LAYERS):
        raise ValueError(f"hit layer outside 0..{N_LAYERS - 1}")
    perm = None
    if not _is_canonical(layer, phi, hit_id):
        perm = np.lexsort((hit_id, phi, layer))
        layer, r, phi, z, pid = layer[perm], r[perm], phi[perm], z[perm], pid[perm]
    dist = np.hypot(r.astype(np.float64), z.astype(np.float64))
    if np.isfinite(dist).all():  # one compiled pass (a stable sort by distance per particle)
        from . import _kernels

        next_hit, n_true, pcode, n_particles = _kernels.consecutive(pid, dist, layer, _ALLOWED)
    else:  # NaN distances: lexsort's order (NaN last)
        a, b = _consecutive(pid, r, z, layer)
        next_hit, n_true = np.full(len(r), -1, np.int64), len(a)
        next_hit[a] = b
        uniques, pcode = np.unique(pid, return_inverse=True)
        n_particles = len(uniques)
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = np.arcsinh(z.astype(np.float64) / r)
    bounds = np.searchsorted(layer, np.arange(N_LAYERS + 1))
    return _Nodes(r, phi, z, eta, pid, pcode, int(n_particles), next_hit, bounds, perm), int(n_true)


# --------------------------------------------------------------------------------------------
# the search
# --------------------------------------------------------------------------------------------


#: Per thread, the int32 buffer of the window search's kept targets, kept from one event to the next
#: (fresh memory costs page faults, a good part of the build at 0.5 GeV).
_SCRATCH = threading.local()


def _window(nodes: _Nodes, *, phi_slope_max: float, z0_max: float, labels: str) -> tuple:
    """(edge_index, edge_attr, y, number of segment edges) of the window search, in one compiled
    call (``_kernels.window_graph``): the cuts in the coordinates' dtype as numpy rounds the Python
    floats to it, features and labels as the all-pairs path's numpy expressions, bit for bit."""
    from . import _kernels

    cut_t = np.array([phi_slope_max, z0_max, BARREL_HALF_LENGTH_MM, np.pi, _TWO_PI, *_R_CROSS], nodes.r.dtype)
    window = np.array([phi_slope_max, z0_max, BARREL_HALF_LENGTH_MM, _FULL_RING], np.float64)
    scratch = getattr(_SCRATCH, "buffer", None)
    if scratch is None:
        scratch = np.empty(1 << 16, np.int32)
    edge_index, edge_attr, y, n_segment, _, scratch = _kernels.window_graph(
        nodes.r, nodes.phi, nodes.z, nodes.eta, nodes.pcode, nodes.n_particles, nodes.next_hit, nodes.bounds, _PAIRS,
        _R_CROSS, _DISK_PAIR, cut_t, window, FEATURE_SCALE, labels == "consecutive", scratch,
    )  # fmt: skip
    _SCRATCH.buffer = scratch
    return edge_index, edge_attr, y, int(n_segment)


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


def _check_method(method: str) -> None:
    if method not in ("window", "allpairs"):
        raise ValueError(f"unknown graph construction method '{method}' (window, allpairs)")


def _search(nodes: _Nodes, *, phi_slope_max: float, z0_max: float) -> _Edges:
    """All edges, layer pair by layer pair, with features and label flags by the all-pairs method."""
    out = _Edges([], [], [], [], [], np.zeros(len(LAYER_PAIRS), np.int64))
    _allpairs(nodes, out, phi_slope_max=phi_slope_max, z0_max=z0_max)
    return out


def _concat(parts: list[np.ndarray], empty: np.ndarray) -> np.ndarray:
    return np.concatenate(parts) if parts else empty


def find_segments(
    hits: pd.DataFrame, *, phi_slope_max: float, z0_max: float, method: str = "window"
) -> tuple[np.ndarray, np.ndarray]:
    """Edges (source, target) as row positions in ``hits``, layer pair by layer pair (for a
    canonical table sorted by (source, target) within a pair); both methods give identical arrays."""
    _check_method(method)
    nodes, _ = _nodes(hits)
    if method == "window":
        src, dst = _window(nodes, phi_slope_max=phi_slope_max, z0_max=z0_max, labels="dezoort")[0]
    else:
        out = _search(nodes, phi_slope_max=phi_slope_max, z0_max=z0_max)
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
    idx = np.concatenate([np.arange(ends[k] - per_pair[k], ends[k]) for k in _DISK_PAIRS])
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
    _check_method(method)
    cols = _columns(hits)
    nodes, n_true = _nodes(cols)
    n = len(hits)
    if method == "window":
        edge_index, edge_attr, y, n_segment = _window(
            nodes, phi_slope_max=phi_slope_max, z0_max=z0_max, labels=labels
        )
    else:
        out = _search(nodes, phi_slope_max=phi_slope_max, z0_max=z0_max)
        edge_index = np.empty((2, int(out.per_pair.sum())), np.int64)
        if out.src:
            np.concatenate(out.src, out=edge_index[0])
            np.concatenate(out.dst, out=edge_index[1])
        segment = _concat(out.segment, np.zeros(0, bool))
        if labels == "dezoort":
            y = _dezoort_from_pairs(_concat(out.same, np.zeros(0, bool)), edge_index[0], nodes, out.per_pair)
        else:
            y = segment.astype(np.float32)
        edge_attr, n_segment = _concat(out.attr, np.zeros((0, 4), np.float32)), int(np.count_nonzero(segment))
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
        edge_attr=edge_attr,
        y=y,
        hit_id=cols["hit_id"].astype(np.int64, copy=False),
        particle_id=cols["particle_id"].astype(np.int64, copy=False),
        layer=cols["layer"].astype(np.int64, copy=False),
        pt=cols["pt"].astype(np.float32),
        eta=cols["eta"].astype(np.float32),
        weight=cols["weight"].astype(np.float32) if "weight" in cols else np.zeros(n, np.float32),
        feature_scale=FEATURE_SCALE.copy(),
        n_true_segments=np.array(n_true, np.int64),
        n_segment_edges=np.array(n_segment, np.int64),
        pt_min=np.array(pt_min, np.float64),
    )
