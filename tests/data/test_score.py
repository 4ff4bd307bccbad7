"""trigml.data.trackml.score_event on hand-built events whose score is computed by hand."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from trigml.data.trackml import TrackMLFormatError, analyze_tracks, score_event

# Hand-built truth: particle A (id 11) has hits 1-4 with weights 0.05, 0.15, 0.10, 0.10 (sum 0.4);
# particle B (id 22) hits 5-10, 0.1 each (sum 0.6); particle C (id 33) hits 11-13 (3 hits:
# weight 0, as in the challenge); noise hits 14, 15 (particle 0, weight 0). Total weight 1.
A, B, C = [1, 2, 3, 4], [5, 6, 7, 8, 9, 10], [11, 12, 13]
NOISE = [14, 15]


def truth_table(c_weight: float = 0.0) -> pd.DataFrame:
    rows = [(h, 11, w) for h, w in zip(A, [0.05, 0.15, 0.10, 0.10], strict=True)]
    rows += [(h, 22, 0.1) for h in B] + [(h, 33, c_weight) for h in C] + [(h, 0, 0.0) for h in NOISE]
    return pd.DataFrame(rows, columns=["hit_id", "particle_id", "weight"])


def submission(*tracks: list[int]) -> pd.DataFrame:
    rows = [(h, tid) for tid, hits in enumerate(tracks, start=1) for h in hits]
    return pd.DataFrame(rows, columns=["hit_id", "track_id"])


ALL = A + B + C + NOISE

CASES = {
    # name: (tracks, score by hand)
    "perfect": ([A, B, C, NOISE], 1.0),
    "perfect, noise as singletons": ([A, B, C, [14], [15]], 1.0),
    "every hit its own track": ([[h] for h in ALL], 0.0),  # purity wrt particle 1/4, 1/6, 1/3
    "one track of everything": ([ALL], 0.0),  # majority B: 6/15 hits on the track
    "track of noise, C and strays": ([NOISE + C + [1, 5]], 0.0),  # majority C: 3/7
    # B split 4+2: the 4-hit piece holds 4/6 > 1/2 of B and is pure -> B's 4 hits count
    "split 4+2": ([A, [5, 6, 7, 8], [9, 10], C], 0.05 + 0.15 + 0.10 + 0.10 + 0.4),
    # B split 3+3: no piece has more than half of B -> B lost
    "split 3+3": ([A, [5, 6, 7], [8, 9, 10], C], 0.4),
    # A and B merged: majority B (6/10 > 1/2, 6/6) -> B counts, A lost
    "merged A+B": ([A + B, C, NOISE], 0.6),
    # A merged with C: majority A (4/7), C weighs 0 anyway
    "merged A+C": ([A + C, B], 1.0),
    # A with one noise hit: purity 4/5, all of A; the noise hit weighs 0
    "A + noise hit": ([A + [14], B], 1.0),
    # 3 of A's hits plus one of B: 3/4 of the track and 3/4 of A -> the weights of hits 1, 2, 3
    "partial A": ([[1, 2, 3, 5], [4], [6, 7, 8, 9, 10]], 0.05 + 0.15 + 0.10 + 0.5),
    # 2 of A + 2 of B: no strict majority; [3, 4] is half of A (not more); [7..10] is 4/6 of B
    "tie": ([[1, 2, 5, 6], [3, 4], [7, 8, 9, 10]], 0.4),
    # a particle with < 4 hits found perfectly weighs nothing
    "only C": ([C] + [[h] for h in A + B], 0.0),
    # hits missing from the submission belong to no track
    "only A submitted": ([A], 0.4),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hand_computed_scores(case):
    tracks, expected = CASES[case]
    assert score_event(truth_table(), submission(*tracks)) == pytest.approx(expected, abs=1e-12)


def test_track_ids_are_labels_only():
    sub = submission(A, B, C, NOISE)
    sub["track_id"] = sub["track_id"].map({1: 900, 2: 0, 3: 17, 4: 5})
    assert score_event(truth_table(), sub) == pytest.approx(1.0)
    shuffled = sub.sample(frac=1.0, random_state=1)
    assert score_event(truth_table(), shuffled) == pytest.approx(1.0)


def test_particles_with_fewer_than_four_hits_weigh_zero_even_if_truth_says_otherwise():
    truth = truth_table(c_weight=0.1)  # C: 3 hits with weight: the challenge would never do this
    assert score_event(truth, submission(A, B, C)) == pytest.approx(1.0)
    # C's weight is dropped and the rest renormalised: A alone is still 0.4 of the event
    assert score_event(truth, submission(A)) == pytest.approx(0.4)
    assert score_event(truth, submission(C)) == 0.0


def test_weights_are_normalised():
    truth = truth_table()
    truth["weight"] *= 7.0
    assert score_event(truth, submission(A)) == pytest.approx(0.4)


def test_analyze_tracks_columns():
    tracks = analyze_tracks(truth_table(), submission([1, 2, 3, 5], [4], [6, 7]))
    first = tracks.set_index("track_id").loc[1]
    assert first["nhits"] == 4 and first["major_particle_id"] == 11
    assert first["major_nhits"] == 3 and first["major_particle_nhits"] == 4
    assert first["major_weight"] == pytest.approx(0.30) and bool(first["good"])
    tie = analyze_tracks(truth_table(), submission([1, 2, 5, 6])).iloc[0]
    assert tie["major_particle_id"] == 11 and not tie["good"]  # tie -> smaller particle id


def reference_score(truth: pd.DataFrame, sub: pd.DataFrame) -> float:
    """Direct transcription of the definition with Python dicts (independent of pandas groupby)."""
    pid = dict(zip(truth.hit_id, truth.particle_id, strict=True))
    n_of = Counter(truth.particle_id)
    w = {
        h: (wt if p != 0 and n_of[p] >= 4 else 0.0)
        for h, p, wt in zip(truth.hit_id, truth.particle_id, truth.weight, strict=True)
    }
    total = sum(w.values())
    tracks: dict[int, list[int]] = {}
    for h, t in zip(sub.hit_id, sub.track_id, strict=True):
        tracks.setdefault(t, []).append(h)
    score = 0.0
    for hits in tracks.values():
        counts = Counter(pid[h] for h in hits)
        best = min(counts, key=lambda p: (-counts[p], p))
        if 2 * counts[best] > len(hits) and 2 * counts[best] > n_of[best]:
            score += sum(w[h] for h in hits if pid[h] == best)
    return score / total


@pytest.mark.parametrize("seed", range(5))
def test_random_submissions_match_reference(seed):
    rng = np.random.default_rng(seed)
    n_particles = 40
    nh = rng.integers(1, 12, n_particles)
    pid = np.concatenate([np.repeat(np.arange(1, n_particles + 1), nh), np.zeros(20, dtype=int)])
    hit_id = rng.permutation(len(pid)) + 1
    truth = pd.DataFrame({"hit_id": hit_id, "particle_id": pid, "weight": rng.uniform(0, 1, len(pid))})
    # a noisy reconstruction: true tracks, with 20 % of the hits moved to a random track
    track = pid.copy()
    moved = rng.uniform(size=len(pid)) < 0.2
    track[moved] = rng.integers(0, n_particles + 5, moved.sum())
    sub = pd.DataFrame({"hit_id": hit_id, "track_id": track})
    got = score_event(truth, sub)
    assert 0.0 < got < 1.0
    assert got == pytest.approx(reference_score(truth, sub), abs=1e-12)


def test_bad_inputs():
    truth = truth_table()
    with pytest.raises(TrackMLFormatError, match="submission, column 'track_id': missing column"):
        score_event(truth, submission(A).drop(columns="track_id"))
    dup = submission(A, [1, 5])
    with pytest.raises(TrackMLFormatError, match="hit 1 assigned to more than one track"):
        score_event(truth, dup)
    with pytest.raises(TrackMLFormatError, match="absent from truth, e.g. 99"):
        score_event(truth, submission(A, [99]))
    nan = submission(A).astype({"track_id": float})
    nan.loc[0, "track_id"] = np.nan
    with pytest.raises(TrackMLFormatError, match="'track_id': missing/NaN"):
        score_event(truth, nan)
    with pytest.raises(TrackMLFormatError, match="truth, column 'weight'"):
        score_event(truth.drop(columns="weight"), submission(A))
    with pytest.raises(TrackMLFormatError, match="no hit carries weight"):
        score_event(truth_table().assign(weight=0.0), submission(A))
    negative = truth_table()
    negative.loc[3, "weight"] = -0.1
    with pytest.raises(TrackMLFormatError, match="truth, column 'weight': negative"):
        score_event(negative, submission(A))
    with pytest.raises(TrackMLFormatError, match="hit 2 assigned to more than one track"):
        score_event(truth, submission([1, 2, 3], [2, 4]))


@pytest.mark.parametrize("seed", range(3))
def test_unordered_sparse_ids_match_reference(seed):
    """Truth rows in any order with sparse hit ids, huge particle ids, sparse track ids: the
    general lookups give the reference score too."""
    rng = np.random.default_rng(seed)
    nh = rng.integers(1, 10, 30)
    pid = np.concatenate([np.repeat(rng.choice(2**60, 30, replace=False), nh), np.zeros(15, dtype=np.int64)])
    hit_id = rng.choice(10**9, len(pid), replace=False) + 1
    truth = pd.DataFrame({"hit_id": hit_id, "particle_id": pid, "weight": rng.uniform(0, 1, len(pid))})
    track = np.unique(pid, return_inverse=True)[1] * 10**12
    moved = rng.uniform(size=len(pid)) < 0.2
    track[moved] = rng.integers(0, 10**12, moved.sum())
    keep = rng.uniform(size=len(pid)) < 0.9
    sub = pd.DataFrame({"hit_id": hit_id[keep], "track_id": track[keep]}).sample(frac=1.0, random_state=seed)
    assert score_event(truth, sub) == pytest.approx(reference_score(truth, sub), abs=1e-12)
