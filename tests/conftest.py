"""Shared fixtures: the sample portal on a real loopback HTTP server, and a crawl runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressarchive.sampleportal import Portal, PortalServer, build_portal

# Where the sample portal's articles are stored, whatever port served them: the dongthap
# profile's base_url (one identity per article).
HOME = "https://dongthap.gov.vn"

# Loopback crawls need no politeness delay; everything else stays as shipped.
# An archive's search tables as schema v5 and earlier had them: one index (marks removed,
# đ kept, a ``folded`` column) and no author table; executescript() this, then set the
# version.
OLD_SEARCH_INDEX = """
    DROP TABLE article_authors;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, lead, body, author, folded,
        facets, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO articles_fts (rowid, title, lead, body, author, folded)
        SELECT id, title, lead, body, author, title FROM articles;
"""
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "PRESSARCHIVE_BATCH_SECONDS=0.5"]


@pytest.fixture
def portal() -> Portal:
    return build_portal()


@pytest.fixture
def server(portal: Portal) -> Iterator[PortalServer]:
    with PortalServer(portal) as srv:
        yield srv


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120
            ) -> subprocess.CompletedProcess[str]:
    """Run the installed ``pressarchive`` command as a user would, in a subprocess."""
    full_env = {k: v for k, v in os.environ.items() if k != "PRESSARCHIVE_DB"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pressarchive.cli", *args],
        capture_output=True, text=True, timeout=timeout, env=full_env,
    )


def crawl(server: PortalServer, db: Path, *extra: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "dongthap", "--base-url", server.base_url, "--db", str(db),
                   *FAST, *extra, env=env)


def crawl_on_terminal(base_url: str, db: Path, columns: int | None = None
                      ) -> tuple[int, str, bytes]:
    """``crawl dongthap`` (a request every 0.05 s) with stderr on a pseudo-terminal of
    ``columns`` columns (unsized if None, $COLUMNS unset): exit code, stdout, and every
    byte the terminal received."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    if columns:
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "PRESSARCHIVE_DB")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap", "--base-url",
         base_url, "--db", str(db), *FAST, "-s", "DOWNLOAD_DELAY=0.05",
         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"],
        stderr=terminal, stdout=subprocess.PIPE, text=True, env=env)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the crawl closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = proc.communicate(timeout=120)
    os.close(controller)
    return proc.returncode, stdout, seen


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``redis-server`` on a free loopback port (installed by setup.sh)."""
    import shutil
    import time

    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run ./setup.sh")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("redis-server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The test Redis, emptied for each test."""
    import redis

    redis.Redis.from_url(redis_server).flushall()
    return redis_server


EDITED_TEXT = "Đoạn văn được cổng thông tin sửa lại sau lần thu thập đầu tiên."


@pytest.fixture(scope="session")
def captured_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal crawled twice through the CLI into one archive with WARC
    captures (two files); between the crawls the portal edits its first article, which so
    has two captures (one per version) and a revision. Shared: do not write to it."""
    db = tmp_path_factory.mktemp("captured") / "archive.db"
    portal = build_portal()
    with PortalServer(portal) as srv:
        first = crawl(srv, db)
        assert first.returncode == 0, first.stderr
        portal.edit_article(portal.articles[0].path, [EDITED_TEXT])
        second = crawl(srv, db, "--full")
        assert second.returncode == 0, second.stderr
    return db
