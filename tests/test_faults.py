"""A faulty portal: the run finishes, failures are recorded and retried, nothing is lost."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from conftest import FAST, HOME, crawl, run_cli

from pressarchive.fetchpolicy import retry_after_seconds
from pressarchive.sampleportal import Fault, Portal, PortalServer


def test_retry_after_forms() -> None:
    from datetime import datetime

    now = datetime(2026, 11, 29, 8, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Sun, 29 Nov 2026 08:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


@pytest.mark.slow
def test_faulty_portal(server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    a = portal.articles
    status, _, page = portal.render(a[6].path, "", server.base_url)
    huge = page.replace(b"</body>", b'<div class="pad" hidden>' + b"l\xe1\xbb\x97i " * 3_400_000
                        + b"</div></body>")
    assert 20_000_000 < len(huge) < 20 * 1024 * 1024  # a "20 MB" page
    portal.faults.update({
        a[1].path: Fault(status=429, headers={"Retry-After": "1"}, times=1),
        a[2].path: Fault(status=500),
        a[3].path: Fault(reset=True),
        a[4].path: Fault(truncate=True),
        a[5].path: Fault(redirect=a[5].path),
        a[6].path: Fault(body=huge),
    })
    db = tmp_path / "f.db"
    first = crawl(server, db, "-s", "RETRY_TIMES=1")
    assert first.returncode == 1, first.stderr[-3000:]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    stored = {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")}
    errors = {r["url"]: r["reason"] for r in conn.execute("SELECT * FROM fetch_errors")}
    base = HOME  # stored under the profile's host
    assert base + a[1].path in stored and server.hits[a[1].path] == 2  # waited, retried
    assert stored[base + a[6].path]["body"] == a[6].body  # 20 MB page, article intact
    assert errors[base + a[2].path] == "HTTP 500"
    assert errors[base + a[4].path] == "truncated response"
    assert errors[base + a[5].path].startswith("redirect loop")
    assert errors[base + a[3].path] == "connection closed before a response"
    assert set(errors) == {base + x.path for x in a[2:6]}
    assert len(stored) == 32

    portal.faults.clear()  # the portal recovers
    second = crawl(server, db)
    assert second.returncode == 0, second.stderr[-2000:]
    after = {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")}
    assert len(after) == 36
    for url, row in stored.items():  # nothing archived was altered
        assert after[url]["content_hash"] == row["content_hash"]
        assert after[url]["body"] == row["body"]
    assert conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM fetch_errors WHERE resolved_run IS NULL"
                        ).fetchone()[0] == 0
    conn.close()


def test_robots_txt_server_error_means_disallow(server: PortalServer, portal: Portal,
                                                tmp_path: Path) -> None:
    portal.faults["/robots.txt"] = Fault(status=503)
    db = tmp_path / "r.db"
    blocked = crawl(server, db, "-s", "RETRY_TIMES=0")
    assert blocked.returncode == 6  # not one page read: the run failed
    assert set(server.hits) == {"/robots.txt"}  # not one page fetched
    conn = sqlite3.connect(db)
    reasons = {r[0] for r in conn.execute("SELECT reason FROM fetch_errors")}
    assert reasons == {"Forbidden by robots.txt"}
    assert conn.execute("SELECT outcome FROM runs").fetchall() == [("failed",)]
    conn.close()
    portal.faults.clear()
    assert crawl(server, tmp_path / "ok.db").returncode == 0  # robots.txt is back: allowed

    portal.faults["/robots.txt"] = Fault(status=404)  # no robots.txt at all: no rules
    assert crawl(server, tmp_path / "none.db", "--max-articles", "3").returncode == 0


def test_a_portal_that_is_down_is_a_failed_run(tmp_path: Path) -> None:
    """Nothing answers: outcome 'failed', exit 6 (not 1, which cron setups count as fine),
    and --quiet says so in one line a kind of failure, with no traceback."""
    import socket

    with socket.socket() as sock:  # a port with nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = tmp_path / "down.db"
    result = run_cli("crawl", "dongthap", "--base-url", f"http://127.0.0.1:{port}", "--db",
                     str(db), "--quiet", *FAST, "-s", "RETRY_TIMES=0")
    assert result.returncode == 6, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "dongthap: run 1 failed: 3 pages failed, 0 new, 0 changed articles"
        " (pressarchive runs --errors 1)",
        "dongthap: 3 × connection refused",
    ]
    again = run_cli("crawl", "dongthap", "--base-url", f"http://127.0.0.1:{port}", "--db",
                    str(db), *FAST, "-s", "RETRY_TIMES=0")
    assert again.returncode == 6 and "Traceback" not in again.stderr
    assert "run 2 · dongthap · failed" in again.stdout


def test_an_oversized_download_says_where_it_stopped(server: PortalServer, portal: Portal,
                                                      tmp_path: Path) -> None:
    big = portal.articles[0]
    _, _, page = portal.render(big.path, "", server.base_url)
    portal.faults[big.path] = Fault(body=page + b" " * 300_000)
    db = tmp_path / "big.db"
    result = crawl(server, db, "-s", "DOWNLOAD_MAXSIZE=200000")
    assert result.returncode == 1, result.stderr[-2000:]
    conn = sqlite3.connect(db)
    reasons = dict(conn.execute("SELECT url, reason FROM fetch_errors").fetchall())
    conn.close()
    assert reasons == {HOME + big.path:
                       "download stopped at 195.3 KiB: larger than DOWNLOAD_MAXSIZE"}
