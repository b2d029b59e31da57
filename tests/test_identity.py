"""One identity per article: stored under the profile's host, whatever host served it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import FAST, HOME, OLD_SEARCH_INDEX, crawl, run_cli
from warcio.archiveiterator import ArchiveIterator

from pressarchive.archive import SCHEMA_VERSION
from pressarchive.sampleportal import REFERENCE_TITLE, Fault, Portal, PortalServer


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def target_uri(warc: Path, offset: int) -> str:
    with warc.open("rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        return record.rec_headers.get_header("WARC-Target-URI")


def test_a_mirror_on_another_port_is_the_same_archive(server: PortalServer, portal: Portal,
                                                      tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert crawl(server, db).returncode == 0
    with PortalServer(portal) as mirror:  # the same portal, moved to another port
        again = crawl(mirror, db, "--full")
    assert again.returncode == 0, again.stderr[-2000:]
    assert "articles new 0 · changed 0 · unchanged 36" in again.stdout
    rows = query(db, "SELECT url, fetched_url, warc_file, warc_offset FROM articles")
    assert len(rows) == 36 and all(url.startswith(HOME + "/") for url, *_ in rows)
    for url, fetched, warc, offset in rows:  # the evidence: fetched from the mirror
        assert fetched == mirror.base_url + url.removeprefix(HOME)
        assert target_uri(tmp_path / warc, offset) == fetched
    images = query(db, "SELECT url FROM images")
    assert images and all(u.startswith(HOME + "/") for (u,) in images)
    assert query(db, "SELECT base_url FROM sites") == [(HOME,)]
    ref = portal.article(REFERENCE_TITLE)
    raw = run_cli("raw", HOME + ref.path, "--db", str(db))
    assert raw.returncode == 0 and REFERENCE_TITLE in raw.stdout


def test_retries_rechecks_gone_and_the_known_stop_work_across_hosts(
        server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    failing, vanishing, edited = portal.articles[1], portal.articles[2], portal.articles[3]
    portal.faults[failing.path] = Fault(status=500)
    assert crawl(server, db, "-s", "RETRY_TIMES=0").returncode == 1
    assert query(db, "SELECT url FROM fetch_errors") == [(HOME + failing.path,)]

    portal.faults.clear()
    portal.faults[vanishing.path] = Fault(status=404)
    portal.edit_article(edited.path, [*edited.paragraphs, "Đoạn bổ sung trên cổng mới."])
    with PortalServer(portal) as moved:
        second = crawl(moved, db, "--recheck", "100000", "-s", "RETRY_TIMES=0")
        hits = dict(moved.hits)
    assert second.returncode == 1, second.stderr[-2000:]  # the 404 is a failure of this run
    assert hits.get(failing.path) == 1  # the retry went to the host of this run
    assert query(db, "SELECT count(*) FROM articles") == [(36,)]
    assert query(db, "SELECT resolved_run IS NOT NULL FROM fetch_errors WHERE url = ?",
                 (HOME + failing.path,)) == [(1,)]
    assert query(db, "SELECT status FROM articles WHERE url = ?",
                 (HOME + vanishing.path,)) == [("gone",)]
    assert query(db, "SELECT count(*) FROM revisions r JOIN articles a ON a.id = r.article_id"
                     " WHERE a.url = ?", (HOME + edited.path,)) == [(1,)]

    portal.faults.clear()
    with PortalServer(portal) as third:  # an incremental run: nothing new, nothing fetched
        result = crawl(third, db)
        article_hits = [p for p in third.hits if "/-/" in p and p != vanishing.path]
    assert "articles new 0" in result.stdout and article_hits == []
    assert query(db, "SELECT count(*) FROM articles") == [(36,)]


def test_demo_twice_gives_the_same_36_articles(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = run_cli("demo", "--db", str(db), timeout=180)
    assert first.returncode == 0, first.stderr[-2000:]
    second = run_cli("demo", "--db", str(db), timeout=180)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "36 articles, " in second.stdout and "articles new 0" in second.stdout
    urls = query(db, "SELECT url FROM articles")
    assert len(urls) == 36 and all(u.startswith(HOME + "/") for (u,) in urls)


def test_a_generic_crawl_of_a_profiled_domain_uses_the_profile_name(
        server: PortalServer, tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "phuonglam.toml").write_text(
        f'name = "phuonglam"\ntitle = "Cổng thông tin Phương Lâm"\nplatform = "liferay"\n'
        f'base_url = "{server.base_url}"\nallowed_domains = ["127.0.0.1"]\n'
        'sections = [{ name = "Chính trị", path = "/tin-tuc/chinh-tri" }]\n', encoding="utf-8")
    db = tmp_path / "g.db"
    result = run_cli("crawl", f"{server.base_url}/tin-tuc/chinh-tri", "--db", str(db), *FAST,
                     env={"PRESSARCHIVE_SITES": str(sites)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "SELECT site FROM runs") == [("phuonglam",)]
    assert query(db, "SELECT DISTINCT site FROM articles") == [("phuonglam",)]


def _as_v4_with_duplicates(db: Path) -> None:
    """Turn a fresh archive into what v4 made of two crawls of the demo on two ports: every
    article twice (URLs and images with the port), one of them also edited in between."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("ALTER TABLE articles DROP COLUMN fetched_url")
        conn.execute("DROP TABLE pending_versions")
        columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")
                   if r[1] not in ("id", "url", "year", "last_seen")]
        old, new = "http://127.0.0.1:40125", "http://127.0.0.1:40999"
        for table in ("articles", "images", "attachments"):
            conn.execute(f"UPDATE {table} SET url = replace(url, ?, ?)", (HOME, old))
        for article_id, in conn.execute("SELECT id FROM articles ORDER BY id").fetchall():
            copy = conn.execute(
                f"INSERT INTO articles (url, last_seen, {', '.join(columns)})"
                f" SELECT replace(url, ?, ?), '2020-01-01T00:00:00+07:00', {', '.join(columns)}"
                " FROM articles WHERE id = ?", (old, new, article_id)).lastrowid
            for table, extra in (("images", "caption"), ("attachments", "name")):
                conn.execute(f"INSERT INTO {table} (article_id, position, url, {extra})"
                             f" SELECT ?, position, replace(url, ?, ?), {extra} FROM {table}"
                             " WHERE article_id = ?", (copy, old, new, article_id))
        conn.execute("UPDATE articles SET body = body || ' (bản cũ)', content_hash = 'x'"
                     " WHERE id = (SELECT max(id) FROM articles)")
        conn.executescript(OLD_SEARCH_INDEX)
        conn.execute("PRAGMA user_version = 4")
    conn.close()


