"""Session-wide test set-up: headless plotting, quiet TensorFlow, the library on sys.path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "workflow" / "src"))
sys.path.insert(0, str(REPO / "scripts"))

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")


TIERS = ("unit", "script", "workflow")


def pytest_collection_modifyitems(items):
    """Tier markers from the layout, unless a test sets its own: tests/workflow/ and
    ``*_workflow*.py`` are ``workflow``, ``*script*.py`` are ``script``, the rest ``unit``."""
    for item in items:
        if any(item.get_closest_marker(t) for t in TIERS):
            continue
        path = Path(str(item.fspath))
        if path.parent.name == "workflow" or "workflow" in path.stem:
            tier = "workflow"
        elif "script" in path.stem:
            tier = "script"
        else:
            tier = "unit"
        item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture(scope="session")
def repo() -> Path:
    """Root of the repository (Snakefile, config/, workflow/)."""
    return REPO


def run_workflow(
    workdir: Path, configfiles: list[Path | str], targets: list[str], *extra: str, cores: int = 2
):
    """Run the real Snakefile in ``workdir`` (results land in ``workdir/results``) on tiny configs.

    The Snakefile's own ``configfile: config/config.yaml`` is resolved against the working
    directory, so the repository's default config is copied there first; the given config files
    are layered on top, as ``--configfile`` does for users.
    """
    import shutil
    import subprocess

    workdir = Path(workdir)
    (workdir / "config").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config" / "config.yaml", workdir / "config" / "config.yaml")
    cmd = [
        sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir),
        "--cores", str(cores), "--configfile", *[str(c) for c in configfiles], "--show-failed-logs",
        *extra, *targets,
    ]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(REPO / "workflow" / "src"))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=workdir)


@pytest.fixture
def workflow_runner():
    """``workflow_runner(tmp_path, [config], [targets])`` -> CompletedProcess of a Snakemake run."""
    return run_workflow


# --- http_server: a local HTTP server for download tests (owner: data/F1) --------------------


class ServedURL(str):
    """The base URL of an :func:`http_server` (a ``str``), with ``.requests``: one dict per
    request received (``path``, ``query``, ``range`` header or None, ``status``)."""

    requests: list[dict]


@pytest.fixture
def http_server():
    """Factory ``http_server(directory) -> base_url`` serving ``directory`` on 127.0.0.1.

    Each call starts a threaded server on a random free port, stopped at the end of the test.
    ``f"{base_url}/name.zip"`` serves ``directory/name.zip``: GET and HEAD, ``Content-Length``,
    single ``Range: bytes=a-[b]`` requests (206 + ``Content-Range``, 416 when out of range),
    404 for missing files. Query parameters make it misbehave, for error-path tests:

    - ``?truncate=N``: never sends a byte at file offset >= N (headers still announce the whole
      file, then the connection closes): a permanently truncated download.
    - ``?truncate_once=N``: the first request of this path is cut at offset N, later requests
      (e.g. a resume with ``Range``) are served whole.
    - ``?fail=K``: the first K requests of this path get ``503 Service Unavailable``.

    The returned URL has ``.requests`` (list of dicts) to check, e.g., that a resume used Range.
    """
    import http.server
    import threading
    import urllib.parse

    servers = []

    def start(directory) -> ServedURL:
        root = Path(directory).resolve()
        seen: list[dict] = []
        counts: dict[str, int] = {}
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest output quiet
                pass

            def do_HEAD(self):
                self._serve(body=False)

            def do_GET(self):
                self._serve(body=True)

            def _serve(self, body: bool):
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                rng = self.headers.get("Range")
                with lock:
                    n = counts[url.path] = counts.get(url.path, 0) + 1
                record = {"path": url.path, "query": query, "range": rng}
                seen.append(record)
                target = (root / urllib.parse.unquote(url.path).lstrip("/")).resolve()
                if int(query.get("fail", 0)) >= n:
                    return self._status(503, record)
                if root not in target.parents or not target.is_file():
                    return self._status(404, record)
                data = target.read_bytes()
                size, start, end = len(data), 0, len(data) - 1
                status = 200
                if rng:
                    import re

                    m = re.fullmatch(r"bytes=(\d+)-(\d*)", rng.strip())
                    if not m or int(m.group(1)) >= size:
                        self.send_response(416)
                        self.send_header("Content-Range", f"bytes */{size}")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        record["status"] = 416
                        return
                    start = int(m.group(1))
                    end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
                    status = 206
                cut = end + 1
                if "truncate" in query:
                    cut = min(cut, int(query["truncate"]))
                if "truncate_once" in query and n == 1:
                    cut = min(cut, int(query["truncate_once"]))
                record["status"] = status
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("Content-Length", str(end + 1 - start))
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
                if cut <= end:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                if body:
                    self.wfile.write(data[start : max(start, cut)])
                    self.wfile.flush()

            def _status(self, code: int, record: dict):
                record["status"] = code
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        servers.append(server)
        url = ServedURL(f"http://127.0.0.1:{server.server_address[1]}")
        url.requests = seen
        return url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
