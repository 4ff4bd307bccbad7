"""Fixed-size sector graphs: split an event graph into eta/phi sectors, then pad or truncate each
sector to a design's (n_nodes, n_edges), keeping the bookkeeping of what was lost.

Sectors (Elabd et al. 2021 used 8 in phi x 2 in eta at pT > 2 GeV): every hit belongs to exactly
one sector, chosen from its own phi and eta = asinh(z / r). Edges whose two hits fall in different
sectors are handled by ``edge_policy``:

* ``"cut"`` (default): the edge is dropped and counted as lost to sectoring; every hit is in
  exactly one sector graph.
* ``"source"``: the edge goes to the sector of its source (inner) hit, and its target hit is
  copied into that sector as well; no edge is lost to sectoring, a hit may then appear in several
  sector graphs (each edge is still scored exactly once).

Local phi (``local_phi=True``, the authors' sample files): a sector graph's node phi becomes
``wrap(phi - phi_centre) / (pi / n_phi)`` -- for 8 phi sectors phi/(pi/8) around the sector centre, so
a hit of the sector lies in [-1, 1) -- and the edges' dphi is rescaled to the same unit; the network
then sees every sector alike (the FPGA processes one sector at a time).

Padding/truncation (see :mod:`trigml.tracking_fpga.twin` for the padding convention): nodes are
ordered by r and the first ``n_nodes`` kept; edges touching a dropped node are lost; of the
remaining edges the first ``n_edges`` (in the event's edge order) are kept. Padded nodes have zero
features, padded edges zero features and both indices ``n_nodes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

GRAPH_KEYS = ("x", "edge_index", "edge_attr", "y")
EDGE_POLICIES = ("cut", "source")


@dataclass(frozen=True)
class Graph:
    """One event (or sector) graph; ``edge_id`` maps each edge to its row in the event graph."""

    x: np.ndarray  # (n, node_dim)
    edge_index: np.ndarray  # (2, m) int64
    edge_attr: np.ndarray  # (m, edge_dim)
    y: np.ndarray  # (m,)
    edge_id: np.ndarray  # (m,) int64
    hit_index: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # (n,) row in the event
    feature_scale: np.ndarray = field(default_factory=lambda: np.ones(3))  # x * scale = (r [mm], phi, z [mm])

    @property
    def n_nodes(self) -> int:
        return int(self.x.shape[0])

    @property
    def n_edges(self) -> int:
        return int(self.edge_index.shape[1])


def load_graph(path: str | Path) -> Graph:
    """Read a tracking graph file (npz with x, edge_index, edge_attr, y), checking its contents."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: graph file not found")
    with np.load(path) as f:
        missing = [k for k in GRAPH_KEYS if k not in f.files]
        if missing:
            raise KeyError(f"{path}: missing arrays {missing} (has {sorted(f.files)})")
        x = np.asarray(f["x"], dtype=np.float32)
        ei = np.asarray(f["edge_index"], dtype=np.int64)
        ea = np.asarray(f["edge_attr"], dtype=np.float32)
        y = np.asarray(f["y"], dtype=np.float32)
        scale = np.asarray(f["feature_scale"], np.float64) if "feature_scale" in f.files else None
    if (
        x.ndim != 2
        or ei.ndim != 2
        or ei.shape[0] != 2
        or ea.shape[0] != ei.shape[1]
        or y.shape[0] != ei.shape[1]
    ):
        raise ValueError(
            f"{path}: inconsistent shapes x{x.shape} edge_index{ei.shape} edge_attr{ea.shape} y{y.shape}"
        )
    for name, arr in (("x", x), ("edge_attr", ea), ("y", y)):
        if not np.isfinite(arr).all():
            raise ValueError(f"{path}: '{name}' holds NaN or inf")
    if ei.size and (ei.min() < 0 or ei.max() >= len(x)):
        raise ValueError(f"{path}: edge_index refers to nodes outside 0..{len(x) - 1}")
    if scale is None:
        raise KeyError(f"{path}: no 'feature_scale' array: cannot recover r, phi, z for sectoring")
    return Graph(
        x=x, edge_index=ei, edge_attr=ea, y=y, edge_id=np.arange(ei.shape[1]), hit_index=np.arange(len(x)),
        feature_scale=scale,
    )  # fmt: skip


def hit_sectors(
    r: np.ndarray, phi: np.ndarray, z: np.ndarray, *, n_phi: int, n_eta: int, eta_range: tuple[float, float]
) -> np.ndarray:
    """Sector number (phi_bin * n_eta + eta_bin) of every hit; eta outside the range goes to the edge bins."""
    if n_phi < 1 or n_eta < 1:
        raise ValueError(f"need n_phi >= 1 and n_eta >= 1, got {n_phi}, {n_eta}")
    lo, hi = eta_range
    if not hi > lo:
        raise ValueError(f"eta_range must be increasing, got {eta_range}")
    eta = np.arcsinh(z / np.maximum(r, 1e-9))
    phi_w = np.mod(phi + np.pi, 2 * np.pi)  # 0 .. 2 pi
    phi_bin = np.minimum((phi_w / (2 * np.pi) * n_phi).astype(np.int64), n_phi - 1)
    eta_bin = np.clip(((eta - lo) / (hi - lo) * n_eta).astype(np.int64), 0, n_eta - 1)
    eta_bin = np.where(eta < lo, 0, eta_bin)
    return phi_bin * n_eta + eta_bin


