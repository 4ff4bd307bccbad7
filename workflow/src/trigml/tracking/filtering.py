"""Hit filtering per pT threshold (DeZoort et al. 2021, section 3.1).

From one TrackML event (hits, particles, truth tables in the challenge's columns) keep

1. hits in the pixel detector only (volumes 7, 8, 9 -> layer index 0..17, see ``geometry``);
2. hits of particles with truth transverse momentum ``pt > pt_min`` [GeV] (from ``particles``
   px, py; strictly greater, as the authors' ``select_hits``), which removes the noise hits
   (``particle_id`` 0) as well;
3. of several hits of one particle on one layer (overlapping modules), the one at smallest r.

The result is one row per hit, sorted by (layer, hit_id), with the columns of ``HIT_COLUMNS``:
``r`` [mm], ``phi`` [rad, in [-pi, pi)], ``z`` [mm] of the hit and ``pt`` [GeV], ``eta`` of its
particle. An event with no hit left gives an empty table with the same columns (a valid, empty
graph downstream). Missing columns or non-finite values raise :class:`EventError` naming the
table and the column.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .geometry import layer_index

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


def select_hits(
    hits: pd.DataFrame,
    particles: pd.DataFrame,
    truth: pd.DataFrame,
    *,
    pt_min: float,
    source: str = "event",
) -> pd.DataFrame:
    """Pixel hits of particles with pT > ``pt_min`` GeV, one per particle and layer (smallest r).

    ``source`` names the event (e.g. its hits file) in error messages.
    """
    for df, table in ((hits, "hits"), (particles, "particles"), (truth, "truth")):
        _check(df, table, source)
    for df, table in ((hits, "hits"), (truth, "truth")):
        if not df["hit_id"].is_unique:
            raise EventError(f"{source}: {table} column 'hit_id' has duplicate ids")
    layer = layer_index(hits["volume_id"].to_numpy(), hits["layer_id"].to_numpy())
    pix = hits.loc[layer >= 0, ["hit_id", "x", "y", "z"]].assign(layer=layer[layer >= 0])

    truth_cols = ["hit_id", "particle_id"] + (["weight"] if "weight" in truth.columns else [])
    df = pix.merge(truth[truth_cols], on="hit_id", how="left")  # both sides unique (checked above)
    if df["particle_id"].isna().any():
        n = int(df["particle_id"].isna().sum())
        raise EventError(f"{source}: {n} pixel hit(s) have no row in the truth table (column 'hit_id')")
    if "weight" not in df.columns:
        df["weight"] = 0.0
    df["particle_id"] = df["particle_id"].astype(np.int64)

    p = particles[["particle_id", "px", "py", "pz"]].copy()
    p["pt"] = np.hypot(p["px"], p["py"])
    p["eta"] = np.arcsinh(p["pz"] / np.where(p["pt"] > 0, p["pt"], np.nan))
    df = df[df["particle_id"] != 0].merge(p[["particle_id", "pt", "eta"]], on="particle_id", how="left")
    unknown = df["pt"].isna()
    if unknown.any():
        log.warning(
            "%s: %d hit(s) of particles absent from the particles table dropped", source, int(unknown.sum())
        )
        df = df[~unknown]
    df = df[df["pt"] > pt_min]

    df = df.assign(r=np.hypot(df["x"], df["y"]), phi=np.arctan2(df["y"], df["x"]))
    # one hit per (particle, layer): the one at smallest r (ties: smallest hit_id)
    df = df.sort_values(["particle_id", "layer", "r", "hit_id"], kind="stable")
    df = df.drop_duplicates(["particle_id", "layer"], keep="first")
    df = df.sort_values(["layer", "hit_id"], kind="stable").reset_index(drop=True)
    out = df[HIT_COLUMNS].astype(
        {"hit_id": np.int64, "particle_id": np.int64, "layer": np.int64, "weight": np.float64}
    )
    # atan2 gives (-pi, pi]; fold pi onto -pi so phi is in [-pi, pi) like geometry.wrap_phi
    out.loc[out["phi"] >= np.pi, "phi"] -= 2 * np.pi
    return out
