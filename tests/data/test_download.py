"""trigml.download against a local HTTP server: good, corrupted, truncated, resumed, locked."""

from __future__ import annotations

import hashlib
import os
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "data"))
from trigml.download import ArchiveError, DownloadError, extract, fetch, list_members, lock_path, read_lock


@pytest.fixture
def payload(tmp_path: Path) -> tuple[Path, bytes]:
    """A served folder holding a 300 kB file of random bytes (several read chunks)."""
    served = tmp_path / "served"
    served.mkdir()
    data = os.urandom(300_000)
    (served / "blob.bin").write_bytes(data)
    return served, data


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_good_download_with_sha256(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    dest = tmp_path / "data" / "blob.bin"
    out = fetch(f"{url}/blob.bin", dest, sha256=sha(data), progress=False)
    assert out == dest
    assert dest.read_bytes() == data
    # sha256 given: no lock file, nothing else in the folder
    assert sorted(p.name for p in dest.parent.iterdir()) == ["blob.bin"]


def test_existing_verified_file_is_not_downloaded_again(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    dest = tmp_path / "blob.bin"
    fetch(f"{url}/blob.bin", dest, sha256=sha(data), progress=False)
    n = len(url.requests)
    fetch(f"{url}/blob.bin", dest, sha256=sha(data), progress=False)
    assert len(url.requests) == n


def test_bad_checksum_errors_and_leaves_nothing(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    folder = tmp_path / "data"
    with pytest.raises(DownloadError) as err:
        fetch(f"{url}/blob.bin", folder / "blob.bin", sha256="0" * 64, progress=False, backoff=0)
    msg = str(err.value)
    assert "sha256 mismatch" in msg and f"{url}/blob.bin" in msg and "blob.bin" in msg
    assert not folder.exists() or list(folder.iterdir()) == []


def test_bad_checksum_keeps_existing_folder_clean(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "other.txt").write_text("kept")
    with pytest.raises(DownloadError):
        fetch(f"{url}/blob.bin", folder / "blob.bin", sha256="f" * 64, progress=False)
    assert sorted(p.name for p in folder.iterdir()) == ["other.txt"]


def test_truncated_once_is_resumed_with_range(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    dest = tmp_path / "blob.bin"
    fetch(f"{url}/blob.bin?truncate_once=100000", dest, sha256=sha(data), progress=False, backoff=0)
    assert dest.read_bytes() == data
    ranges = [r["range"] for r in url.requests]
    assert ranges == [None, "bytes=100000-"]  # the second request resumed, it did not start over
    assert url.requests[1]["status"] == 206


def test_permanently_truncated_errors_and_leaves_nothing(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    folder = tmp_path / "data"
    with pytest.raises(DownloadError) as err:
        fetch(f"{url}/blob.bin?truncate=50000", folder / "blob.bin", retries=3, progress=False, backoff=0)
    msg = str(err.value)
    assert (
        "failed after 3 attempt(s), file incomplete" in msg
        and "50000 of 300000 bytes received" in msg
        and "blob.bin" in msg
    )
    assert len(url.requests) == 3
    assert not folder.exists() or list(folder.iterdir()) == []
    # no lock recorded for a download that never completed
    assert not lock_path(folder / "blob.bin").exists()


def test_retry_after_server_errors(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    dest = tmp_path / "blob.bin"
    fetch(f"{url}/blob.bin?fail=2", dest, retries=3, progress=False, backoff=0)
    assert dest.read_bytes() == data
    assert [r["status"] for r in url.requests] == [503, 503, 200]
    with pytest.raises(DownloadError, match="HTTP 503"):
        fetch(f"{url}/blob.bin?fail=9", tmp_path / "again.bin", retries=2, progress=False, backoff=0)


def test_missing_url_is_not_retried(http_server, payload, tmp_path):
    served, _ = payload
    url = http_server(served)
    with pytest.raises(DownloadError, match="HTTP 404"):
        fetch(f"{url}/absent.zip", tmp_path / "absent.zip", retries=5, progress=False, backoff=0)
    assert len(url.requests) == 1
    assert list(tmp_path.iterdir()) == [served]


def test_lock_file_records_then_verifies(http_server, payload, tmp_path, caplog):
    served, data = payload
    url = http_server(served)
    dest = tmp_path / "data" / "blob.bin"
    with caplog.at_level("WARNING", logger="trigml.download"):
        fetch(f"{url}/blob.bin", dest, progress=False)
    assert read_lock(dest) == sha(data)
    assert lock_path(dest).read_text().startswith(f"{sha(data)}  blob.bin\n")
    assert "recorded the sha256" in caplog.text
    # the server's file changes: the next download is checked against the lock and refused
    dest.unlink()
    (served / "blob.bin").write_bytes(data[::-1])
    with pytest.raises(DownloadError, match="recorded in .*blob.bin.sha256"):
        fetch(f"{url}/blob.bin", dest, progress=False)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["blob.bin.sha256"]
    # same content again: accepted
    (served / "blob.bin").write_bytes(data)
    fetch(f"{url}/blob.bin", dest, progress=False)
    assert dest.read_bytes() == data


def test_existing_file_with_wrong_checksum_is_replaced(http_server, payload, tmp_path):
    served, data = payload
    url = http_server(served)
    dest = tmp_path / "blob.bin"
    dest.write_bytes(b"stale")
    fetch(f"{url}/blob.bin", dest, sha256=sha(data), progress=False)
    assert dest.read_bytes() == data


def test_local_path_and_file_url(payload, tmp_path):
    served, data = payload
    a = fetch(str(served / "blob.bin"), tmp_path / "a.bin", sha256=sha(data), progress=False)
    b = fetch((served / "blob.bin").as_uri(), tmp_path / "b.bin", sha256=sha(data), progress=False)
    assert a.read_bytes() == b.read_bytes() == data
    with pytest.raises(DownloadError, match="absent"):
        fetch(str(served / "absent"), tmp_path / "c.bin", progress=False)


def test_bad_sha256_argument():
    with pytest.raises(ValueError, match="64 hexadecimal"):
        fetch("http://127.0.0.1:1/x", "x", sha256="abc")


# --- extract ---------------------------------------------------------------------------------


@pytest.fixture
def archives(tmp_path: Path) -> dict[str, Path]:
    files = {"top/a.txt": b"alpha", "top/sub/b.txt": b"beta", "c.txt": b"gamma"}
    out = {}
    z = tmp_path / "arch.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    out["zip"] = z
    for mode, suffix in [("w", ".tar"), ("w:gz", ".tar.gz")]:
        t = tmp_path / f"arch{suffix}"
        src = tmp_path / "src"
        for name, data in files.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(data)
        with tarfile.open(t, mode) as tf:
            for name in files:
                tf.add(src / name, arcname=name)
        out[suffix.lstrip(".")] = t
    return out


@pytest.mark.parametrize("kind", ["zip", "tar", "tar.gz"])
def test_extract_all_and_members(archives, tmp_path, kind):
    arch = archives[kind]
    assert sorted(list_members(arch)) == ["c.txt", "top/a.txt", "top/sub/b.txt"]
    out = extract(arch, tmp_path / "out")
    assert (out / "top/sub/b.txt").read_bytes() == b"beta"
    assert (out / "c.txt").read_bytes() == b"gamma"
    # a second extraction with a subset replaces the folder as a whole
    out = extract(arch, tmp_path / "out", members=["top/a.txt"])
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == ["top/a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_extract_missing_member_leaves_dest_untouched(archives, tmp_path):
    dest = tmp_path / "out"
    extract(archives["zip"], dest)
    with pytest.raises(ArchiveError, match="lacks member.*nope.txt"):
        extract(archives["zip"], dest, members=["nope.txt"])
    assert (dest / "c.txt").read_bytes() == b"gamma"


def test_extract_corrupt_archive(archives, tmp_path):
    bad = tmp_path / "bad.zip"
    data = archives["zip"].read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArchiveError, match="bad.zip"):
        extract(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    # a zip whose member data is damaged (CRC / deflate error) fails during extraction
    damaged = bytearray(data)
    i = damaged.find(b"top/a.txt") + len(b"top/a.txt")
    damaged[i : i + 3] = b"\xff\xff\xff"
    bad.write_bytes(bytes(damaged))
    with pytest.raises(ArchiveError, match="bad.zip"):
        extract(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_extract_rejects_path_traversal(tmp_path):
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("../escape.txt", b"x")
    with pytest.raises(ArchiveError, match="unsafe member path"):
        extract(z, tmp_path / "out")
    assert not (tmp_path / "escape.txt").exists()


# --- the fetch_trackml script end to end ------------------------------------------------------


@pytest.fixture
def trackml_archives(tmp_path: Path):
    """Three tiny events (1000-1002) as a zip (in a sub-folder, .csv) and a tar.gz (.csv.gz)."""
    from trackml_fixtures import make_event
    from trigml.data.trackml import write_event

    events = {eid: make_event(seed=eid) for eid in (1000, 1001, 1002)}
    served = tmp_path / "served"
    served.mkdir()
    plain, gz = tmp_path / "plain", tmp_path / "gz"
    for eid, ev in events.items():
        write_event(plain, eid, *ev)
        write_event(gz, eid, *ev, compress=True)
    with zipfile.ZipFile(served / "train_sample.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(plain.iterdir()):
            zf.write(f, f"train_100_events/{f.name}")
    with tarfile.open(served / "train_sample.tar.gz", "w:gz") as tf:
        for f in sorted(gz.iterdir()):
            tf.add(f, arcname=f"sample/{f.name}")
    return served, events


def assert_events(outdir: Path, events: dict, ids: list[int]) -> None:
    import pandas as pd
    from trigml.data.trackml import PARTS, load_event

    assert sorted(p.name for p in outdir.iterdir()) == sorted(
        f"event{e:09d}-{p}.csv" for e in ids for p in PARTS
    )
    for e in ids:
        for got, want in zip(load_event(outdir / f"event{e:09d}"), events[e], strict=True):
            pd.testing.assert_frame_equal(got, want, check_exact=True)


@pytest.mark.parametrize("archive", ["train_sample.zip", "train_sample.tar.gz"])
def test_fetch_script_download(http_server, trackml_archives, tmp_path, archive):
    import fetch_trackml  # scripts/data on sys.path below

    served, events = trackml_archives
    url = http_server(served)
    out, dl = tmp_path / "out", tmp_path / "dl"
    argv = ["--url", f"{url}/{archive}", "--event-ids", "1002", "1000", "--outdir", str(out)]
    argv += ["--download-dir", str(dl), "--retries", "5", "--log", str(tmp_path / "log.txt")]
    fetch_trackml.main(argv)
    assert_events(out, events, [1000, 1002])
    # the archive and its recorded sha256 stay; the temporary extraction is gone
    assert sorted(p.name for p in dl.iterdir()) == [archive, f"{archive}.sha256"]
    assert read_lock(dl / archive) == sha((served / archive).read_bytes())
    assert "recorded the sha256" in (tmp_path / "log.txt").read_text()
    # a second run verifies the kept archive against the lock instead of downloading it again
    n = len(url.requests)
    fetch_trackml.main(argv)
    assert len(url.requests) == n


def test_fetch_script_download_errors(http_server, trackml_archives, tmp_path):
    import fetch_trackml
    from trigml.data.trackml import EventNotFoundError

    served, _ = trackml_archives
    url = http_server(served)
    out, dl = tmp_path / "out", tmp_path / "dl"
    base = ["--outdir", str(out), "--download-dir", str(dl)]
    with pytest.raises(
        EventNotFoundError,
        match=r"event\(s\) \[1005\] not found in .*train_sample.zip.*3 events, ids 1000..1002",
    ):
        fetch_trackml.main(["--url", f"{url}/train_sample.zip", "--event-ids", "1000", "1005", "--retries", "5", *base])
    assert not out.exists()
    with pytest.raises(DownloadError, match="sha256 mismatch"):
        fetch_trackml.main(
            ["--url", f"{url}/train_sample.tar.gz", "--sha256", '"' + "a" * 64 + '"', "--retries", "5", "--event-ids", "1000", *base]
        )
    assert not out.exists() and "train_sample.tar.gz" not in [p.name for p in dl.iterdir()]
    with pytest.raises(DownloadError, match="incomplete"):
        fetch_trackml.main(
            ["--url", f"{url}/train_sample.tar.gz?truncate=1000", "--retries", "2", "--event-ids", "1000", *base]
        )
    assert not out.exists() and "train_sample.tar.gz" not in [p.name for p in dl.iterdir()]


def test_fetch_script_local(trackml_archives, tmp_path):
    import fetch_trackml
    from trigml.data.trackml import EventNotFoundError, TrackMLFormatError

    served, events = trackml_archives
    extract(served / "train_sample.tar.gz", tmp_path / "folder")
    for source in (served / "train_sample.zip", tmp_path / "folder" / "sample"):
        out = tmp_path / f"out-{source.name}"
        fetch_trackml.main(["--local", str(source), "--event-ids", "1001", "--outdir", str(out)])
        assert_events(out, events, [1001])
    with pytest.raises(EventNotFoundError, match="holds no event files"):
        fetch_trackml.main(
            ["--local", str(tmp_path / "folder"), "--event-ids", "1001", "--outdir", str(tmp_path / "x")]
        )
    # a broken file in the source: clear error, nothing written for that event
    bad = tmp_path / "folder" / "sample" / "event000001001-truth.csv.gz"
    bad.write_bytes(b"broken")
    with pytest.raises(TrackMLFormatError, match="event000001001-truth.csv.gz: unreadable gzip"):
        fetch_trackml.main(["--local", str(bad.parent), "--event-ids", "1001", "--outdir", str(tmp_path / "y")])
    assert not (tmp_path / "y").exists()


def test_unreachable_host_is_retried_then_fails(tmp_path):
    import socket

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match=r"failed after 2 attempt\(s\).*0 bytes received.*URLError"):
        fetch(
            f"http://127.0.0.1:{port}/x.zip", tmp_path / "d" / "x.zip", retries=2, progress=False, backoff=0
        )
    assert not (tmp_path / "d").exists()
