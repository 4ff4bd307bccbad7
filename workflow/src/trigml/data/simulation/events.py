"""Assemble simulated events into the TrackML challenge's four tables, and write datasets.

Per bunch crossing: Pythia8 particles → selection (charged, pT > ``min_pt_gev``, |η| < ``max_eta``,
produced inside the tracker) → helix propagation with multiple scattering → hits on the modules
crossed (a second hit where neighbouring modules overlap) → hit inefficiency → smearing along
the module's local axes → noise hits → ``hits``, ``cells``, ``particles`` and ``truth`` with the
challenge's particle ids, ``nhits`` and hit weights.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .generator import EventGenerator, GenParticles
from .geometry import Detector, locate_all, module_tables, trackml_detector
from .propagation import propagate
from .settings import SimulationSettings

__all__ = [
    "encode_particle_id",
    "decode_particle_id",
    "challenge_weights",
    "build_event",
    "TrackMLSimulator",
    "simulate_dataset",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 100

# particle_id bit fields of the TrackML challenge (trackml-library ``decode_particle_id``)
PID_FIELDS = {
    "vertex_id": (52, 0xFFF),
    "primary_id": (36, 0xFFFF),
    "generation": (24, 0xFFF),
    "secondary_id": (12, 0xFFF),
    "process": (0, 0xFFF),
}


def encode_particle_id(vertex_id: Any, primary_id: Any, generation: Any = 0, secondary_id: Any = 0,
                       process: Any = 0) -> np.ndarray:  # fmt: skip
    """The challenge's 64-bit particle id: vertex (12 bits) | primary (16) | generation (12) | secondary (12) | process (12).

    Vertex ids stay below 2048 so the id is a positive int64, as in the challenge files.
    """
    values = dict(vertex_id=vertex_id, primary_id=primary_id, generation=generation,
                  secondary_id=secondary_id, process=process)  # fmt: skip
    out = np.zeros(np.broadcast(*[np.asarray(v) for v in values.values()]).shape, dtype=np.uint64)
    for name, v in values.items():
        shift, mask = PID_FIELDS[name]
        v = np.asarray(v, dtype=np.int64)
        limit = 0x7FF if name == "vertex_id" else mask
        if (v < 0).any() or (v > limit).any():
            raise ValueError(f"particle id field {name} out of range 0 … {limit}: {v.min()} … {v.max()}")
        out |= v.astype(np.uint64) << np.uint64(shift)
    return out.astype(np.int64)


def decode_particle_id(particle_id: Any) -> dict[str, np.ndarray]:
    pid = np.asarray(particle_id).astype(np.uint64)
    return {name: ((pid >> np.uint64(shift)) & np.uint64(mask)).astype(np.int64)
            for name, (shift, mask) in PID_FIELDS.items()}  # fmt: skip


# --- challenge hit weights ---------------------------------------------------------------------
ORDER_PROPOSAL = np.array([10.0, 8.0, 6.0, 5.0, 3.0, 3.0, 3.0, 5.0, 6.0])
ORDER_MIN_HITS, ORDER_MAX_HITS = 4, 20


def _order_matrix() -> np.ndarray:
    """Weight of the i-th hit (ordered by distance from the vertex along z) of an n-hit track."""
    w = np.zeros((ORDER_MAX_HITS + 1, ORDER_MAX_HITS))
    for n in range(ORDER_MIN_HITS, ORDER_MAX_HITS + 1):
        support = np.arange(len(ORDER_PROPOSAL)) * (n - 1) / (len(ORDER_PROPOSAL) - 1)
        row = np.interp(np.arange(n), support, ORDER_PROPOSAL)
        w[n, :n] = row / row.sum()
    return w


ORDER_MATRIX = _order_matrix()


def _pt_weight(pt: np.ndarray) -> np.ndarray:
    """0.2 up to 0.5 GeV, rising linearly to 1 at 3 GeV (0 below 0.05 GeV)."""
    return np.interp(pt, [0.05, 0.5, 3.0], [0.2, 0.2, 1.0], left=0.0, right=1.0)


def challenge_weights(truth: pd.DataFrame, particles: pd.DataFrame) -> np.ndarray:
    """The TrackML score's per-hit weights (normalised to 1 over the event).

    weight = w_order(i, n) · w_pT(particle), where the particle's n hits are ranked by |tz − vz|
    (the first and last hits weigh most), particles with < 4 hits and noise weigh 0, tracks longer
    than 20 hits use the 20-hit weights (hits beyond the 20th weigh 0).
    """
    pid = truth["particle_id"].to_numpy()
    w = np.zeros(len(truth))
    real = pid != 0
    if not real.any():
        return w
    part = particles.set_index("particle_id")
    missing = ~np.isin(pid[real], part.index.to_numpy())
    if missing.any():
        raise ValueError(
            f"truth has particle ids absent from the particles table, e.g. {pid[real][missing][0]}"
        )
    vz = part.loc[pid[real], "vz"].to_numpy()
    pt = np.hypot(part.loc[pid[real], "px"].to_numpy(), part.loc[pid[real], "py"].to_numpy())
    dz = np.abs(truth["tz"].to_numpy()[real] - vz)
    return _normalised_weights(pid, real, dz, pt)


def _normalised_weights(pid: np.ndarray, real: np.ndarray, dz: np.ndarray, pt: np.ndarray) -> np.ndarray:
    """:func:`challenge_weights` from arrays: ``pid`` of every hit, ``real`` (pid != 0), and per real
    hit |tz - vz| and its particle's pT."""
    w = np.zeros(len(pid))
    p = pid[real]
    order = np.lexsort((dz, p))  # by particle, then |dz|
    p_sorted = p[order]
    starts = np.r_[0, np.flatnonzero(np.diff(p_sorted)) + 1]
    counts = np.diff(np.r_[starts, len(p_sorted)])
    n = np.repeat(counts, counts)
    ihit = np.arange(len(p_sorted)) - np.repeat(starts, counts)
    n_row = np.minimum(n, ORDER_MAX_HITS)
    w_order = np.where((n >= ORDER_MIN_HITS) & (ihit < ORDER_MAX_HITS),
                       ORDER_MATRIX[n_row, np.minimum(ihit, ORDER_MAX_HITS - 1)], 0.0)  # fmt: skip
    w_real = np.empty(len(p))
    w_real[order] = w_order * _pt_weight(pt[order])
    w[real] = w_real
    total = w.sum()
    return w / total if total > 0 else w