def phi_centre(sector: int, *, n_phi: int, n_eta: int) -> float:
    """Centre [rad] of the phi bin of ``sector`` (phi bins start at -pi, see :func:`hit_sectors`)."""
    return -np.pi + (sector // n_eta + 0.5) * 2 * np.pi / n_phi


def localize_phi(g: Graph, centre: float, *, n_phi: int) -> Graph:
    """``g`` with node phi = wrap(phi - centre) / (pi / n_phi) and edge dphi in the same unit
    (column 1 of x and of edge_attr; ``feature_scale`` turns x back into radians)."""
    half = np.pi / n_phi
    x = g.x.copy()
    phi = x[:, 1].astype(np.float64) * g.feature_scale[1]
    x[:, 1] = (np.mod(phi - centre + np.pi, 2 * np.pi) - np.pi) / half
    ea = g.edge_attr.copy()
    ea[:, 1] = ea[:, 1].astype(np.float64) * g.feature_scale[1] / half
    scale = np.asarray(g.feature_scale, np.float64).copy()
    scale[1] = half
    return Graph(x=x, edge_index=g.edge_index, edge_attr=ea, y=g.y, edge_id=g.edge_id, hit_index=g.hit_index,
                 feature_scale=scale)  # fmt: skip


def split_sectors(
    g: Graph,
    *,
    n_phi: int,
    n_eta: int,
    eta_range: tuple[float, float],
    edge_policy: str,
    local_phi: bool,
) -> tuple[list[Graph], dict[str, int]]:
    """Sector graphs of one event graph (phi local to each sector with ``local_phi``) and counts of
    what sectoring cut. ``g.feature_scale`` turns x's columns back into (r [mm], phi [rad], z [mm]).
    """
    if edge_policy not in EDGE_POLICIES:
        raise ValueError(f"unknown edge_policy {edge_policy!r}; expected one of {EDGE_POLICIES}")
    r, phi, z = (g.x[:, k].astype(np.float64) * g.feature_scale[k] for k in range(3))
    sec = hit_sectors(r, phi, z, n_phi=n_phi, n_eta=n_eta, eta_range=eta_range)
    src, tgt = g.edge_index
    same = sec[src] == sec[tgt]
    edge_sector = sec[src]
    if edge_policy == "cut":
        keep_edge = same
    else:
        keep_edge = np.ones(g.n_edges, dtype=bool)
    stats = {
        "edges_cut_by_sectors": int((~keep_edge).sum()),
        "true_edges_cut_by_sectors": int(((~keep_edge) & (g.y > 0.5)).sum()),
    }
    graphs = []
    for s in range(n_phi * n_eta):
        e_sel = np.flatnonzero(keep_edge & (edge_sector == s))
        own = np.flatnonzero(sec == s)
        nodes = np.union1d(own, tgt[e_sel]) if edge_policy == "source" else own
        remap = np.full(g.n_nodes, -1, dtype=np.int64)
        remap[nodes] = np.arange(len(nodes))
        part = Graph(
            x=g.x[nodes], edge_index=np.stack([remap[src[e_sel]], remap[tgt[e_sel]]]), edge_attr=g.edge_attr[e_sel],
            y=g.y[e_sel], edge_id=g.edge_id[e_sel], hit_index=g.hit_index[nodes] if len(g.hit_index) else nodes,
            feature_scale=g.feature_scale,
        )  # fmt: skip
        if local_phi:
            part = localize_phi(part, phi_centre(s, n_phi=n_phi, n_eta=n_eta), n_phi=n_phi)
        graphs.append(part)
    return graphs, stats


@dataclass(frozen=True)
class Padded:
    """A batch of sector graphs padded/truncated to one design (arrays with a leading batch axis)."""

    x: np.ndarray  # (B, N, node_dim) float32
    edge_attr: np.ndarray  # (B, E, edge_dim) float32
    edge_index: np.ndarray  # (B, 2, E) int64; padding = N
    y: np.ndarray  # (B, E) float32
    mask: np.ndarray  # (B, E) bool: a real edge
    edge_id: np.ndarray  # (B, E) int64: row in the event graph, -1 for padding
    event: np.ndarray  # (B,) int64
    sector: np.ndarray  # (B,) int64

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, **{k: getattr(self, k) for k in self.__dataclass_fields__})

    @classmethod
    def load(cls, path: str | Path) -> Padded:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: padded design graphs not found")
        with np.load(path) as f:
            missing = [k for k in cls.__dataclass_fields__ if k not in f.files]
            if missing:
                raise KeyError(f"{path}: missing arrays {missing}")
            return cls(**{k: f[k] for k in cls.__dataclass_fields__})


