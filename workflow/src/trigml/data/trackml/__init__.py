"""TrackML challenge files: read, check, write, and score, exactly in the challenge's format.

One event is four CSV files, ``event<9 digits>-{hits,cells,particles,truth}.csv`` (or ``.csv.gz``),
in a folder or inside a zip archive, with these columns (units: mm, GeV):

=========  ==================================================================================
hits       hit_id, x, y, z, volume_id, layer_id, module_id
cells      hit_id, ch0, ch1, value
particles  particle_id, vx, vy, vz, px, py, pz, q, nhits
truth      hit_id, particle_id (0 = noise), tx, ty, tz, tpx, tpy, tpz, weight
=========  ==================================================================================

The calls follow the TrackML challenge library (``trackml.dataset`` / ``trackml.score``; not on
PyPI): :func:`load_event`, :func:`load_dataset`, :func:`score_event`, plus :func:`write_event`.
Readers check every file — the exact column set, numbers of the right kind in every column, no
NaN, at least one row, unique hit ids, truth/cells hit ids present in the hits — and raise
:class:`TrackMLFormatError` naming the file and the column. :func:`import_events` and
:func:`download_events` bring real events (a folder / zip, or an archive fetched with
:mod:`trigml.download`) into the results tree through the same checks.
"""

from .format import (
    CELLS_DTYPES,
    COLUMNS,
    DTYPES,
    HITS_DTYPES,
    MIN_HITS_WEIGHTED,
    PARTICLES_DTYPES,
    PARTS,
    SUBMISSION_COLUMNS,
    TRUTH_DTYPES,
    EventNotFoundError,
    TrackMLFormatError,
    event_filename,
    event_prefix,
)
from .io import (
    check_event,
    download_events,
    import_events,
    list_events,
    load_dataset,
    load_event,
    write_event,
)
from .score import analyze_tracks, score_event

__all__ = [
    "PARTS",
    "HITS_DTYPES",
    "CELLS_DTYPES",
    "PARTICLES_DTYPES",
    "TRUTH_DTYPES",
    "DTYPES",
    "COLUMNS",
    "SUBMISSION_COLUMNS",
    "MIN_HITS_WEIGHTED",
    "TrackMLFormatError",
    "EventNotFoundError",
    "event_prefix",
    "event_filename",
    "list_events",
    "load_event",
    "load_dataset",
    "check_event",
    "write_event",
    "analyze_tracks",
    "score_event",
    "import_events",
    "download_events",
]