# --- one event ----------------------------------------------------------------------------------
def _select(gen: GenParticles, s: SimulationSettings, det: Detector) -> np.ndarray:
    pt = np.hypot(gen.mom[:, 0], gen.mom[:, 1])
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = np.arcsinh(gen.mom[:, 2] / pt)
    r = np.hypot(gen.pos[:, 0], gen.pos[:, 1])
    return np.flatnonzero(
        (gen.q != 0)
        & (pt > s.min_pt_gev)
        & (np.abs(eta) < s.max_eta)
        & (r < det.r_envelope)
        & (np.abs(gen.pos[:, 2]) < det.z_envelope)
    )


def _frames_of_hits(hits: dict[str, np.ndarray], det: Detector, s: SimulationSettings,
                    rng: np.random.Generator) -> dict[str, np.ndarray]:  # fmt: skip
    """Smear true positions, add module ids and cell clusters; input/output: per-hit arrays."""
    surf = hits["surface"]
    n = len(surf)
    pos = hits["pos"]
    x, y, z = pos.T
    r = np.hypot(x, y)
    phi = np.arctan2(y, x)
    disk = np.array([sf.kind == "disk" for sf in det.surfaces])[surf]
    # (u, v) resolution of each surface's system (0 for a system without one)
    table = np.array([s.resolution_mm.get(sf.system, (0.0, 0.0)) for sf in det.surfaces], dtype=float)
    g = rng.normal(size=(n, 2)) * table[surf]
    phi_m = phi + g[:, 0] / np.maximum(r, 1e-9)
    r_m = np.where(disk, r + g[:, 1], r)
    z_m = np.where(disk, z, z + g[:, 1])
    hits["meas"] = np.column_stack([r_m * np.cos(phi_m), r_m * np.sin(phi_m), z_m])
    return hits


