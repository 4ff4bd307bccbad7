"""Downloads and archive extraction for every dataset of every study.

``fetch(url, dest)`` streams ``url`` to a temporary file beside ``dest``, resumes with an HTTP
``Range`` request after an interruption, retries, verifies the sha256 and renames the file onto
``dest`` only when it is whole and verified. Where no sha256 is published, the first download
records the sha256 it saw in a lock file ``<dest>.sha256`` (``sha256sum`` format) and every later
download of the same ``dest`` is verified against it.

``extract(archive, dest_dir)`` unpacks a zip or tar(.gz/.bz2/.xz) archive into a temporary folder
beside ``dest_dir`` and renames it onto ``dest_dir`` when complete, so ``dest_dir`` is either absent,
the previous extraction, or the whole new one.

Both raise :class:`DownloadError` (a ``RuntimeError``) naming the URL / archive and file, and leave
nothing behind in the destination folder when they fail.

Only the standard library (``urllib``) and ``tqdm`` are used, so downloads work in every env.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import logging
import os
import re
import shutil
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from trigml.files import temporary_beside, temporary_dir_beside

__all__ = [
    "DownloadError",
    "ArchiveError",
    "fetch",
    "extract",
    "list_members",
    "sha256_file",
    "lock_path",
    "read_lock",
]

log = logging.getLogger("trigml.download")

CHUNK = 1 << 20  # 1 MiB per read
USER_AGENT = "trigml-download/1 (+https://github.com/; python-urllib)"
# HTTP statuses worth retrying (server overloaded / gateway trouble); others fail at once.
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class DownloadError(RuntimeError):
    """A download or extraction failed; the message names the URL (or archive) and the file."""


class ArchiveError(DownloadError):
    """An archive cannot be read or lacks a requested member."""


class _Truncated(Exception):
    """The server closed the stream before the advertised length (retryable, resumable)."""


# --------------------------------------------------------------------------------------------
# checksums and lock files
# --------------------------------------------------------------------------------------------


def sha256_file(path: str | os.PathLike[str], chunk: int = CHUNK) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def lock_path(dest: str | os.PathLike[str]) -> Path:
    """The lock file recording the sha256 first seen for ``dest``: ``<dest>.sha256``."""
    dest = Path(dest)
    return dest.with_name(dest.name + ".sha256")


def read_lock(dest: str | os.PathLike[str]) -> str | None:
    """The sha256 recorded for ``dest`` (``None`` when no lock file exists)."""
    path = lock_path(dest)
    if not path.exists():
        return None
    text = path.read_text().split()
    if not text or not _HEX64.match(text[0].lower()):
        raise DownloadError(
            f"lock file {path} does not start with a 64-digit hex sha256; delete it to re-record"
        )
    return text[0].lower()


def _write_lock(dest: Path, digest: str, url: str) -> Path:
    path = lock_path(dest)
    fd, tmp = temporary_beside(path)  # mode from the umask, not 0600
    with os.fdopen(fd, "w") as fh:
        # sha256sum format first (so `sha256sum -c` works from the folder), then provenance.
        fh.write(f"{digest}  {dest.name}\n# recorded by trigml.download from {url}\n")
    os.replace(tmp, path)
    return path


def _check_hex(sha256: str | None) -> str | None:
    if sha256 is None:
        return None
    s = sha256.strip().lower()
    if not _HEX64.match(s):
        raise ValueError(f"sha256 must be 64 hexadecimal digits, got {sha256!r}")
    return s


# --------------------------------------------------------------------------------------------
# fetch
# --------------------------------------------------------------------------------------------


def fetch(
    url: str,
    dest: str | os.PathLike[str],
    *,
    sha256: str | None = None,
    retries: int = 5,
    timeout: float = 60.0,
    progress: bool = True,
    backoff: float = 1.0,
) -> Path:
    """Download ``url`` to ``dest`` (atomically, resumed, retried, checksum-verified).

    Args:
        url: ``http(s)://`` or ``file://`` URL (a plain local path also works).
        dest: final file path; its folder is created.
        sha256: expected hex digest. ``None``: use the lock file ``<dest>.sha256`` when present,
            else record the digest seen there after the first complete download.
        retries: attempts in all (each after the first resumes where the last one stopped).
        timeout: socket timeout per request, seconds.
        progress: show a tqdm progress bar.
        backoff: seconds before the 2nd attempt, doubled after each failure (capped at 60 s).

    Returns:
        ``dest`` as a :class:`~pathlib.Path`.

    Raises:
        DownloadError: HTTP error, too many interrupted attempts, truncated stream, or a checksum
            that differs from the expected / recorded one. Nothing is left in ``dest``'s folder
            (the temporary file is removed; a folder created by this call is removed if empty).
    """
    if retries < 1:
        raise ValueError("retries must be >= 1")
    dest = Path(dest)
    expected = _check_hex(sha256)
    recorded = read_lock(dest) if expected is None else None
    want = expected or recorded

    if dest.exists() and _already_there(dest, want, url):
        return dest
    created = _make_parents(dest.parent)

    fd, tmp_name = temporary_beside(dest)  # mode from the umask, not 0600
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _download(url, tmp, retries=retries, timeout=timeout, progress=progress, backoff=backoff, dest=dest)
        digest = sha256_file(tmp)
        if want is not None and digest != want:
            source = "given" if expected else f"recorded in {lock_path(dest)}"
            raise DownloadError(
                f"sha256 mismatch for {url} -> {dest}: got {digest}, expected {want} ({source}); "
                "the file was discarded"
            )
        os.replace(tmp, dest)
        if want is None:
            lock = _write_lock(dest, digest, url)
            log.warning(
                "no sha256 published for %s: recorded the sha256 seen, %s, in %s; "
                "later downloads to %s are verified against it",
                url, digest, lock, dest,
            )  # fmt: skip
        else:
            log.info("downloaded %s -> %s (sha256 verified)", url, dest)
        return dest
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        for p in created:  # innermost first
            with contextlib.suppress(OSError):
                p.rmdir()
        raise


def _already_there(dest: Path, want: str | None, url: str) -> bool:
    """Whether an existing ``dest`` can be kept: its sha256 matches, or none is known (then recorded)."""
    digest = sha256_file(dest)
    if want is None:
        _write_lock(dest, digest, url)
        log.warning(
            "%s already present and no sha256 known: recorded its sha256 %s in %s", dest, digest, lock_path(dest)
        )
        return True
    if digest == want:
        log.info("%s already present, sha256 verified", dest)
        return True
    log.warning("%s present but its sha256 %s differs from %s: downloading again", dest, digest, want)
    return False


def _make_parents(parent: Path) -> list[Path]:
    """Create ``parent``; return the folders this created, innermost first (removed again on failure)."""
    created: list[Path] = []
    for p in [parent, *parent.parents]:
        if p.exists():
            break
        created.append(p)
    parent.mkdir(parents=True, exist_ok=True)
    return created


def _open(url: str, offset: int, timeout: float):
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    if offset:
        req.add_header("Range", f"bytes={offset}-")
    return urllib.request.urlopen(req, timeout=timeout)  # noqa: S310 (URLs come from config)


def _as_url(url: str) -> str:
    scheme = urllib.parse.urlparse(url).scheme
    if scheme in ("http", "https", "file", "ftp"):
        return url
    return Path(url).resolve().as_uri()


def _download(
    url: str, tmp: Path, *, retries: int, timeout: float, progress: bool, backoff: float, dest: Path
) -> None:
    """Fill ``tmp`` with the whole body of ``url``, resuming after interruptions."""
    from tqdm.auto import tqdm

    url = _as_url(url)
    total: int | None = None
    errors: list[str] = []
    bar = tqdm(total=None, unit="B", unit_scale=True, unit_divisor=1024, desc=dest.name, disable=not progress)
    try:
        for attempt in range(1, retries + 1):
            offset = tmp.stat().st_size
            if total is not None and offset == total:
                return
            try:
                total = _attempt(url, tmp, offset, timeout, bar)
                return
            except urllib.error.HTTPError as err:
                if err.code == 416 and offset:  # our partial file is stale/too long: start over
                    tmp.write_bytes(b"")
                    errors.append(f"attempt {attempt}: HTTP 416 on resume, restarting")
                elif err.code in RETRYABLE_STATUS:
                    errors.append(f"attempt {attempt}: HTTP {err.code} {err.reason}")
                else:
                    hint = (
                        " (the host wants a login: download the file by hand, see README)"
                        if err.code in (401, 403)
                        else ""
                    )
                    raise DownloadError(
                        f"cannot download {url} -> {dest}: HTTP {err.code} {err.reason}{hint}"
                    ) from err
            except _Truncated as err:
                total = err.args[1]
                errors.append(f"attempt {attempt}: {err.args[0]}")
            except (urllib.error.URLError, http.client.HTTPException, OSError) as err:  # resets, TLS
                reason = getattr(err, "reason", err)
                errors.append(f"attempt {attempt}: {type(err).__name__}: {reason}")
                if isinstance(err, urllib.error.URLError) and isinstance(reason, FileNotFoundError):
                    raise DownloadError(f"cannot download {url} -> {dest}: {reason}") from err
            log.warning(
                "download of %s interrupted (%s)%s",
                url,
                errors[-1],
                "; retrying" if attempt < retries else "",
            )
            if attempt < retries:
                time.sleep(min(backoff * 2 ** (attempt - 1), 60.0))
    finally:
        bar.close()
    have = tmp.stat().st_size
    size = f"{have} of {total} bytes" if total is not None else f"{have} bytes"
    raise DownloadError(
        f"download of {url} -> {dest} failed after {retries} attempt(s), file incomplete ({size} received): "
        + "; ".join(errors)
    )


def _attempt(url: str, tmp: Path, offset: int, timeout: float, bar) -> int | None:
    """One request; appends to ``tmp``. Returns the total size (None if unknown) when complete."""
    with _open(url, offset, timeout) as resp:
        status = getattr(resp, "status", None)
        length = resp.headers.get("Content-Length")
        if offset and status == 206:
            m = re.match(r"bytes (\d+)-(\d+)/(\d+|\*)", resp.headers.get("Content-Range", ""))
            if not m or int(m.group(1)) != offset:
                raise http.client.HTTPException(
                    f"bad Content-Range {resp.headers.get('Content-Range')!r} for offset {offset}"
                )
            start = offset
            total = int(m.group(3)) if m.group(3) != "*" else None
        else:  # full body (no Range asked, or the server ignored it): start from zero
            start = 0
            total = int(length) if length is not None else None
        expected_body = (total - start) if total is not None else None
        if bar.total != total:
            bar.reset(total=total)
        bar.n = start
        bar.refresh()
        got = 0
        with open(tmp, "r+b" if start else "wb") as fh:
            fh.seek(start)
            fh.truncate()
            while True:
                try:
                    block = resp.read(CHUNK)
                except http.client.IncompleteRead as err:
                    fh.write(err.partial)
                    got += len(err.partial)
                    block = b""
                if not block:
                    break
                fh.write(block)
                got += len(block)
                bar.update(len(block))
        if expected_body is not None and got < expected_body:
            raise _Truncated(f"stream ended after {start + got} of {total} bytes", total)
        if expected_body is not None and got > expected_body:
            raise http.client.HTTPException(
                f"server sent {got} bytes, more than the advertised {expected_body}"
            )
        return total


# --------------------------------------------------------------------------------------------
# archives
# --------------------------------------------------------------------------------------------


def _kind(archive: Path) -> str:
    if zipfile.is_zipfile(archive):
        return "zip"
    try:
        if tarfile.is_tarfile(archive):
            return "tar"
    except OSError as err:
        raise ArchiveError(f"cannot read archive {archive}: {err}") from err
    raise ArchiveError(f"{archive} is neither a zip nor a tar archive (or it is corrupt)")


def list_members(archive: str | os.PathLike[str]) -> list[str]:
    """Names of the regular files in a zip or tar archive, in archive order."""
    archive = Path(archive)
    if not archive.exists():
        raise ArchiveError(f"archive {archive} does not exist")
    try:
        if _kind(archive) == "zip":
            with zipfile.ZipFile(archive) as zf:
                return [i.filename for i in zf.infolist() if not i.is_dir()]
        with tarfile.open(archive) as tf:
            return [m.name for m in tf.getmembers() if m.isfile()]
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, zlib.error) as err:
        raise ArchiveError(f"cannot read archive {archive}: {err}") from err


def _safe_name(name: str, archive: Path) -> str:
    parts = Path(name).parts
    if Path(name).is_absolute() or ".." in parts or not parts:
        raise ArchiveError(f"unsafe member path {name!r} in {archive}")
    return name


@contextlib.contextmanager
def _atomic_dir(dest_dir: Path) -> Iterator[Path]:
    dest_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_dir_beside(dest_dir)  # mode from the umask, not 0700
    try:
        yield tmp
        old = None
        if dest_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest_dir.name}.", suffix=".old", dir=dest_dir.parent))
            os.rmdir(old)
            os.replace(dest_dir, old)
        os.replace(tmp, dest_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def extract(
    archive: str | os.PathLike[str],
    dest_dir: str | os.PathLike[str],
    members: Iterable[str] | None = None,
) -> Path:
    """Unpack ``archive`` (zip or tar, optionally gz/bz2/xz) into ``dest_dir``, atomically.

    Args:
        archive: the archive file.
        dest_dir: folder that receives the members (with their paths inside the archive); an
            existing folder is replaced as a whole once the new extraction is complete.
        members: names (as in :func:`list_members`) to extract; ``None`` = all regular files.

    Raises:
        ArchiveError: unreadable/corrupt archive, a requested member that is absent, or a member
            path escaping ``dest_dir``. ``dest_dir`` is then left as it was.
    """
    archive = Path(archive)
    dest_dir = Path(dest_dir)
    names = list_members(archive)
    if members is None:
        wanted = names
    else:
        wanted = list(dict.fromkeys(members))
        missing = sorted(set(wanted) - set(names))
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise ArchiveError(f"archive {archive} lacks member(s): {shown}")
    for name in wanted:
        _safe_name(name, archive)
    try:
        with _atomic_dir(dest_dir) as tmp:
            if _kind(archive) == "zip":
                with zipfile.ZipFile(archive) as zf:
                    for name in wanted:
                        zf.extract(name, tmp)
            else:
                with tarfile.open(archive) as tf:
                    chosen = set(wanted)
                    tf.extractall(
                        tmp, members=[m for m in tf.getmembers() if m.name in chosen], filter="data"
                    )
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as err:
        raise ArchiveError(f"cannot extract {archive} into {dest_dir}: {type(err).__name__}: {err}") from err
    log.info("extracted %d member(s) of %s into %s", len(wanted), archive, dest_dir)
    return dest_dir
