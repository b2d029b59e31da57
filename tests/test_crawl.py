"""End to end: `pressarchive crawl` against the sample portal on a loopback server."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FAST, HOME, crawl, crawl_on_terminal, run_cli

from pressarchive.sampleportal import Fault, Portal, PortalServer

REFERENCE_TITLE = "Quyết tâm mới, phương thức lãnh đạo mới, kết quả mới"
CHROME = ["Xuất bản thông tin", "null", "Ý kiến của bạn", "Tin xem nhiều", "Banner",
          "Tin nổi bật", "Chính quyền với báo chí", "Danh mục chính", "Các tin đã đưa",
          "Follow", "Văn Khương"]


def rows(db: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_crawl_stores_every_article_exactly(server: PortalServer, portal: Portal,
                                           tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    result = crawl(server, db)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "articles new 36" in result.stdout
    stored = {r["url"]: r for r in rows(db, "SELECT * FROM articles")}
    assert len(stored) == len(portal.articles) == 36
    mismatches = []
    for spec in portal.articles:
        row = stored.get(HOME + spec.path)
        assert row is not None, spec.path
        expected = {
            "title": spec.title, "published": spec.published,
            "published_precision": spec.published_precision, "author": spec.author,
            "source": spec.source, "lead": spec.lead, "body": spec.body,
            "category": spec.section,
        }
        for key, value in expected.items():
            if row[key] != value:
                mismatches.append((spec.path, key, row[key], value))
        images = rows(db, "SELECT url, caption FROM images WHERE article_id = ? ORDER BY position",
                      (row["id"],))
        want_images = [(HOME + p, c) for p, c in spec.images]
        if [(i["url"], i["caption"]) for i in images] != want_images:
            mismatches.append((spec.path, "images", [tuple(i) for i in images], want_images))
        files = rows(db, "SELECT url, name FROM attachments WHERE article_id = ? "
                         "ORDER BY position", (row["id"],))
        want_files = [(HOME + p, n) for p, n in spec.attachments]
        if [(f["url"], f["name"]) for f in files] != want_files:
            mismatches.append((spec.path, "attachments", [tuple(f) for f in files], want_files))
    assert mismatches == [], "\n".join(map(repr, mismatches))
    run = rows(db, "SELECT * FROM runs")
    assert len(run) == 1 and run[0]["outcome"] == "ok" and run[0]["new"] == 36


def test_reference_article_fields_are_exact(server: PortalServer, portal: Portal,
                                            tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert crawl(server, db).returncode == 0
    ref = portal.article(REFERENCE_TITLE)
    (row,) = rows(db, "SELECT * FROM articles WHERE title = ?", (REFERENCE_TITLE,))
    assert row["author"] == "Văn Khương" and row["source"] is None
    assert row["published"] == "2023-02-01T08:15:00+07:00"
    paragraphs = row["body"].split("\n\n")
    assert len(paragraphs) == 6 and paragraphs[0] == row["lead"] == ref.lead
    assert paragraphs[-1].endswith("chú trọng đến chất lượng kết nạp đảng viên.")
    assert "Bí thư Tỉnh ủy Lê Quốc Phong yêu cầu" not in row["body"]
    (caption,) = rows(db, "SELECT caption FROM images WHERE article_id = ?", (row["id"],))
    assert caption["caption"].startswith("Bí thư Tỉnh ủy Lê Quốc Phong yêu cầu")
    for body, in rows(db, "SELECT body FROM articles"):
        for phrase in CHROME:
            assert phrase not in body, phrase


def test_recrawl_changes_only_last_seen_and_edit_makes_one_revision(
        server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert crawl(server, db).returncode == 0
    before = {r["url"]: dict(r) for r in rows(db, "SELECT * FROM articles")}
    time.sleep(1.1)  # last_seen has second precision
    second = crawl(server, db, "--full")
    assert second.returncode == 0
    assert "articles new 0 · changed 0 · unchanged 36" in second.stdout
    after = {r["url"]: dict(r) for r in rows(db, "SELECT * FROM articles")}
    assert after.keys() == before.keys()
    for url, row in after.items():
        changed = {k for k in row if row[k] != before[url][k]}
        # last_seen moves; the capture pointers name this run's WARC record.
        assert changed <= {"last_seen", "run_id", "warc_file", "warc_offset"}
        assert "last_seen" in changed
    assert [r["outcome"] for r in rows(db, "SELECT outcome FROM runs ORDER BY id")] == ["ok"] * 2

    spec = portal.articles[5]
    portal.edit_article(spec.path, [*spec.paragraphs[:-1], "Đoạn cuối đã được cổng sửa lại."])
    third = crawl(server, db, "--full")
    assert "articles new 0 · changed 1 · unchanged 35" in third.stdout
    (rev,) = rows(db, "SELECT * FROM revisions")
    assert rev["url"] == HOME + spec.path
    assert "Đoạn cuối đã được cổng sửa lại." not in rev["body"]
    (now,) = rows(db, "SELECT body FROM articles WHERE url = ?", (rev["url"],))
    assert now["body"].endswith("Đoạn cuối đã được cổng sửa lại.")


def test_bad_pages_are_recorded_and_the_crawl_goes_on(server: PortalServer, portal: Portal,
                                                      tmp_path: Path) -> None:
    broken = {
        portal.articles[1].path: Fault(status=404),
        portal.articles[2].path: Fault(status=500),
        portal.articles[3].path: Fault(delay=5.0),
        portal.articles[4].path: Fault(body=b"<html><body><div>Trang tr\xe1\xbb\x91ng</div>"
                                            b"</body></html>"),
    }
    portal.faults.update(broken)
    db = tmp_path / "archive.db"
    result = crawl(server, db, "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=0",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
    assert result.returncode == 1, result.stderr[-2000:]
    assert len(rows(db, "SELECT id FROM articles")) == 36 - 4
    errors = {r["url"]: r for r in rows(db, "SELECT * FROM fetch_errors")}
    base = HOME
    assert errors[base + portal.articles[1].path]["status"] == 404
    assert errors[base + portal.articles[2].path]["reason"] == "HTTP 500"
    assert errors[base + portal.articles[3].path]["reason"] == "timed out"
    assert "no title" in errors[base + portal.articles[4].path]["reason"]
    (run,) = rows(db, "SELECT * FROM runs")
    assert run["outcome"] == "partial" and run["failed"] == 4 and run["new"] == 32

    portal.faults.clear()  # the portal recovers: the next run fetches them
    assert crawl(server, db).returncode == 0
    assert len(rows(db, "SELECT id FROM articles")) == 36


def test_since_and_max_articles(server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    result = crawl(server, db, "--max-articles", "5")
    assert result.returncode == 0
    assert len(rows(db, "SELECT id FROM articles")) == 5

    cutoff = sorted(a.published[:10] for a in portal.articles)[18]
    db2 = tmp_path / "b.db"
    assert crawl(server, db2, "--since", cutoff).returncode == 0
    got = {r["url"] for r in rows(db2, "SELECT url FROM articles")}
    want = {HOME + a.path for a in portal.articles if a.published[:10] >= cutoff}
    assert got == want
    # Pagination stopped early: not every list page was fetched.
    list_pages = sum(n for path, n in server.hits.items() if "_cur=" in path)
    assert list_pages < 6


def test_unknown_site_exits_2_and_lists_known(tmp_path: Path) -> None:
    result = run_cli("crawl", "atlantis", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "unknown site 'atlantis'" in result.stderr and "dongthap" in result.stderr


def test_scrapy_crawl_form_takes_the_same_options(server: PortalServer, tmp_path: Path) -> None:
    db = tmp_path / "scrapy.db"
    env = {**os.environ, "PRESSARCHIVE_DB": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "site=dongthap",
         "-a", f"base_url={server.base_url}", "-a", "max_articles=4", *FAST],
        cwd=Path(__file__).parent.parent, capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(rows(db, "SELECT id FROM articles")) == 4
    assert rows(db, "SELECT outcome FROM runs")[0]["outcome"] == "ok"


def test_extract_prints_one_json_object(server: PortalServer, portal: Portal,
                                        tmp_path: Path) -> None:
    import urllib.request

    ref = portal.article(REFERENCE_TITLE)
    url = server.base_url + ref.path
    page = tmp_path / "ref.html"
    page.write_bytes(urllib.request.urlopen(url).read())
    result = run_cli("extract", str(page), "--url", url, "--site", "dongthap")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == REFERENCE_TITLE and data["author"] == "Văn Khương"
    assert data["body"] == ref.body and data["published_precision"] == "minute"
    assert {"url", "site", "lead", "category", "word_count", "images", "attachments"} <= set(data)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><p></p></body></html>")
    bad = run_cli("extract", str(empty), "--url", url)
    assert bad.returncode == 1 and "no title" in bad.stderr


def test_demo_runs_offline_quickly(tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pressarchive.cli", "demo"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert time.monotonic() - started < 60
    assert "36 articles" in result.stdout and "pressarchive search" in result.stdout
    db = tmp_path / "data" / "demo.db"
    empty = rows(db, "SELECT count(*) FROM articles WHERE title = '' OR body = ''"
                     " OR published IS NULL")[0][0]
    assert empty == 0


@pytest.mark.parametrize("quiet", [True, False])
def test_quiet_prints_nothing_on_success(server: PortalServer, tmp_path: Path,
                                         quiet: bool) -> None:
    extra = ["--quiet"] if quiet else []
    result = crawl(server, tmp_path / "q.db", "--max-articles", "2", *extra)
    assert result.returncode == 0
    assert (result.stdout.strip() == "") is quiet


def test_polite_identity_and_robots(server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    hidden = portal.articles[0]
    portal.robots_disallow.append(hidden.path)
    result = crawl(server, tmp_path / "r.db", "-s", "PRESSARCHIVE_CONTACT=https://archive.example/lh")
    assert result.returncode in (0, 1)
    assert server.hits[hidden.path] == 0  # robots.txt obeyed
    agents = [ua for ua in server.user_agents if ua]
    assert agents and all(ua.startswith("pressarchive/") and "https://archive.example/lh" in ua
                          for ua in agents)


def test_progress_line_on_a_terminal(server: PortalServer, tmp_path: Path) -> None:
    code, stdout, seen = crawl_on_terminal(server.base_url, tmp_path / "p.db")
    assert code == 0
    text = seen.decode("utf-8", "replace")
    assert "[dongthap]" in text and "/s" in text and "new" in text
    assert "articles new 36" in stdout  # the summary still goes to stdout


def test_killed_crawl_leaves_whole_articles(tmp_path: Path) -> None:
    import signal

    from pressarchive.sampleportal import build_portal

    big = build_portal(600, per_page=20)
    db = tmp_path / "k.db"
    with PortalServer(big) as srv:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap", "--base-url",
             srv.base_url, "--db", str(db), *FAST, "-s", "PRESSARCHIVE_BATCH_SIZE=7"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                if db.exists() and rows(db, "SELECT count(*) FROM articles")[0][0] >= 50:
                    break
            except sqlite3.OperationalError:
                pass  # the schema is being created
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        port = int(srv.base_url.rsplit(":", 1)[1])
    assert rows(db, "PRAGMA integrity_check")[0][0] == "ok"
    stored = rows(db, "SELECT a.id, a.body, count(i.id) AS n FROM articles a"
                      " LEFT JOIN images i ON i.article_id = a.id GROUP BY a.id")
    assert 0 < len(stored) < 600
    fts = rows(db, "SELECT count(*) FROM articles_fts")[0][0]
    assert fts == len(stored)  # the index never lags its articles
    by_body = {a.body: a for a in big.articles}
    for row in stored:
        assert row["n"] == len(by_body[row["body"]].images)  # no article without its images
    (run,) = rows(db, "SELECT outcome FROM runs")
    assert run["outcome"] == "running"  # what a killed run looks like in the archive
    from pressarchive.warc import read_capture

    for row in rows(db, "SELECT body, warc_file, warc_offset FROM articles"):
        raw, _ = read_capture(tmp_path / row["warc_file"], row["warc_offset"])
        assert raw  # every archived article's capture survived the kill

    with PortalServer(big, port=port) as srv:  # the next run completes the archive
        assert run_cli("crawl", "dongthap", "--base-url", srv.base_url, "--db", str(db),
                       *FAST).returncode == 0
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == 600
    outcomes = [r["outcome"] for r in rows(db, "SELECT outcome FROM runs ORDER BY id")]
    assert outcomes == ["interrupted", "ok"]
