"""`pressarchive backfill`: articles recovered from web archives on loopback (a real pywb
collection for the Wayback Machine, a Common Crawl shaped index with range requests) carry
the fields a live crawl of the same pages gives, with their provenance; a live-crawled
version is never replaced; interrupted runs resume without fetching anything twice; bad
archive answers are fetch_errors rows and a clear summary."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import FAST, run_cli
from pywbcollection import (
    CommonCrawlServer,
    WaybackServer,
    cc_index_lines,
    list_targets,
    portal_captures,
    pywb_collection,
    write_warc,
)
from warcio.archiveiterator import ArchiveIterator

from pressarchive.sampleportal import Portal, PortalServer, build_portal
from pressarchive.sampleportal.wordpress import build_wordpress_portal

TEST_SITES = str(Path(__file__).parent / "sites")
ENV = {"PRESSARCHIVE_SITES": TEST_SITES}
SITE = "songtien-fixture"
HOME = "https://songtien.example"  # the site's portal (Liferay, the sample portal)
FORMER = "https://baophudien.example"  # the merged province's old portal (WordPress)
CAPTURED = "2023-03-01T02:00:00Z"  # when the web archive captured the Liferay portal
CAPTURED_LOCAL = "2023-03-01T09:00:00+07:00"
FIELDS = ("title", "published", "published_precision", "published_source", "author",
          "source", "lead", "body", "category", "language", "word_count")


def rows(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def fields(db: Path, url: str) -> dict[str, Any]:
    """An article's content as a researcher reads it: its fields, images, attachments."""
    (row,) = rows(db, "SELECT * FROM articles WHERE url = ?", (url,))
    out = {k: row[k] for k in FIELDS}
    out["images"] = [tuple(r.values()) for r in rows(
        db, "SELECT url, caption FROM images WHERE article_id = ? ORDER BY position",
        (row["id"],))]
    out["attachments"] = [tuple(r.values()) for r in rows(
        db, "SELECT url, name FROM attachments WHERE article_id = ? ORDER BY position",
        (row["id"],))]
    return out


def backfill(db: Path, source: str, *extra: str, rps: str = "0", timeout: float = 120
             ) -> subprocess.CompletedProcess[str]:
    return run_cli("backfill", SITE, "--source", source, "--max-rps", rps, "--db", str(db),
                   *extra, env=ENV, timeout=timeout)


def copy_db(src: Path, dst: Path) -> Path:
    conn = sqlite3.connect(src)
    conn.execute(f"VACUUM INTO '{dst}'")
    conn.close()
    return dst


