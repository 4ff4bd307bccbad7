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


def _groups(sorted_values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start index of each run of equal values, run id of every element) of a sorted array."""
    if not len(sorted_values):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    new = np.r_[True, sorted_values[1:] != sorted_values[:-1]]
    return np.flatnonzero(new), np.cumsum(new) - 1


def _rows_of(t_hit: np.ndarray, s_hit: np.ndarray) -> np.ndarray:
    """Row in truth of each submitted hit id; duplicated or unknown ids raise. TrackML hit ids are
    1..N, so a lookup table replaces the sort when the ids are dense (a sort otherwise)."""
    if len(t_hit) and t_hit.min() >= 0 and t_hit.max() < 4 * len(t_hit) + 1024:
        if (np.bincount(t_hit) > 1).any():
            raise TrackMLFormatError("truth", "duplicated hit ids", column="hit_id")
        lut = np.full(int(t_hit.max()) + 1, -1, np.int64)
        lut[t_hit] = np.arange(len(t_hit))
        inside = (s_hit >= 0) & (s_hit < len(lut))
        row = np.where(inside, lut[np.where(inside, s_hit, 0)], -1)
    else:
        o_hit = np.argsort(t_hit)
        hits_sorted = t_hit[o_hit]
        if len(hits_sorted) and (hits_sorted[1:] == hits_sorted[:-1]).any():
            raise TrackMLFormatError("truth", "duplicated hit ids", column="hit_id")
        pos = np.minimum(np.searchsorted(hits_sorted, s_hit), max(len(t_hit) - 1, 0))
        row = np.where(hits_sorted[pos] == s_hit, o_hit[pos], -1) if len(t_hit) else np.full(len(s_hit), -1)
    if (row < 0).any():
        bad = row < 0
        raise TrackMLFormatError("submission", f"{int(bad.sum())} hit id(s) absent from truth, "
                                 f"e.g. {s_hit[bad][0]}", column="hit_id")  # fmt: skip
    twice = np.bincount(row, minlength=len(t_hit)) > 1
    if twice.any():
        raise TrackMLFormatError("submission", f"hit {t_hit[np.flatnonzero(twice)[0]]} assigned to more than "
                                 "one track", column="hit_id")  # fmt: skip
    return row


def _track_table(truth: pd.DataFrame, submission: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per track (sorted by id) the columns of :func:`analyze_tracks`: three sorts (truth hits by
    id, by particle, submission hits by (track, particle)) and segmented reductions, no groupby."""
    t = _frame_columns(truth, ("hit_id", "particle_id", "weight"), "truth")
    s = _frame_columns(submission, SUBMISSION_COLUMNS, "submission")
    t_hit, t_pid = t["hit_id"].to_numpy(np.int64), t["particle_id"].to_numpy(np.int64)
    s_hit, s_trk = s["hit_id"].to_numpy(np.int64), s["track_id"].to_numpy(np.int64)
    row = _rows_of(t_hit, s_hit)
    # particles: one sort; their hit counts give the weights and the majority's nhits
    o_pid = np.argsort(t_pid)
    p_start, p_run = _groups(t_pid[o_pid])
    pid_idx = np.empty(len(t_pid), np.int64)
    pid_idx[o_pid] = p_run
    pid_n = np.diff(np.r_[p_start, len(t_pid)])
    pids = t_pid[o_pid][p_start]
    weight = _effective_weights(t, pid_n[pid_idx])
    # submission hits sorted by (track, particle): runs are (track, particle) pairs
    p_of_hit = pid_idx[row]
    span = int(s_trk.max() - s_trk.min()) + 1 if len(s_trk) else 1
    if span < 2**62 // max(len(pids), 1):
        srt = np.argsort((s_trk - (s_trk.min() if len(s_trk) else 0)) * len(pids) + p_of_hit)
    else:
        srt = np.lexsort((p_of_hit, s_trk))
    trk_s, pid_s = s_trk[srt], p_of_hit[srt]
    pair_start, _ = (
        _groups(np.c_[trk_s, pid_s].view(np.dtype((np.void, 16))).ravel()) if len(srt) else _groups(trk_s)
    )
    n = np.diff(np.r_[pair_start, len(srt)])
    w = np.add.reduceat(weight[row][srt], pair_start) if len(srt) else np.zeros(0)
    p_trk, p_pid = trk_s[pair_start], pid_s[pair_start]
    trk_start, _ = _groups(p_trk)
    trk_n = np.add.reduceat(n, trk_start) if len(n) else np.zeros(0, np.int64)
    # majority particle of each track: most hits, ties to the smaller particle id (pairs are sorted by it)
    n_max = np.maximum.reduceat(n, trk_start) if len(n) else n
    is_max = n == np.repeat(n_max, np.diff(np.r_[trk_start, len(n)]))
    first = np.minimum.reduceat(np.where(is_max, np.arange(len(n)), len(n)), trk_start) if len(n) else n
    return {"track_id": p_trk[trk_start], "nhits": trk_n, "major_particle_id": pids[p_pid[first]],
            "major_particle_nhits": pid_n[p_pid[first]], "major_nhits": n[first], "major_weight": w[first]}  # fmt: skip


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
    out = pd.DataFrame(_track_table(truth, submission))
    out["good"] = (2 * out["major_nhits"] > out["nhits"]) & (
        2 * out["major_nhits"] > out["major_particle_nhits"]
    )
    return out