def _cells(surf: np.ndarray, u: np.ndarray, v: np.ndarray, direction: np.ndarray, pos: np.ndarray,
           hit_id: np.ndarray, det: Detector, rng: np.random.Generator) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Cluster of cells per hit: its size follows the track's incidence angle through the sensor.
    Returns (hit index, ch0, ch1, value) per cell, ordered by (hit_id, ch0, ch1)."""
    n = len(surf)
    thick = np.array([sf.thickness for sf in det.surfaces])[surf]
    pitch = np.array([sf.pitch for sf in det.surfaces])[surf]
    disk = np.array([sf.kind == "disk" for sf in det.surfaces])[surf]
    r = np.maximum(np.hypot(pos[:, 0], pos[:, 1]), 1e-9)
    rhat = np.column_stack([pos[:, 0] / r, pos[:, 1] / r, np.zeros(n)])
    phihat = np.column_stack([-pos[:, 1] / r, pos[:, 0] / r, np.zeros(n)])
    zhat = np.tile([0.0, 0.0, 1.0], (n, 1))
    normal = np.where(disk[:, None], zhat, rhat)
    vaxis = np.where(disk[:, None], rhat, zhat)
    dn = np.maximum(np.abs(np.sum(direction * normal, axis=1)), 1e-3)
    du = np.abs(np.sum(direction * phihat, axis=1)) / dn
    dv = np.abs(np.sum(direction * vaxis, axis=1)) / dn
    nu = np.clip(1 + np.floor(thick * du / pitch[:, 0]), 1, 8).astype(np.int64)
    nv = np.clip(1 + np.floor(thick * dv / pitch[:, 1]), 1, 24).astype(np.int64)
    ch0 = np.maximum(np.floor(u / pitch[:, 0]).astype(np.int64) - nu // 2, 0)
    ch1 = np.maximum(np.floor(v / pitch[:, 1]).astype(np.int64) - nv // 2, 0)
    ncell = nu * nv
    # charge: path length through silicon (in units of the thickness) times a Landau-like fluctuation,
    # shared by the hit's cells with a uniform spread drawn cell by cell (ch0 fastest, hit by hit)
    charge = (1.0 / dn) * np.exp(rng.gumbel(0.0, 0.15, size=n))
    spread = rng.uniform(0.5, 1.5, size=int(ncell.sum()))
    perm, hit, a, b = _cell_order(hit_id, nu, nv)
    return hit, ch0[hit] + a, ch1[hit] + b, (charge / ncell)[hit] * spread[perm]


def _cell_order(hit_id: np.ndarray, nu: np.ndarray, nv: np.ndarray) -> tuple[np.ndarray, ...]:
    """Cells sorted by (hit_id, ch0, ch1): for each, its position in the order the cells are
    made (hit by hit, each hit's ``nu * nv`` cells ch0 fastest), its hit, and its (ch0, ch1) offsets
    within the hit's cluster. Hits come in ``hit_id`` order (a permutation of 1 … n); sorted by
    (ch0, ch1), the t-th cell of a hit has offsets (t // nv, t % nv) and was made
    (t % nv) * nu + t // nv-th. No two cells coincide, so nothing is dropped.
    """
    n = len(hit_id)
    ncell = nu * nv
    start = np.cumsum(ncell) - ncell
    by_id = np.empty(n, dtype=np.int64)
    by_id[hit_id - 1] = np.arange(n)
    nc = ncell[by_id]
    hit = np.repeat(by_id, nc)
    t = np.arange(nc.sum()) - np.repeat(np.cumsum(nc) - nc, nc)
    a, b = np.divmod(t, nv[hit])
    return start[hit] + b * nu[hit] + a, hit, a, b


def _particle_ids(gen: GenParticles, sel: np.ndarray) -> np.ndarray:
    """Challenge particle ids of the selected particles: vertex + 1, and primary_id 1, 2, ... within
    each vertex in generator order."""
    n_vertex = int(gen.vertex.max()) + 1 if len(gen) else 0
    if n_vertex > 2047:
        raise ValueError(f"{n_vertex} interactions in one event: particle ids hold at most 2047 vertices")
    vertex = gen.vertex[sel]
    order = np.argsort(vertex, kind="stable")
    first = np.r_[0, np.flatnonzero(np.diff(vertex[order])) + 1]
    counts = np.diff(np.r_[first, len(order)])
    prim = np.empty(len(sel), dtype=np.int64)
    prim[order] = np.arange(len(order)) - np.repeat(first, counts) + 1
    return encode_particle_id(vertex + 1, prim)


_HIT_KEYS = ("particle", "surface", "pos", "mom", "module", "u", "v")


def _module_hits(part_idx: np.ndarray, surf: np.ndarray, tpos: np.ndarray, tmom: np.ndarray,
                 det: Detector) -> dict[str, np.ndarray]:  # fmt: skip
    """Hits of the sensitive crossings: the crossed module and the overlap duplicates on neighbouring
    modules; rows by surface, then kind (crossed, φ neighbour, z / ring neighbour), then crossing."""
    if not len(surf):
        return {"particle": np.zeros(0, int), "surface": np.zeros(0, int), "pos": np.zeros((0, 3)),
                "mom": np.zeros((0, 3)), "module": np.zeros(0, int), "u": np.zeros(0), "v": np.zeros(0)}  # fmt: skip
    tables = module_tables(det)
    loc = locate_all(tables, surf, *tpos.T)
    d = tmom / np.linalg.norm(tmom, axis=1)[:, None]
    disk = tables["is_disk"][surf]
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = np.hypot(tpos[:, 0], tpos[:, 1])
        normal = np.where(disk[:, None], np.array([0.0, 0.0, 1.0]),
                          np.column_stack([tpos[:, 0] / rr, tpos[:, 1] / rr, np.zeros(len(surf))]))  # fmt: skip
    dn = np.sum(d * normal, axis=1)
    dn = np.where(np.abs(dn) < 0.05, np.copysign(0.05, dn + 1e-12), dn)
    stagger = np.array([sf.stagger for sf in det.surfaces])
    # each overlap duplicate sits where the track crosses its own module: the phi neighbour one
    # stagger along the normal, the z (barrel) / ring (disk) neighbour half a stagger, so a
    # particle crossing three overlapping modules leaves three distinct true positions
    parts = [(np.arange(len(surf)), np.zeros(len(surf), np.int64), tpos, loc["module_id"], loc["u"], loc["v"])]
    for kind, (key, step) in enumerate((("phi", 1.0), ("other", 0.5)), start=1):
        idx = np.flatnonzero(loc[f"dup_{key}"] > 0)
        p = tpos[idx] + (step * stagger[surf[idx]] * loc[f"sign_{key}"][idx] / dn[idx])[:, None] * d[idx]
        loc2 = locate_all(tables, surf[idx], *p.T)
        parts.append((idx, np.full(len(idx), kind), p, loc[f"dup_{key}"][idx], loc2["u"], loc2["v"]))
    idx, kind, p, mod, u, v = (np.concatenate(x) for x in zip(*parts, strict=True))
    order = np.lexsort((idx, kind, surf[idx]))
    return {"particle": part_idx[idx[order]], "surface": surf[idx[order]], "pos": p[order],
            "mom": tmom[idx[order]], "module": mod[order], "u": u[order], "v": v[order]}  # fmt: skip


def _noise_hits(n_noise: int, sensitive: np.ndarray, det: Detector,
                rng: np.random.Generator) -> tuple[np.ndarray, ...]:  # fmt: skip
    """(surface, position, module, u, v) of noise hits spread over the sensitive surfaces in
    proportion to their area."""
    sens_idx = np.flatnonzero(sensitive)
    area = np.array([det.surfaces[i].area for i in sens_idx])
    nsurf = (
        sens_idx[rng.choice(len(sens_idx), size=n_noise, p=area / area.sum())]
        if n_noise
        else np.zeros(0, int)
    )
    npos = np.zeros((n_noise, 3))
    nmod = np.zeros(n_noise, dtype=np.int64)
    nu_, nv_ = np.zeros(n_noise), np.zeros(n_noise)
    for j in np.unique(nsurf):
        m = np.flatnonzero(nsurf == j)
        sf = det.surfaces[j]
        ph = rng.uniform(-np.pi, np.pi, size=len(m))
        if sf.kind == "barrel":
            rr = np.full(len(m), sf.r)
            zz = rng.uniform(-sf.z_max, sf.z_max, size=len(m))
        else:
            rr = np.sqrt(rng.uniform(sf.r_min**2, sf.r_max**2, size=len(m)))
            zz = np.full(len(m), sf.z)
        npos[m] = np.column_stack([rr * np.cos(ph), rr * np.sin(ph), zz])
    if n_noise:
        loc = locate_all(module_tables(det), nsurf, *npos.T)
        nmod, nu_, nv_ = loc["module_id"], loc["u"], loc["v"]
    return nsurf, npos, nmod, nu_, nv_


def _cell_directions(H: dict[str, np.ndarray], nsurf: np.ndarray, npos: np.ndarray, det: Detector) -> np.ndarray:
    """Unit direction of each hit for the cluster shape: the particle's momentum, or for noise the
    surface normal."""
    n_noise, n_true = len(nsurf), len(H["particle"])
    direction = np.concatenate([H["mom"], np.tile([0.0, 0.0, 1.0], (n_noise, 1))])
    direction = direction / np.maximum(np.linalg.norm(direction, axis=1), 1e-12)[:, None]
    direction[n_true:] = np.where(
        np.array([det.surfaces[j].kind == "disk" for j in nsurf])[:, None]
        if n_noise
        else np.zeros((0, 1), bool),
        [0.0, 0.0, 1.0],
        np.column_stack([npos[:, 0], npos[:, 1], np.zeros(n_noise)])
        / np.maximum(np.hypot(npos[:, 0], npos[:, 1]), 1e-9)[:, None],
    )
    return direction


def _hit_order(vol: np.ndarray, lay: np.ndarray, mod: np.ndarray, z: np.ndarray) -> np.ndarray:
    """``np.lexsort((z, mod, lay, vol))``, with (vol, lay, mod) packed into one key when the ids fit."""
    if len(vol) and (vol.min() < 0 or lay.min() < 0 or mod.min() < 0 or vol.max() >= 2**20 or lay.max() >= 2**8
                     or mod.max() >= 2**32):  # fmt: skip
        return np.lexsort((z, mod, lay, vol))
    return np.lexsort((z, (vol << 40) | (lay << 32) | mod))


def build_event(gen: GenParticles, det: Detector, s: SimulationSettings,
                rng: np.random.Generator) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The four challenge tables of one bunch crossing."""
    sel = _select(gen, s, det)
    pid = _particle_ids(gen, sel)
    pos0, mom0, q = gen.pos[sel], gen.mom[sel], gen.q[sel]
    pt0 = np.hypot(mom0[:, 0], mom0[:, 1])

    # propagate what leaves hits (pT above the hit threshold)
    prop = np.flatnonzero(pt0 >= s.min_pt_hits_gev)
    # hadrons (not e, mu) end in a hadronic interaction with a probability per radiation length
    hadron = ~np.isin(np.abs(gen.pdg[sel][prop]), (11, 13))
    stop = np.where(hadron, s.interaction_per_x0, 0.0) if s.interaction_per_x0 > 0 else None
    cr = propagate(pos0[prop], mom0[prop], q[prop], gen.mass[sel][prop], det, bfield=s.bfield_t,
                   rng=rng, multiple_scattering=s.multiple_scattering, stop_per_x0=stop)  # fmt: skip
    sensitive = np.array([sf.sensitive for sf in det.surfaces])
    keep = sensitive[cr.surface]
    H = _module_hits(prop[cr.particle[keep]], cr.surface[keep], cr.pos[keep], cr.mom[keep], det)
    eff = rng.uniform(size=len(H["particle"])) < s.hit_efficiency  # inefficiency
    H = _frames_of_hits({k: v[eff] for k, v in H.items()}, det, s, rng)
    n_noise = int(rng.poisson(s.noise_fraction * len(H["particle"]))) if s.noise_fraction > 0 else 0
    nsurf, npos, nmod, nu_, nv_ = _noise_hits(n_noise, sensitive, det, rng)

    n_true = len(H["particle"])
    all_surf = np.r_[H["surface"], nsurf].astype(np.int64)
    vol = np.array([sf.volume_id for sf in det.surfaces])[all_surf]
    lay = np.array([sf.layer_id for sf in det.surfaces])[all_surf]
    mod = np.r_[H["module"], nmod].astype(np.int64)
    meas = np.concatenate([H["meas"], npos])
    true_pos = np.concatenate([H["pos"], npos])
    true_mom = np.concatenate([H["mom"], np.zeros((n_noise, 3))])
    hit_pid = np.r_[pid[H["particle"]], np.zeros(n_noise, dtype=np.int64)]
    # hits ordered by volume, layer, module, then z (as in the challenge files)
    order = _hit_order(vol, lay, mod, meas[:, 2])
    hit_id = np.empty(len(order), dtype=np.int64)
    hit_id[order] = np.arange(1, len(order) + 1)

    nhits = np.bincount(H["particle"], minlength=len(sel)) if n_true else np.zeros(len(sel), int)
    particles = pd.DataFrame({
        "particle_id": pid, "vx": pos0[:, 0], "vy": pos0[:, 1], "vz": pos0[:, 2],
        "px": mom0[:, 0], "py": mom0[:, 1], "pz": mom0[:, 2], "q": q, "nhits": nhits,
    }).sort_values("particle_id", ignore_index=True)  # fmt: skip
    # the challenge weights (challenge_weights(truth, particles)) from the arrays at hand
    ip = H["particle"]
    weight = _normalised_weights(hit_pid, hit_pid != 0, np.abs(true_pos[:n_true, 2] - pos0[ip, 2]),
                                 np.hypot(mom0[ip, 0], mom0[ip, 1]))  # fmt: skip
    # both tables in hit_id order (hit_id[order] = 1, 2, ...)
    mo, tpo, tmo = meas[order], true_pos[order], true_mom[order]
    hits = pd.DataFrame({
        "hit_id": hit_id[order], "x": mo[:, 0], "y": mo[:, 1], "z": mo[:, 2],
        "volume_id": vol[order], "layer_id": lay[order], "module_id": mod[order],
    })  # fmt: skip
    truth = pd.DataFrame({
        "hit_id": hit_id[order], "particle_id": hit_pid[order], "tx": tpo[:, 0], "ty": tpo[:, 1], "tz": tpo[:, 2],
        "tpx": tmo[:, 0], "tpy": tmo[:, 1], "tpz": tmo[:, 2], "weight": weight[order],
    })  # fmt: skip

    direction = _cell_directions(H, nsurf, npos, det)
    ch, c0, c1, value = _cells(all_surf, np.r_[H["u"], nu_], np.r_[H["v"], nv_], direction, true_pos, hit_id,
                               det, rng)  # fmt: skip
    cells = pd.DataFrame({"hit_id": hit_id[ch], "ch0": c0, "ch1": c1, "value": value})
    return {"hits": hits, "cells": cells, "particles": particles, "truth": truth}


class TrackMLSimulator:
    """Generators and detector set up once; :meth:`event` simulates one event id."""

    def __init__(self, settings: SimulationSettings, seed: int) -> None:
        self.settings = settings
        self.seed = int(seed)
        t0 = time.perf_counter()
        self.generator = EventGenerator(
            mu=settings.mu, hard_process=settings.hard_process, minimum_bias=settings.minimum_bias,
            sqrt_s_gev=settings.sqrt_s_gev, beam_spot_mm=settings.beam_spot_mm,
            decay_tau0_max_mm=settings.decay_tau0_max_mm, seed=self.seed,
        )  # fmt: skip
        self.detector = trackml_detector(strips=settings.strips, material_scale=settings.material_scale)
        self.init_seconds = time.perf_counter() - t0
        log.info("Pythia8 initialised in %.1f s (mu = %g, %s + %s pileup)", self.init_seconds,
                 settings.mu, settings.hard_process, settings.minimum_bias)  # fmt: skip

    def event(self, event_id: int) -> dict[str, pd.DataFrame]:
        """One event; a crossing without any listed particle (possible only at tiny μ without a hard
        process) is redrawn, since a challenge event needs at least one particle and hit."""
        for attempt in range(MAX_ATTEMPTS):
            gen = self.generator.generate(event_id, attempt)
            rng = np.random.default_rng([self.seed, 5, int(event_id), attempt])
            ev = build_event(gen, self.detector, self.settings, rng)
            if len(ev["particles"]) and (ev["truth"]["particle_id"] != 0).any():
                if attempt:
                    log.warning("event %09d: %d empty crossing(s) redrawn", event_id, attempt)
                return ev
        raise RuntimeError(f"event {event_id}: {MAX_ATTEMPTS} crossings in a row without a particle "
                           f"leaving hits (mu = {self.settings.mu}); raise mu or use a hard process")  # fmt: skip


def simulate_dataset(outdir: str | os.PathLike[str], event_ids: Iterable[int], settings: SimulationSettings,
                     seed: int, progress: bool = True) -> list[Path]:  # fmt: skip
    """Simulate ``event_ids`` into ``outdir`` (four challenge CSVs each); returns the files written."""
    from tqdm import tqdm

    from trigml.data.trackml import write_event

    event_ids = [int(e) for e in event_ids]
    if not event_ids:
        raise ValueError("no event ids to simulate")
    if len(set(event_ids)) != len(event_ids):
        raise ValueError(
            f"duplicated event ids: {sorted(e for e in set(event_ids) if event_ids.count(e) > 1)}"
        )
    sim = TrackMLSimulator(settings, seed)
    written: list[Path] = []
    for event_id in tqdm(event_ids, desc="simulate TrackML events", unit="event", disable=not progress):
        t0 = time.perf_counter()
        ev = sim.event(event_id)
        written += write_event(outdir, event_id, ev["hits"], ev["cells"], ev["particles"], ev["truth"])
        log.info("event %09d: %d particles, %d hits (%d noise) in %.2f s", event_id, len(ev["particles"]),
                 len(ev["hits"]), int((ev["truth"]["particle_id"] == 0).sum()), time.perf_counter() - t0)  # fmt: skip
    return written
