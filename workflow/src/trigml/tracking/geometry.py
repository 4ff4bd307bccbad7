"""The TrackML pixel detector as the tracking study sees it: 18 layers and the 23 layer pairs.

Layers are numbered 0..17 in the order of DeZoort et al. (2021) (and of the HEP.TrkX code they
build on): the four barrel layers outward, then the negative endcap (volume 7) from the barrel
outward, then the positive endcap (volume 9) from the barrel outward. In the challenge's ids the
disks of volume 9 have ``layer_id`` 2, 4, ..., 14 counted outward from the barrel and those of
volume 7 have ``layer_id`` 14, 12, ..., 2 counted towards it::

    index   0   1   2   3 |  4   5   6   7   8   9  10 | 11  12  13  14  15  16  17
    volume  8   8   8   8 |  7   7   7   7   7   7   7 |  9   9   9   9   9   9   9
    layer   2   4   6   8 | 14  12  10   8   6   4   2 |  2   4   6   8  10  12  14

Layer pairs (inner -> outer): 3 barrel-barrel, 4 + 4 barrel -> first disk, 6 + 6 disk-disk = 23.
"""

from __future__ import annotations

import numpy as np

PIXEL_VOLUMES = (7, 8, 9)
BARREL_VOLUME = 8

#: (volume_id, layer_id) of layer index 0..17.
PIXEL_LAYERS: tuple[tuple[int, int], ...] = (
    (8, 2), (8, 4), (8, 6), (8, 8),
    (7, 14), (7, 12), (7, 10), (7, 8), (7, 6), (7, 4), (7, 2),
    (9, 2), (9, 4), (9, 6), (9, 8), (9, 10), (9, 12), (9, 14),
)  # fmt: skip
N_LAYERS = len(PIXEL_LAYERS)
BARREL_LAYERS = (0, 1, 2, 3)
FIRST_DISK_NEG, FIRST_DISK_POS = 4, 11

#: The 23 (inner, outer) layer pairs between which edges are built.
LAYER_PAIRS: tuple[tuple[int, int], ...] = (
    (0, 1), (1, 2), (2, 3),
    (0, 4), (1, 4), (2, 4), (3, 4),
    (0, 11), (1, 11), (2, 11), (3, 11),
    (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10),
    (11, 12), (12, 13), (13, 14), (14, 15), (15, 16), (16, 17),
)  # fmt: skip

#: Mean radius [mm] of barrel layers 1 and 2 in the real detector (DeZoort et al.'s values) and
#: the barrel half-length [mm]: an edge from barrel layer 0 (1) to a first disk whose straight line
#: crosses barrel layer 1 (2) inside |z| < half-length skips a layer the particle must have crossed.
BARREL_RADIUS_MM = {1: 71.56298065185547, 2: 115.37811279296875}
BARREL_HALF_LENGTH_MM = 490.975

#: For the barrel -> first-disk pairs concerned: the radius of the barrel layer in between.
CROSSING_RADIUS_MM: dict[tuple[int, int], float] = {
    (0, FIRST_DISK_NEG): BARREL_RADIUS_MM[1],
    (0, FIRST_DISK_POS): BARREL_RADIUS_MM[1],
    (1, FIRST_DISK_NEG): BARREL_RADIUS_MM[2],
    (1, FIRST_DISK_POS): BARREL_RADIUS_MM[2],
}

#: Scale of the node features x = (r, phi, z) / FEATURE_SCALE: r and z in metres, phi / pi.
FEATURE_SCALE = np.array([1000.0, np.pi, 1000.0])


def _layer_lut() -> np.ndarray:
    lut = np.full((max(v for v, _ in PIXEL_LAYERS) + 1, max(lay for _, lay in PIXEL_LAYERS) + 1), -1, np.int64)
    for i, (v, lay) in enumerate(PIXEL_LAYERS):
        lut[v, lay] = i
    return lut


#: Layer index 0..17 by (volume_id, layer_id), -1 elsewhere (read-only).
LAYER_LUT = _layer_lut()
LAYER_LUT.flags.writeable = False


def layer_index(volume_id: np.ndarray, layer_id: np.ndarray) -> np.ndarray:
    """Layer index 0..17 of each hit, -1 for hits outside the pixel detector."""
    lut = LAYER_LUT
    vol = np.asarray(volume_id, dtype=np.int64)
    lay = np.asarray(layer_id, dtype=np.int64)
    inside = (vol >= 0) & (vol < lut.shape[0]) & (lay >= 0) & (lay < lut.shape[1])
    out = np.full(vol.shape, -1, np.int64)
    out[inside] = lut[vol[inside], lay[inside]]
    return out


def wrap_phi(dphi: np.ndarray) -> np.ndarray:
    """Differences of two angles in [-pi, pi) (so dphi in (-2 pi, 2 pi)) folded into [-pi, pi).

    Written with two ``np.where`` rather than a float modulo, which is ~5x slower in numpy.
    """
    dphi = np.where(dphi >= np.pi, dphi - 2 * np.pi, dphi)
    return np.where(dphi < -np.pi, dphi + 2 * np.pi, dphi)
