"""Scheduled re-crawls: incremental stop, retries, gone articles, history, one run at a time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import HOME, crawl, run_cli

from pressarchive import locking
from pressarchive.sampleportal import Fault, Portal, PortalServer, build_portal


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_second_run_stops_at_known_articles(tmp_path: Path) -> None:
    portal = build_portal(400, per_page=20)
    db = tmp_path / "a.db"
    with PortalServer(portal) as server:
        assert crawl(server, db).returncode == 0
        first = sum(server.hits.values())
        server.hits.clear()
        # Two new articles appear at the top of a section.
        newest = portal.articles[0]
        portal.articles.insert(0, _new_article(newest, 1))
        portal.articles.insert(0, _new_article(newest, 2))
        portal._by_path.update({a.path: a for a in portal.articles[:2]})
        second = crawl(server, db)
        assert second.returncode == 0, second.stderr[-2000:]
        fetched = sum(server.hits.values())
    assert count(db, "SELECT count(*) FROM articles") == 402
    assert "articles new 2" in second.stdout
    assert fetched < first * 0.05, (fetched, first)


def _new_article(template, n: int):
    from dataclasses import replace
    from datetime import timedelta

    when = template.when + timedelta(hours=n)
    return replace(template, title=f"Tin mới nhất số {n} về Đồng Tháp",
                   path=template.path + f"-moi-{n}", when=when,
                   published=when.replace(second=0).isoformat()
                   if template.published_precision == "minute" else template.published)


def test_gone_article_is_kept_and_marked(server: PortalServer, portal: Portal,
                                         tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    assert crawl(server, db).returncode == 0
    victim = portal.articles[3]
    portal.faults[victim.path] = Fault(status=404)
    assert crawl(server, db, "--full").returncode == 1
    url = HOME + victim.path
    assert count(db, "SELECT count(*) FROM articles") == 36
    assert count(db, f"SELECT count(*) FROM articles WHERE status = 'gone' AND url = '{url}'"
                     " AND gone_since IS NOT NULL") == 1
    shown = run_cli("history", url, "--db", str(db))
    assert shown.returncode == 0 and "gone since" in shown.stdout


def test_history_shows_versions_and_diff(server: PortalServer, portal: Portal,
                                         tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    assert crawl(server, db).returncode == 0
    spec = portal.articles[2]
    portal.edit_article(spec.path, [*spec.paragraphs, "Đoạn bổ sung sau khi đăng."])
    assert crawl(server, db, "--recheck", "100000").returncode == 0
    result = run_cli("history", HOME + spec.path, "--db", str(db))
    assert result.returncode == 0
    assert "v1" in result.stdout and "v2" in result.stdout
    assert "+Đoạn bổ sung sau khi đăng." in result.stdout
    missing = run_cli("history", HOME + "/-/khong-co", "--db", str(db))
    assert missing.returncode == 1 and "no article" in missing.stderr


def test_second_run_on_same_archive_and_site_exits_at_once(server: PortalServer,
                                                           tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    locking.acquire(db, "dongthap")  # as a running crawl holds it
    try:
        result = crawl(server, db)
    finally:
        locking.release(db, "dongthap")
    assert result.returncode == 3
    assert "another crawl of 'dongthap'" in result.stderr
    assert not server.hits  # nothing was fetched
    assert crawl(server, db, "--max-articles", "1").returncode == 0  # free again


def test_recheck_uses_conditional_requests(server: PortalServer, portal: Portal,
                                           tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert crawl(server, db).returncode == 0
    assert count(db, "SELECT count(*) FROM articles WHERE etag IS NOT NULL") == 36
    server.statuses.clear()
    quiet = crawl(server, db, "--recheck", "100000")
    assert quiet.returncode == 0 and "changed 0 · unchanged 36" in quiet.stdout
    assert server.statuses[304] == 36  # every re-check was answered "not modified"
    assert count(db, "SELECT count(*) FROM revisions") == 0
    spec = portal.articles[4]
    portal.edit_article(spec.path, [*spec.paragraphs, "Cổng vừa bổ sung một đoạn."])
    edited = crawl(server, db, "--recheck", "100000")
    assert "changed 1 · unchanged 35" in edited.stdout
    assert count(db, "SELECT count(*) FROM revisions") == 1


def test_crawl_all_runs_every_enabled_profile(server: PortalServer, tmp_path: Path) -> None:
    from conftest import FAST

    db = tmp_path / "all.db"
    result = run_cli("crawl", "--all", "--base-url", server.base_url, "--db", str(db),
                     "--max-articles", "3", *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "run 1 · dongthap · ok" in result.stdout
    assert count(db, "SELECT count(*) FROM runs WHERE outcome = 'ok'") == 1