def _effective_weights(truth: pd.DataFrame, particle_nhits: np.ndarray) -> np.ndarray:
    """Truth weights normalised to sum 1, zero for noise and for particles with < 4 hits
    (``particle_nhits``: the hit count of each row's particle)."""
    weightless = (truth["particle_id"].to_numpy() == 0) | (particle_nhits < MIN_HITS_WEIGHTED)
    w, total = _scoring_weights(truth["weight"].to_numpy(dtype=np.float64), weightless)
    return w / total


def _scoring_weights(w: np.ndarray, weightless: np.ndarray) -> tuple[np.ndarray, float]:
    """Truth weights ``w`` (float64) checked non-negative, zero where ``weightless`` (noise and
    particles with < 4 hits), and their sum, which must be positive."""
    if (w < 0).any():
        raise TrackMLFormatError("truth", "negative weight(s)", column="weight")
    w = np.where(weightless, 0.0, w)
    total = float(w.sum())
    if total <= 0:
        raise _no_weight()
    return w, total


def _no_weight() -> TrackMLFormatError:
    return TrackMLFormatError(
        "truth", f"no hit carries weight (all noise or particles with < {MIN_HITS_WEIGHTED} hits)", column="weight"
    )


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
    return _score_fast(truth, submission)


def _columns(df: pd.DataFrame, cols: Sequence[str], what: str) -> list[np.ndarray]:
    """The columns as arrays, checked as :func:`_frame_columns` checks them (without a copy of the frame)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(df).__name__}")
    out = []
    for col in cols:
        if col not in df.columns:
            raise TrackMLFormatError(what, f"missing column (has {list(df.columns)})", column=col)
        values = df[col].to_numpy()
        kind = values.dtype.kind
        if kind not in "iuf" and not pd.api.types.is_numeric_dtype(df[col].dtype):
            raise TrackMLFormatError(what, f"non-numeric values ({df[col].dtype})", column=col)
        if kind not in "iu" and (np.isnan(values).any() if kind == "f" else pd.isna(values).any()):
            raise TrackMLFormatError(what, "missing/NaN value(s)", column=col)
        out.append(values)
    return out


def _score_fast(truth: pd.DataFrame, submission: pd.DataFrame) -> float:
    """The score without building the track table. A track counts only when one particle holds
    more than half of its hits, so a Boyer-Moore majority vote per track (one pass over the hits,
    in any order) finds the only candidate, a second pass counts its hits and weight. Particle ids
    (and sparse track ids) get codes from an open-addressing hash table; all of it is one compiled
    loop (:func:`_kernels.double_majority`), O(n). Truth hit ids 1..N in order (as in the
    challenge's files) are rows directly."""
    from . import _kernels  # numba: imported when a score is asked for

    t_hit, t_pid, t_w = _columns(truth, ("hit_id", "particle_id", "weight"), "truth")
    s_hit, s_trk = _columns(submission, SUBMISSION_COLUMNS, "submission")
    t_hit, t_pid, s_hit, s_trk = (np.asarray(v, np.int64) for v in (t_hit, t_pid, s_hit, s_trk))
    n = len(t_hit)
    if n and t_hit[0] == 1 and t_hit[-1] == n and (np.diff(t_hit) == 1).all():  # TrackML: ids 1..N in order
        hit, offset = s_hit, 1
    else:
        hit, offset = _rows_of(t_hit, s_hit), 0
    w = np.asarray(t_w, np.float64)
    scored, total, error, at = _kernels.double_majority(t_pid, w, hit, offset, s_trk, MIN_HITS_WEIGHTED)
    if error == _kernels.UNKNOWN_HIT:
        bad = (s_hit < 1) | (s_hit > n)  # (with rows given, _rows_of has raised already)
        raise TrackMLFormatError("submission", f"{int(bad.sum())} hit id(s) absent from truth, "
                                 f"e.g. {s_hit[at]}", column="hit_id")  # fmt: skip
    if error == _kernels.HIT_TWICE:
        raise TrackMLFormatError("submission", f"hit {s_hit[at]} assigned to more than one track", column="hit_id")
    if error == _kernels.NEGATIVE_WEIGHT:
        raise TrackMLFormatError("truth", "negative weight(s)", column="weight")
    if total <= 0:
        raise _no_weight()
    return float(scored / total)
