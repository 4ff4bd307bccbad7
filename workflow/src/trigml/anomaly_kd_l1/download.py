"""The public ADC2021 files on Zenodo ("LHC physics dataset for unsupervised New Physics detection
at 40 MHz", Govorkova et al., Sci. Data 9 (2022) 118), downloaded with their published checksums.

Each file lives in its own Zenodo record. Zenodo publishes an md5 per file in the record's JSON
(``GET /api/records/<id>`` -> ``files[].checksum = "md5:<hex>"``): :func:`fetch_record_file` reads
it, downloads the file with :func:`trigml.download.fetch` (atomic, resumed, retried; a sha256 lock
file is recorded beside it, or checked against ``sha256`` when one is given), verifies the md5 and
checks the ADC2021 layout. A file that fails any check is removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import urllib.request
from pathlib import Path
from typing import Any

from trigml.download import DownloadError, fetch, lock_path

from .layout import read_particles

log = logging.getLogger(__name__)

ZENODO = "https://zenodo.org"

# sample name -> (Zenodo record id, file name), as listed in Govorkova et al. (2022), Table 1.
RECORDS: dict[str, tuple[int, str]] = {
    "background": (5046389, "background_for_training.h5"),
    "Ato4l": (5046446, "Ato4l_lepFilter_13TeV.h5"),
    "leptoquark": (5055454, "leptoquark_LOWMASS_lepFilter_13TeV.h5"),
    "hToTauTau": (5061633, "hToTauTau_13TeV_PU20.h5"),
    "hChToTauNu": (5061688, "hChToTauNu_13TeV_PU20.h5"),
}


def md5_file(path: str | os.PathLike[str], chunk: int = 1 << 20) -> str:
    h = hashlib.md5()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def record_file(record: int, name: str, *, base_url: str = ZENODO, timeout: float = 60.0) -> dict[str, Any]:
    """{'url', 'md5', 'size'} of file ``name`` in Zenodo record ``record`` (from the record's JSON)."""
    api = f"{base_url.rstrip('/')}/api/records/{record}"
    try:
        with urllib.request.urlopen(
            urllib.request.Request(api, headers={"Accept": "application/json"}), timeout=timeout
        ) as r:
            meta = json.load(r)
    except (OSError, ValueError) as exc:
        raise DownloadError(f"{api}: cannot read the Zenodo record ({exc})") from exc
    files = meta.get("files") or []
    for f in files:
        if f.get("key") == name:
            checksum = str(f["checksum"]) if "checksum" in f else ""
            if not checksum.startswith("md5:"):
                raise DownloadError(f"{api}: file {name} has no md5 checksum (got {checksum!r})")
            url = (f.get("links") or {}).get(
                "self"
            ) or f"{base_url.rstrip('/')}/records/{record}/files/{name}?download=1"
            return {"url": url, "md5": checksum.removeprefix("md5:"), "size": f.get("size")}
    raise DownloadError(f"{api}: record has no file {name!r} (files: {[f.get('key') for f in files]})")


def fetch_record_file(
    sample: str,
    dest: str | os.PathLike[str],
    *,
    base_url: str = ZENODO,
    record: int | None = None,
    name: str | None = None,
    md5: str | None = None,
    sha256: str | None = None,
    retries: int = 5,
    progress: bool = True,
) -> Path:
    """Download one ADC2021 file to ``dest`` and verify it (published md5, sha256 lock, layout).

    ``record``/``name`` default to :data:`RECORDS` [``sample``]; ``md5`` (if given) must equal the
    md5 the record publishes.
    """
    if record is None or name is None:
        if sample not in RECORDS:
            raise ValueError(f"unknown ADC2021 sample {sample!r}; known: {sorted(RECORDS)}")
        record, name = record or RECORDS[sample][0], name or RECORDS[sample][1]
    info = record_file(record, name, base_url=base_url)
    if md5 and md5.lower() != info["md5"]:
        raise DownloadError(
            f"{name}: configured md5 {md5} differs from the one Zenodo record {record} publishes ({info['md5']})"
        )
    dest = Path(dest)
    fetch(info["url"], dest, sha256=sha256, retries=retries, progress=progress)
    got = md5_file(dest)
    if got != info["md5"]:
        dest.unlink(missing_ok=True)
        lock_path(dest).unlink(missing_ok=True)
        raise DownloadError(
            f"{info['url']}: md5 of {dest} is {got}, Zenodo record {record} publishes {info['md5']}; file removed"
        )
    try:
        read_particles(dest, max_events=10)
    except Exception:
        dest.unlink(missing_ok=True)
        lock_path(dest).unlink(missing_ok=True)
        raise
    log.info("%s: %s verified (md5 %s)", sample, dest, got)
    return dest