def pad_graph(g: Graph, n_nodes: int, n_edges: int) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """Pad or truncate one sector graph to (n_nodes, n_edges); returns arrays and loss counts."""
    order = np.argsort(g.x[:, 0], kind="stable")  # by r: truncation drops the outermost hits
    kept_nodes = order[:n_nodes]
    remap = np.full(g.n_nodes, -1, dtype=np.int64)
    remap[kept_nodes] = np.arange(len(kept_nodes))
    src, tgt = remap[g.edge_index[0]], remap[g.edge_index[1]]
    ok = np.flatnonzero((src >= 0) & (tgt >= 0))
    kept = ok[:n_edges]
    true = g.y > 0.5
    stats = {
        "nodes": g.n_nodes,
        "edges": g.n_edges,
        "true_edges": int(true.sum()),
        "nodes_truncated": max(0, g.n_nodes - n_nodes),
        "edges_lost": g.n_edges - len(kept),
        "true_edges_lost": int(true.sum() - true[kept].sum()),
        "edges_lost_to_nodes": g.n_edges - len(ok),
    }
    node_dim, edge_dim = g.x.shape[1], g.edge_attr.shape[1]
    x = np.zeros((n_nodes, node_dim), np.float32)
    x[: len(kept_nodes)] = g.x[kept_nodes]
    ea = np.zeros((n_edges, edge_dim), np.float32)
    ea[: len(kept)] = g.edge_attr[kept]
    ei = np.full((2, n_edges), n_nodes, np.int64)
    ei[0, : len(kept)] = src[kept]
    ei[1, : len(kept)] = tgt[kept]
    y = np.zeros(n_edges, np.float32)
    y[: len(kept)] = g.y[kept]
    mask = np.zeros(n_edges, bool)
    mask[: len(kept)] = True
    eid = np.full(n_edges, -1, np.int64)
    eid[: len(kept)] = g.edge_id[kept]
    return {"x": x, "edge_attr": ea, "edge_index": ei, "y": y, "mask": mask, "edge_id": eid}, stats


def pad_sectors(
    sectors: list[tuple[int, int, Graph]], n_nodes: int, n_edges: int
) -> tuple[Padded, dict[str, Any]]:
    """Pad every (event, sector, graph) to one design; per-design totals of what was lost."""
    if n_nodes < 1 or n_edges < 1:
        raise ValueError(f"a design needs n_nodes >= 1 and n_edges >= 1, got {n_nodes}/{n_edges}")
    rows: list[dict[str, np.ndarray]] = []
    totals: dict[str, int] = {}
    n_nodes_list, n_edges_list = [], []
    for _, _, g in sectors:
        arrays, st = pad_graph(g, n_nodes, n_edges)
        rows.append(arrays)
        n_nodes_list.append(g.n_nodes)
        n_edges_list.append(g.n_edges)
        for k, v in st.items():
            totals[k] = totals.get(k, 0) + v
    if not rows:
        raise ValueError("no sector graphs to pad (empty input)")
    padded = Padded(
        **{
            k: np.stack([r[k] for r in rows])
            for k in ("x", "edge_attr", "edge_index", "y", "mask", "edge_id")
        },
        event=np.array([e for e, _, _ in sectors], np.int64),
        sector=np.array([s for _, s, _ in sectors], np.int64),
    )
    summary = {
        "n_nodes": n_nodes,
        "n_edges": n_edges,
        "n_graphs": len(rows),
        **totals,
        "fraction_edges_lost": totals["edges_lost"] / max(1, totals["edges"]),
        "fraction_true_edges_lost": totals["true_edges_lost"] / max(1, totals["true_edges"]),
        "fraction_graphs_truncated": float(
            np.mean([(a > n_nodes) or (b > n_edges) for a, b in zip(n_nodes_list, n_edges_list)])
        ),
        "node_fill": float(np.sum(np.minimum(n_nodes_list, n_nodes)) / (n_nodes * len(rows))),
        "edge_fill": float(padded.mask.sum() / (n_edges * len(rows))),
        "sector_nodes_quantiles": {q: float(np.quantile(n_nodes_list, q / 100)) for q in (50, 90, 99)},
        "sector_edges_quantiles": {q: float(np.quantile(n_edges_list, q / 100)) for q in (50, 90, 99)},
    }
    return padded, summary


def design_name(n_nodes: int, n_edges: int) -> str:
    """Name of a design in paths: ``n28e56``."""
    return f"n{int(n_nodes)}e{int(n_edges)}"


def parse_design(name: str) -> tuple[int, int]:
    """Inverse of :func:`design_name`."""
    import re

    m = re.fullmatch(r"n(\d+)e(\d+)", name)
    if not m:
        raise ValueError(f"not a design name: {name!r} (expected like 'n28e56')")
    return int(m.group(1)), int(m.group(2))