class Archives:
    """The module's world: the portal as archived in 2023 (``full``) and as it is now
    (``live``: three articles removed, one edited), the former domain's portal, crawls of
    each, one WARC file of the archive's captures, a pywb collection of it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.full = build_portal(10, per_page=3)  # a section of 2 list pages
        self.removed = self.full.articles[2:5]
        self.edited = self.full.articles[6]
        self.live = Portal(self.full.sections,
                           [a for a in self.full.articles if a not in self.removed],
                           self.full.per_page)
        self.live.edit_article(self.edited.path, [*self.edited.paragraphs[:-1],
                                                  "Đoạn văn này được biên tập lại sau đó."])
        self.former = build_wordpress_portal(4)
        self.twice = self.full.articles[0]  # captured again in 2024, unchanged
        self.changed_later = self.full.articles[1]  # captured again in 2024, edited
        later = Portal(self.full.sections, list(self.full.articles), self.full.per_page)
        later.edit_article(self.changed_later.path, [*self.changed_later.paragraphs,
                                                     "Bổ sung: kết quả quý II năm 2024."])
        self.lists = list_targets(self.full)  # every page: they give the categories
        captures = portal_captures(self.full, HOME, ["/", *self.lists]
                                   + [a.path for a in self.full.articles], CAPTURED)
        image = self.full.articles[0].images[0][0] if self.full.articles[0].images else None
        if image:
            captures += portal_captures(self.full, HOME, [image], CAPTURED)
        captures += portal_captures(self.former, FORMER, [
            *(s.path for s in self.former.sections), *(a.path for a in self.former.articles)],
            "2022-05-01T02:00:00Z")
        captures += portal_captures(later, HOME, [self.twice.path, self.changed_later.path],
                                    "2024-06-01T02:00:00Z")
        self.captures = captures
        self.warc = write_warc(folder / "CC-MAIN-20240301-00000.warc.gz", captures)
        self.dbs = {name: folder / f"{name}.db" for name in ("full", "live", "former")}
        for name, portal, site in (("full", self.full, SITE), ("live", self.live, SITE),
                                   ("former", self.former, "wordpress-fixture")):
            with PortalServer(portal) as server:
                done = run_cli("crawl", site, "--base-url", server.base_url, "--db",
                               str(self.dbs[name]), *FAST, env=ENV, timeout=180)
                assert done.returncode == 0, done.stderr[-2000:]

    def url(self, spec: Any, base: str = HOME) -> str:
        return base + spec.path

    def cc_server(self, **faults: Any) -> CommonCrawlServer:
        name = f"crawl-data/{self.warc.name}"
        return CommonCrawlServer({name.removeprefix("crawl-data/"): self.warc.read_bytes()},
                                 cc_index_lines(self.warc, name), **faults)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Archives:
    return Archives(tmp_path_factory.mktemp("backfill"))


@pytest.fixture(scope="module")
def wayback(world: Archives) -> Any:
    with pywb_collection(world.folder / "pywb", [world.warc]) as url:
        yield url


def test_backfill_from_pywb_recovers_removed_articles_with_the_crawls_fields(
        world: Archives, wayback: str, tmp_path: Path) -> None:
    db = copy_db(world.dbs["live"], tmp_path / "archive.db")
    cdx = f"{wayback}/cdx"
    done = backfill(db, cdx)
    assert done.returncode == 0, done.stderr[-3000:]
    # 3 removed + 4 of the former domain are new; the edited one is kept beside the live one
    assert "articles new 7 · revisions 1 · unchanged 6" in done.stdout, done.stdout
    assert "(left out: 1 not an article URL); 7 section list pages read" in done.stdout
    # pywb over a plain index answers every page= alike: paging ends at the first repeat
    assert "songtien.example: page 1 repeats an earlier page" in done.stdout
    for spec in world.removed:  # the same fields as a crawl of the portal before removal
        url = world.url(spec)
        assert fields(db, url) == fields(world.dbs["full"], url)
        (row,) = rows(db, "SELECT * FROM articles WHERE url = ?", (url,))
        assert row["capture_source"] == cdx and row["capture_time"] == CAPTURED_LOCAL
        assert row["capture_url"] == f"{wayback}/20230301020000/{url}"
        assert row["first_seen"] == CAPTURED_LOCAL and row["site"] == SITE
    for spec in world.former.articles:  # the former domain, with its old platform's rules
        url = world.url(spec, FORMER)
        assert fields(db, url) == fields(world.dbs["former"], url)
        assert rows(db, "SELECT site FROM articles WHERE url = ?", (url,))[0]["site"] == SITE
    edited = world.url(world.edited)  # the live version stays; the archived one is a revision
    live_row = rows(db, "SELECT * FROM articles WHERE url = ?", (edited,))[0]
    assert live_row["capture_source"] == "live"
    assert fields(db, edited) == fields(world.dbs["live"], edited)
    (revision,) = rows(db, "SELECT r.* FROM revisions r JOIN articles a ON a.id = r.article_id"
                           " WHERE a.url = ?", (edited,))
    assert revision["body"] == fields(world.dbs["full"], edited)["body"]
    assert revision["capture_source"] == cdx and revision["valid_from"] == CAPTURED_LOCAL
    assert revision["replaced_at"] == live_row["first_seen"]
    history = run_cli("history", edited, "--json", "--db", str(db))
    assert history.returncode == 0
    first, current = json.loads(history.stdout)["versions"]  # oldest first
    assert (first["capture_source"], current["capture_source"]) == (cdx, "live")
    shown = run_cli("history", edited, "--no-diff", "--db", str(db)).stdout
    assert f"(from {cdx}, captured {CAPTURED_LOCAL})" in shown.splitlines()[2]
    backfilled = {world.url(s) for s in world.removed} | {
        world.url(s, FORMER) for s in world.former.articles}
    assert {r["capture_source"] for r in rows(db, "SELECT url, capture_source FROM articles")
            if r["url"] not in backfilled} == {"live"}
    (run,) = rows(db, "SELECT * FROM runs WHERE json_extract(options, '$.command') ="
                      " 'backfill'")
    assert (run["outcome"], run["new"], run["changed"], run["unchanged"]) == ("ok", 7, 1, 6)
    # our own WARC copy names the archive and the capture it came from
    (copy,) = rows(db, "SELECT warc_file, warc_offset FROM articles WHERE url = ?",
                   (world.url(world.removed[0]),))
    with (db.parent / copy["warc_file"]).open("rb") as fh:
        fh.seek(copy["warc_offset"])
        record = next(iter(ArchiveIterator(fh)))
    assert record.rec_headers.get_header("WARC-Refers-To-Target-URI") == world.url(
        world.removed[0])
    assert record.rec_headers.get_header("WARC-Date") == CAPTURED
    assert record.rec_headers.get_header("WARC-Source-URI").startswith(
        f"{wayback}/20230301020000id_/")
    found = run_cli("search", world.removed[0].title, "--format", "json", "--db", str(db))
    assert world.url(world.removed[0]) in [h["url"] for h in json.loads(found.stdout)]
    again = backfill(db, cdx)  # everything is done: nothing is fetched again
    assert again.returncode == 0 and "captures fetched 0" in again.stdout, again.stdout


def test_earliest_capture_by_default_all_captures_keeps_each_distinct_version(
        world: Archives, wayback: str, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    first = backfill(db, f"{wayback}/cdx")
    assert first.returncode == 0 and "articles new 14" in first.stdout, first.stdout
    later, twice = world.url(world.changed_later), world.url(world.twice)
    assert rows(db, "SELECT capture_time FROM articles WHERE url = ?", (later,)) == [
        {"capture_time": CAPTURED_LOCAL}]  # the earliest capture
    every = backfill(db, f"{wayback}/cdx", "--all-captures")
    # only the 2024 capture with other content is fetched; the unchanged one is skipped
    assert every.returncode == 0 and "captures fetched 1 · articles new 0 · revisions 1" \
        in every.stdout, every.stdout
    (row,) = rows(db, "SELECT * FROM articles WHERE url = ?", (later,))
    assert row["capture_time"] == "2024-06-01T09:00:00+07:00"
    assert row["body"].endswith("Bổ sung: kết quả quý II năm 2024.")
    (old,) = rows(db, "SELECT r.* FROM revisions r JOIN articles a ON a.id = r.article_id"
                      " WHERE a.url = ?", (later,))
    assert old["valid_from"] == CAPTURED_LOCAL and old["replaced_at"] == row["capture_time"]
    assert not rows(db, "SELECT r.id FROM revisions r JOIN articles a ON a.id = r.article_id"
                        " WHERE a.url = ?", (twice,))
    # reextract reads our copies again, a former domain's with its own rules: the same
    # fields (a stale title mended) and the same provenance
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE articles SET title = 'cũ', content_hash = 'stale'")
    conn.close()
    again = run_cli("reextract", "--jobs", "1", "--db", str(db), env=ENV)
    assert again.returncode == 0 and "14 changed" in again.stdout, again.stdout + again.stderr
    former = world.url(world.former.articles[0], FORMER)
    assert fields(db, former) == fields(world.dbs["former"], former)
    assert {r["capture_source"] for r in rows(db, "SELECT capture_source FROM articles")} == {
        f"{wayback}/cdx"}


def test_common_crawl_shape_by_range_requests_gives_the_same_fields(
        world: Archives, tmp_path: Path) -> None:
    server = world.cc_server()
    try:
        db = tmp_path / "archive.db"
        done = backfill(db, server.index_url)
        assert done.returncode == 0 and "articles new 14" in done.stdout, done.stdout
        for spec in world.full.articles:
            url = world.url(spec)
            expected = fields(world.dbs["full"], url)
            assert fields(db, url) == expected
        (row,) = rows(db, "SELECT * FROM articles WHERE url = ?", (world.url(world.removed[0]),))
        assert row["capture_source"] == server.index_url
        assert row["capture_url"] == f"{server.base_url}/crawl-data/{world.warc.name}"
        # each article and section list page read once, by its own range
        assert max(server.ranges.values()) == 1 and len(server.ranges) == 14 + 7
        with (db.parent / row["warc_file"]).open("rb") as fh:
            fh.seek(row["warc_offset"])
            record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Refers-To", "").startswith("<urn:uuid:")
        assert record.rec_headers.get_header("WARC-Source-Range").startswith("bytes=")
    finally:
        server.close()


def test_wayback_machine_dialect_gives_the_same_fields(world: Archives, tmp_path: Path
                                                       ) -> None:
    """The Wayback Machine's CDX server (list-of-lists JSON, its own field and filter
    names, an empty answer past the last page) and its raw replay."""
    server = WaybackServer(world.captures)
    try:
        db = tmp_path / "archive.db"
        source = f"{server.base_url}/cdx/search/cdx"
        done = backfill(db, source)
        assert done.returncode == 0 and "articles new 14" in done.stdout, done.stdout
        for spec in world.removed:
            assert fields(db, world.url(spec)) == fields(world.dbs["full"], world.url(spec))
        assert server.queries[0]["filter"] == ["statuscode:200", "mimetype:text/html"]
        (row,) = rows(db, "SELECT capture_url FROM articles WHERE url = ?",
                      (world.url(world.removed[0]),))
        assert row["capture_url"] == f"{server.base_url}/web/20230301020000/" + world.url(
            world.removed[0])
    finally:
        server.close()


def _start(db: Path, source: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "PRESSARCHIVE_DB"} | ENV
    return subprocess.Popen(
        [sys.executable, "-m", "pressarchive.cli", "backfill", SITE, "--source", source,
         "--max-rps", "0", "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_interrupted_backfill_resumes_without_fetching_twice(
        world: Archives, tmp_path: Path, how: signal.Signals) -> None:
    server = world.cc_server(delay=0.05)
    try:
        db = tmp_path / "archive.db"
        proc = _start(db, server.index_url)
        deadline = time.monotonic() + 60
        while sum(server.ranges.values()) < 11 and time.monotonic() < deadline:  # 7 lists
            time.sleep(0.02)
        proc.send_signal(how)
        out, err = proc.communicate(timeout=60)
        if how == signal.SIGTERM:
            assert proc.returncode == 5 and "interrupted by SIGTERM" in err, err
        before = sum(server.ranges.values())
        assert 11 <= before < 21
        stored = rows(db, "SELECT count(*) AS n FROM articles")[0]["n"]
        assert stored >= 3
        done = backfill(db, server.index_url)
        assert done.returncode == 0, done.stderr[-2000:]
        assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 14  # nothing lost
        assert len(server.ranges) == 21
        repeats = sum(n - 1 for n in server.ranges.values())
        # SIGTERM finishes the capture in hand; SIGKILL may cut one fetch short in flight
        assert repeats == 0 if how == signal.SIGTERM else repeats <= 1, server.ranges
        runs = rows(db, "SELECT outcome FROM runs ORDER BY id")
        assert [r["outcome"] for r in runs] == ["interrupted", "ok"]
    finally:
        server.close()


def test_bad_archive_answers_are_fetch_errors_and_a_clear_summary(
        world: Archives, tmp_path: Path) -> None:
    server = world.cc_server(garbage_page=2, retry_after="0")
    # a CDX line that says HTML but holds an image, and one cut short by the file's end
    lines = server.lines  # both on the first page; page 2 is not CDX at all
    image = next(x for x in lines if x["mime"] != "text/html")
    lines.remove(image)
    image.update(mime="text/html", url=f"{HOME}/-/asset_publisher/Zz9/content/anh-minh-hoa")
    lines[:0] = [image, {**lines[0], "url": f"{HOME}/-/asset_publisher/Zz9/content/ban-tin-cut",
                         "offset": str(len(server.files[world.warc.name]) - 100),
                         "length": "5000", "timestamp": "20230302000000"}]
    try:
        db = tmp_path / "archive.db"
        done = backfill(db, server.index_url)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "CDX query failed: CDX answer in no known dialect (page 2)" in done.stderr
        assert "not HTML (image/" in done.stderr
        assert "truncated WARC record: 100 of 5000 bytes" in done.stderr
        assert "· partial" in done.stdout and "failures: pressarchive runs --errors" \
            in done.stdout
        errors = rows(db, "SELECT kind, url, reason FROM fetch_errors")
        # each domain's query stopped at page 2; the two bad captures
        assert sorted(e["kind"] for e in errors) == ["capture", "capture", "cdx", "cdx"]
        listed = run_cli("runs", "--errors", "1", "--db", str(db))
        assert "truncated WARC record" in listed.stdout
    finally:
        server.close()


def test_rate_429_retry_after_and_a_cdx_server_error(world: Archives, tmp_path: Path
                                                    ) -> None:
    server = world.cc_server(cdx_429=1, retry_after="1", page_size=100)
    try:
        db = tmp_path / "archive.db"
        done = backfill(db, server.index_url, "--limit", "2", rps="10")
        assert done.returncode == 0, done.stderr
        gaps = [b - a for a, b in zip(server.arrivals, server.arrivals[1:], strict=False)]
        assert gaps[0] >= 1.0  # waited as Retry-After said
        # --max-rps 10: a request every 0.1 s at most (arrivals jitter by a few ms)
        assert min(gaps) >= 0.08 and sum(gaps[1:]) / len(gaps[1:]) >= 0.098
        assert "captures fetched 2" in done.stdout and "still to do 12" in done.stdout
        server.range_429, server.retry_after = 100, "0"  # the archive keeps saying 429
        slow = backfill(db, server.index_url, "--limit", "1")
        assert slow.returncode == 1 and ": HTTP 429" in slow.stderr, slow.stderr
        assert "still to do 12" in slow.stdout  # the capture waits for the next run
        server.cdx_status = 503
        down = backfill(db, server.index_url)
        assert down.returncode == 1
        assert "CDX query failed: HTTP 503" in down.stderr
        assert "Traceback" not in down.stderr
        kinds = rows(db, "SELECT kind, count(*) AS n FROM fetch_errors GROUP BY kind")
        assert {k["kind"] for k in kinds} == {"cdx", "capture"}
    finally:
        server.close()


def test_a_retry_after_past_the_limit_or_a_huge_answer_fails_at_once(world: Archives) -> None:
    from pressarchive.backfill import FetchError, PoliteClient

    server = world.cc_server(range_429=5, retry_after="3600")
    try:
        client = PoliteClient(max_rps=0)
        with pytest.raises(FetchError, match="Retry-After 3600 s is longer than 300 s"):
            client.get(f"{server.base_url}/crawl-data/{world.warc.name}",
                       headers={"Range": "bytes=0-10"})
        assert client.requests_made == 1 and client.waited == 0
        server.range_429 = 0
        small = PoliteClient(max_rps=0, max_bytes=100)  # the crawl's cap is 32 MiB
        with pytest.raises(FetchError, match="answer larger than"):
            small.get(f"{server.base_url}/crawl-data/{world.warc.name}",
                      headers={"Range": "bytes=0-999"})
    finally:
        server.close()


def test_provenance_of_live_crawls_and_imports(world: Archives, tmp_path: Path) -> None:
    live = rows(world.dbs["live"], "SELECT capture_source, capture_time, first_seen,"
                                   " capture_url, fetched_url FROM articles")
    assert {r["capture_source"] for r in live} == {"live"}
    assert all(r["capture_time"] == r["first_seen"] for r in live)
    db = tmp_path / "imported.db"
    done = run_cli("import", str(world.warc), "--site", SITE, "--db", str(db), "--jobs", "1",
                   env=ENV)
    assert done.returncode == 0, done.stderr
    imported = rows(db, "SELECT url, capture_source, capture_time, capture_url FROM articles"
                        " WHERE url = ?", (world.url(world.removed[0]),))
    assert imported == [{"url": world.url(world.removed[0]), "capture_source": "import",
                         "capture_time": CAPTURED_LOCAL,
                         "capture_url": world.url(world.removed[0])}]
    former = world.url(world.former.articles[0], FORMER)  # read with the old portal's rules
    assert {k: v for k, v in fields(db, former).items() if k != "category"} == {
        k: v for k, v in fields(world.dbs["former"], former).items() if k != "category"}


def test_bad_options_are_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pressarchive.cli import main

    db = tmp_path / "a.db"
    runner = CliRunner()
    for args, message in [(("--source", "ftp://x"), "--source must be wayback, commoncrawl"),
                          (("--from", "2024", "--to", "2020"), "--from 2024 is after --to"),
                          (("--from", "99"), "Invalid value for '--from'")]:
        done = runner.invoke(main, ["backfill", SITE, *args, "--db", str(db)], env=ENV)
        assert done.exit_code == 2 and message in done.output, done.output
        assert done.exception is None or isinstance(done.exception, SystemExit)
    unknown = runner.invoke(main, ["backfill", "no-such-site", "--db", str(db)])
    assert unknown.exit_code == 2 and "unknown site" in unknown.output
    assert not db.exists()


def test_former_domains_are_validated(tmp_path: Path) -> None:
    from pressarchive.profiles import ProfileError, load_profile_file

    good = load_profile_file(Path(TEST_SITES) / f"{SITE}.toml")
    (old,) = good.former
    assert (old.name, old.base_url, old.allowed_domains) == (SITE, FORMER, ["baophudien.example"])
    assert old.discovery["article_url_pattern"].startswith("(-[ac]?")  # WordPress's, not Liferay's
    bad = tmp_path / "bad.toml"
    text = (Path(TEST_SITES) / f"{SITE}.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('name = "songtien-fixture"', 'name = "bad"').replace(
        'domain = "baophudien.example"', 'domian = "baophudien.example"'), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"former_domains\[0\]\.domian' is unknown"):
        load_profile_file(bad)


def test_capture_without_a_former_profile_is_left_out(world: Archives, wayback: str,
                                                      tmp_path: Path) -> None:
    """A domain nobody listed is not queried; an odd CDX server (every page alike) ends."""
    done = run_cli("backfill", "dongthap", "--source", f"{wayback}/cdx", "--max-rps", "0",
                   "--db", str(tmp_path / "a.db"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["outcomes"] == {} and report["fetched"] == 0
    assert report["candidates"] == 0




def test_a_v6_archive_is_upgraded_with_provenance(world: Archives, tmp_path: Path) -> None:
    from pressarchive.archive import SCHEMA_VERSION, Archive

    old = copy_db(world.dbs["live"], tmp_path / "v6.db")
    conn = sqlite3.connect(old)
    for table in ("articles", "revisions", "pending_versions"):
        for column in ("capture_source", "capture_time", "capture_url"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.executescript("DROP TABLE backfill_queries; DROP TABLE backfill_captures;"
                       " PRAGMA user_version = 6;")
    conn.close()
    with Archive(old) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
    stored = rows(old, "SELECT capture_source, capture_time, last_changed, capture_url,"
                       " coalesce(fetched_url, url) AS fetched FROM articles")
    assert {r["capture_source"] for r in stored} == {"live"}
    assert all(r["capture_time"] == r["last_changed"] and r["capture_url"] == r["fetched"]
               for r in stored)
    assert rows(old, "SELECT count(*) AS n FROM backfill_captures") == [{"n": 0}]


def test_commoncrawl_lists_its_monthly_indexes(world: Archives, monkeypatch: Any) -> None:
    """``--source commoncrawl`` reads Common Crawl's collinfo.json: one CDX API a crawl,
    those of the years asked for, WARC files from its data server by range."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from pressarchive.backfill import PoliteClient, resolve, sources

    info = [{"id": f"CC-MAIN-{y}-10", "cdx-api": f"https://index.example/CC-MAIN-{y}-10-index"}
            for y in (2025, 2024, 2023, 2022)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = json.dumps(info).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        monkeypatch.setattr(sources, "CC_COLLINFO",
                            f"http://127.0.0.1:{httpd.server_address[1]}/collinfo.json")
        source = resolve("commoncrawl", years=(2023, 2024), client=PoliteClient(max_rps=0))
    finally:
        httpd.shutdown()
    assert source.endpoints == ["https://index.example/CC-MAIN-2024-10-index",
                                "https://index.example/CC-MAIN-2023-10-index"]
    assert (source.mode, source.dialect, source.prefix) == (
        "range", "pywb", "https://data.commoncrawl.org")
    assert source.max_rps == 1.0  # cdx_toolkit's interval for Common Crawl's index
    wayback = resolve("wayback")
    assert (wayback.dialect, wayback.wb) == ("ia", "https://web.archive.org/web")


def test_backfilled_captures_go_into_a_wacz_and_exports_say_where_they_came_from(
        world: Archives, wayback: str, tmp_path: Path) -> None:
    """What was recovered from a web archive is packaged like a crawl's own captures: the
    WACZ holds our WARC copies, lists the recovered articles as pages, and Webrecorder's
    validator accepts it; a researcher's export tells recovered articles from crawled ones."""
    db = copy_db(world.dbs["live"], tmp_path / "archive.db")
    for (warc_file,) in sqlite3.connect(db).execute(  # the live crawl's captures, beside it
            "SELECT DISTINCT warc_file FROM articles WHERE warc_file IS NOT NULL"):
        (tmp_path / warc_file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(world.dbs["live"].parent / warc_file, tmp_path / warc_file)
    assert backfill(db, f"{wayback}/cdx").returncode == 0
    out = tmp_path / "recovered.wacz"
    done = run_cli("wacz", "--site", SITE, "-o", str(out), "--db", str(db), env=ENV)
    assert done.returncode == 0, done.stderr
    checked = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(out)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with zipfile.ZipFile(out) as z:
        listed = [json.loads(line) for line in
                  z.read("pages/pages.jsonl").decode("utf-8").splitlines()[1:]]
    recovered = {world.url(s) for s in world.removed} | {
        world.url(s, FORMER) for s in world.former.articles}
    assert recovered <= {page["url"] for page in listed}
    assert {p["ts"] for p in listed if p["url"] == world.url(world.removed[0])} == {
        "2023-03-01T02:00:00Z"}
    exported = run_cli("export", "-o", str(tmp_path / "all.jsonl"), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    by_url = {r["url"]: r for r in map(json.loads, (tmp_path / "all.jsonl").read_text(
        encoding="utf-8").splitlines())}
    removed = by_url[world.url(world.removed[0])]
    assert (removed["capture_source"], removed["capture_time"]) == (
        f"{wayback}/cdx", "2023-03-01T02:00:00Z")
    assert removed["capture_url"] == f"{wayback}/20230301020000/{world.url(world.removed[0])}"
    assert {r["capture_source"] for u, r in by_url.items() if u not in recovered} == {"live"}