def test_the_v5_migration_folds_duplicates_from_other_hosts(server: PortalServer,
                                                            tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    assert crawl(server, db).returncode == 0
    _as_v4_with_duplicates(db)
    assert query(db, "SELECT count(*) FROM articles") == [(72,)]

    refused = run_cli("search", "quyet tam moi", "--db", str(db))  # readers never migrate
    assert refused.returncode == 3 and "pressarchive optimize" in refused.stderr
    upgraded = run_cli("optimize", "--db", str(db))  # a writer upgrades it
    assert upgraded.returncode == 0, upgraded.stderr
    found = run_cli("search", "quyet tam moi", "--format", "json", "--db", str(db))
    assert found.returncode == 0, found.stderr
    assert found.stdout.count(f'"url": "{HOME}/') == 1  # once, under the profile's host
    assert query(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert query(db, "SELECT count(*) FROM articles") == [(36,)]
    rows = query(db, "SELECT url, fetched_url FROM articles")
    assert all(u.startswith(HOME + "/") and f.startswith("http://127.0.0.1:40125/")
               for u, f in rows)
    assert all(u.startswith(HOME + "/") for (u,) in query(db, "SELECT url FROM images"))
    assert query(db, "SELECT count(*) FROM articles_fts") == [(36,)]
    (body,) = query(db, "SELECT body FROM revisions")[0]  # the other content: a revision
    assert body.endswith("(bản cũ)")

    again = crawl(server, db, "--full")  # the folded rows are what a crawl finds
    assert again.returncode == 0, again.stderr[-2000:]
    assert "articles new 0 · changed 0 · unchanged 36" in again.stdout
