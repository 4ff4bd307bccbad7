"""Hit filtering per pT threshold (DeZoort et al. 2021, section 3.1).

From one TrackML event (hits, particles, truth tables in the challenge's columns) keep

1. hits in the pixel detector only (volumes 7, 8, 9 -> layer index 0..17, see ``geometry``);
2. hits of particles with truth transverse momentum ``pt > pt_min`` [GeV] (from ``particles``
   px, py; strictly greater, as the authors' ``select_hits``), which removes the noise hits
   (``particle_id`` 0) as well;
3. of several hits of one particle on one layer (overlapping modules), the one at smallest r.

The result is one row per hit, sorted by (layer, phi, hit_id) (the graph's canonical node order), with the columns of ``HIT_COLUMNS``:
``r`` [mm], ``phi`` [rad, in [-pi, pi)], ``z`` [mm] of the hit and ``pt`` [GeV], ``eta`` of its
particle. An event with no hit left gives an empty table with the same columns (a valid, empty
graph downstream). Missing columns or non-finite values raise :class:`EventError` naming the
table and the column.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .geometry import PIXEL_VOLUMES, layer_index

log = logging.getLogger(__name__)

HIT_COLUMNS = ["hit_id", "particle_id", "layer", "r", "phi", "z", "pt", "eta", "weight"]
_NEEDS = {
    "hits": ["hit_id", "x", "y", "z", "volume_id", "layer_id"],
    "particles": ["particle_id", "px", "py", "pz"],
    "truth": ["hit_id", "particle_id"],
}


class EventError(ValueError):
    """An event table is unusable (missing column, non-finite value); the message names both."""


def _check(df: pd.DataFrame, table: str, source: str) -> None:
    missing = [c for c in _NEEDS[table] if c not in df.columns]
    if missing:
        raise EventError(f"{source}: {table} table lacks column(s) {', '.join(missing)}")
    for col in _NEEDS[table]:
        values = df[col].to_numpy()
        if values.dtype.kind == "f" and not np.isfinite(values).all():
            bad = int((~np.isfinite(values)).sum())
            raise EventError(f"{source}: {table} column '{col}' has {bad} non-finite value(s) (NaN/inf)")


def _rows(keys: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Row of each query in ``keys`` (unique), -1 where absent: a lookup table when the keys are
    small non-negative integers (TrackML hit ids are 1..N), a hash table otherwise."""
    if len(keys) and keys.min() >= 0 and keys.max() < 4 * len(keys) + 1024:
        lut = np.full(int(keys.max()) + 1, -1, np.int64)
        lut[keys] = np.arange(len(keys))
        inside = (queries >= 0) & (queries < len(lut))
        return np.where(inside, lut[np.where(inside, queries, 0)], -1)
    return pd.Index(keys).get_indexer(queries).astype(np.int64, copy=False)


def _duplicated(ids: np.ndarray) -> bool:
    if (ids[1:] > ids[:-1]).all():  # sorted ids (the challenge's files): one pass
        return False
    if len(ids) and ids.min() >= 0 and ids.max() < 4 * len(ids) + 1024:
        return bool((np.bincount(ids) > 1).any())
    s = np.sort(ids)
    return bool((s[1:] == s[:-1]).any())


def select_hits(
    hits: pd.DataFrame,
    particles: pd.DataFrame,
    truth: pd.DataFrame,
    *,
    pt_min: float,
    source: str = "event",
) -> pd.DataFrame:
    """Pixel hits of particles with pT > ``pt_min`` GeV, one per particle and layer (smallest r).

    ``source`` names the event (e.g. its hits file) in error messages. Column arithmetic keeps
    the tables' float dtypes (float32 for challenge files); lookups by id are arrays, no merge.
    """
    for df, table in ((hits, "hits"), (particles, "particles"), (truth, "truth")):
        _check(df, table, source)
    hit_id, t_hit = hits["hit_id"].to_numpy(np.int64), truth["hit_id"].to_numpy(np.int64)
    p_id = particles["particle_id"].to_numpy(np.int64)
    for ids, table, col in (
        (hit_id, "hits", "hit_id"),
        (t_hit, "truth", "hit_id"),
        (p_id, "particles", "particle_id"),
    ):
        if _duplicated(ids):
            raise EventError(f"{source}: {table} column '{col}' has duplicate ids")
    vol = hits["volume_id"].to_numpy()
    pix = np.flatnonzero((vol >= min(PIXEL_VOLUMES)) & (vol <= max(PIXEL_VOLUMES)))
    layer = layer_index(vol[pix], hits["layer_id"].to_numpy()[pix])
    pix, layer = pix[layer >= 0], layer[layer >= 0]
    # TrackML's hits and truth files list the same hit ids in the same order: rows are positions
    row = pix if np.array_equal(hit_id, t_hit) else _rows(t_hit, hit_id[pix])
    if (row < 0).any():
        n = int((row < 0).sum())
        raise EventError(f"{source}: {n} pixel hit(s) have no row in the truth table (column 'hit_id')")
    pid = truth["particle_id"].to_numpy(np.int64)[row]
    signal = pid != 0
    pix, row, pid, layer = pix[signal], row[signal], pid[signal], layer[signal]
    px, py, pz = (particles[c].to_numpy() for c in ("px", "py", "pz"))
    pt = np.sqrt(px * px + py * py)  # the authors' expression (np.hypot can differ in the last bit)
    prow = _rows(p_id, pid)
    unknown = prow < 0
    if unknown.any():
        log.warning("%s: %d hit(s) of particles absent from the particles table dropped", source,
                    int(unknown.sum()))  # fmt: skip
    keep = np.flatnonzero(~unknown)
    keep = keep[pt[prow[keep]] > pt_min]
    pix, row, pid, prow, layer = pix[keep], row[keep], pid[keep], prow[keep], layer[keep]
    x, y = hits["x"].to_numpy()[pix], hits["y"].to_numpy()[pix]
    r, lay, hid = np.sqrt(x * x + y * y), layer, hit_id[pix]
    # one hit per (particle, layer): the one at smallest r (ties: smallest hit_id)
    order = np.lexsort((hid, r, lay, pid))
    new_group = (pid[order][1:] != pid[order][:-1]) | (lay[order][1:] != lay[order][:-1])
    first = order[np.r_[True, new_group]] if len(order) else order
    phi = np.arctan2(y[first], x[first])
    # atan2 gives (-pi, pi]; fold pi onto -pi so phi is in [-pi, pi) like geometry.wrap_phi
    phi[phi >= np.pi] -= 2 * np.pi
    sorter = np.lexsort((hid[first], phi, lay[first]))  # the canonical order (layer, phi, hit_id)
    canonical, phi = first[sorter], phi[sorter]
    with np.errstate(divide="ignore", invalid="ignore"):
        pt_c = pt[prow[canonical]]
        eta = np.arcsinh(pz[prow[canonical]] / np.where(pt_c > 0, pt_c, np.nan))
    weight = truth["weight"].to_numpy(np.float64)[row[canonical]] if "weight" in truth.columns else None
    return pd.DataFrame(
        {
            "hit_id": hid[canonical],
            "particle_id": pid[canonical],
            "layer": lay[canonical],
            "r": r[canonical],
            "phi": phi,
            "z": hits["z"].to_numpy()[pix[canonical]],
            "pt": pt_c,
            "eta": eta,
            "weight": weight if weight is not None else np.zeros(len(canonical)),
        },
        columns=HIT_COLUMNS,
    )
