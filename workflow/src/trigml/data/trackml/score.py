"""The TrackML score (the challenge's definition), on pandas frames."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .format import (
    MIN_HITS_WEIGHTED,
    SUBMISSION_COLUMNS,
    TrackMLFormatError,
)

# --------------------------------------------------------------------------------------------
# score
# --------------------------------------------------------------------------------------------


def _frame_columns(df: pd.DataFrame, cols: Sequence[str], what: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(df).__name__}")
    for col in cols:
        if col not in df.columns:
            raise TrackMLFormatError(what, f"missing column (has {list(df.columns)})", column=col)
        if df[col].isna().any():
            raise TrackMLFormatError(what, "missing/NaN value(s)", column=col)
        if not pd.api.types.is_numeric_dtype(df[col].dtype):
            raise TrackMLFormatError(what, f"non-numeric values ({df[col].dtype})", column=col)
    return df[list(cols)]


def analyze_tracks(truth: pd.DataFrame, submission: pd.DataFrame) -> pd.DataFrame:
    """Per reconstructed track: its majority particle and the hit counts the score needs.

    Args:
        truth: with ``hit_id``, ``particle_id``, ``weight`` (one row per hit).
        submission: with ``hit_id``, ``track_id`` (each hit at most once; hits absent from it
            belong to no track).

    Returns:
        One row per ``track_id``: ``nhits`` (hits on the track), ``major_particle_id`` (the
        particle with most hits on it; ties go to the smaller id), ``major_particle_nhits`` (that
        particle's hits in the event), ``major_nhits`` (its hits on the track), ``major_weight``
        (their summed weight, see :func:`score_event`), ``good`` (double majority: both purities
        strictly above 0.5).
    """
    t = _frame_columns(truth, ("hit_id", "particle_id", "weight"), "truth")
    s = _frame_columns(submission, SUBMISSION_COLUMNS, "submission")
    if not t["hit_id"].is_unique:
        raise TrackMLFormatError("truth", "duplicated hit ids", column="hit_id")
    if not s["hit_id"].is_unique:
        dup = s["hit_id"][s["hit_id"].duplicated()].iloc[0]
        raise TrackMLFormatError("submission", f"hit {dup} assigned to more than one track", column="hit_id")
    unknown = ~s["hit_id"].isin(t["hit_id"])
    if unknown.any():
        raise TrackMLFormatError(
            "submission", f"{int(unknown.sum())} hit id(s) absent from truth, e.g. {s['hit_id'][unknown].iloc[0]}",
            column="hit_id",
        )  # fmt: skip
    weight = _effective_weights(t)
    particle_nhits = t["particle_id"].value_counts()
    ev = pd.DataFrame(
        {"hit_id": t["hit_id"].to_numpy(), "particle_id": t["particle_id"].to_numpy(), "weight": weight}
    ).merge(s, on="hit_id", how="inner", validate="one_to_one")
    pairs = ev.groupby(["track_id", "particle_id"], sort=True).agg(n=("hit_id", "size"), w=("weight", "sum"))
    pairs = pairs.reset_index()
    track_nhits = pairs.groupby("track_id")["n"].transform("sum")
    # majority particle: most hits; ties to the smaller particle id (stable sort keeps id order)
    pairs = pairs.assign(nhits=track_nhits).sort_values(
        ["track_id", "n"], ascending=[True, False], kind="stable"
    )
    major = pairs.drop_duplicates("track_id", keep="first")
    out = pd.DataFrame(
        {
            "track_id": major["track_id"].to_numpy(),
            "nhits": major["nhits"].to_numpy(),
            "major_particle_id": major["particle_id"].to_numpy(),
            "major_particle_nhits": particle_nhits.reindex(major["particle_id"]).to_numpy(),
            "major_nhits": major["n"].to_numpy(),
            "major_weight": major["w"].to_numpy(),
        }
    )
    out["good"] = (2 * out["major_nhits"] > out["nhits"]) & (
        2 * out["major_nhits"] > out["major_particle_nhits"]
    )
    return out


def _effective_weights(truth: pd.DataFrame) -> np.ndarray:
    """Truth weights normalised to sum 1, zero for noise and for particles with < 4 hits."""
    w = truth["weight"].to_numpy(dtype=np.float64).copy()
    if (w < 0).any():
        raise TrackMLFormatError("truth", "negative weight(s)", column="weight")
    pid = truth["particle_id"].to_numpy()
    counts = truth["particle_id"].map(truth["particle_id"].value_counts()).to_numpy()
    w[(pid == 0) | (counts < MIN_HITS_WEIGHTED)] = 0.0
    total = w.sum()
    if total <= 0:
        raise TrackMLFormatError(
            "truth",
            f"no hit carries weight (all noise or particles with < {MIN_HITS_WEIGHTED} hits)",
            column="weight",
        )
    return w / total


def score_event(truth: pd.DataFrame, submission: pd.DataFrame) -> float:
    """The TrackML challenge score of one event, in [0, 1].

    A reconstructed track (hits sharing a ``track_id``) counts when its majority particle has
    more than half of the track's hits *and* the track holds more than half of that particle's
    hits (double majority); it then scores the summed weight of the majority particle's hits on
    it. Weights come from ``truth['weight']``; hits of noise (``particle_id`` 0) and of particles
    with fewer than 4 hits weigh 0 (in challenge truth files they already do), and the weights
    are normalised to sum 1, so a perfect submission scores 1 on any truth. Hits missing from the
    submission belong to no track.
    """
    tracks = analyze_tracks(truth, submission)
    return float(tracks.loc[tracks["good"], "major_weight"].sum())
