"""Documents behind the news, through real crawls of the sample portal: every attachment
fetched once and captured in the WARC, stored once by digest, each text status reached by
the right file, the text searchable with and without diacritics, OCR of the scan."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import HOME, crawl

from pressarchive.archive import Archive
from pressarchive.cli import main
from pressarchive.sampleportal import Fault, Portal, PortalServer, build_portal
from pressarchive.sampleportal.attachments import BIG_NAME, OFFSITE_URL, link_documents
from pressarchive.sampleportal.documents import known_texts, sample_documents
from pressarchive.textnorm import nfc
from pressarchive.warc import read_capture

ERROR_PAGE = "thong-bao-loi.pdf"  # a portal's HTML error page served as a PDF
COPY = "phu-luc-ngan-sach.xlsx"  # the budget report again, at another URL (404 at first)
SCAN = "thong-bao-tuyen-dung-scan.pdf"
STATUS = {  # file -> the text status a crawl must reach, and a word of its reason
    "ke-hoach-giao-thong-2026.pdf": ("text", None),
    "thong-bao-tiep-cong-dan.docx": ("text", None),
    "cong-van-sot-xuat-huyet.doc": ("text", None),
    "bao-cao-thu-ngan-sach.xlsx": ("text", None),
    SCAN: ("needs_ocr", "text layer"),
    "ke-hoach-dien-tap-mat.pdf": ("encrypted", "password"),
    "bao-cao-hong.pdf": ("corrupt", "could not read"),
    "du-thao-bom.docx": ("too_large", "zip bomb"),
    BIG_NAME: ("too_large", "50 MiB"),
    ERROR_PAGE: ("unsupported", "web page"),
}
OCR_RECALL = 0.9  # share of the scan's words OCR must find (measured: 0.988, 84 of 85)


@dataclass
class Crawled:
    db: Path
    portal: Portal
    server: PortalServer
    linked: dict[str, tuple[str, list[str]]]  # file -> (its path, the articles' paths)
    hits: dict[str, int]  # server hits after the first crawl


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"PRESSARCHIVE_DB": None},
                              catch_exceptions=False)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """One crawl of a portal linking every sample document (the first from two
    articles), an error page, a 60 MB file, a copy at a URL that fails once, and another
    site's file."""
    documents = dict(sample_documents())
    documents[ERROR_PAGE] = ("application/pdf", "<!DOCTYPE html><html><head><title>Lỗi"
                             "</title></head><body>Trang không tồn tại</body></html>".encode())
    documents[COPY] = documents["bao-cao-thu-ngan-sach.xlsx"]
    portal = build_portal()
    linked = link_documents(portal, documents)
    portal.faults[linked[COPY][0]] = Fault(status=404, times=1)
    db = tmp_path_factory.mktemp("documents") / "archive.db"
    with PortalServer(portal) as server:
        done = crawl(server, db)
        assert done.returncode == 1, done.stderr  # partial: the copy's 404
        yield Crawled(db, portal, server, linked, dict(server.hits))


def copy_archive(crawled: Crawled, folder: Path) -> Path:
    """The crawled archive and its WARC files, copied (tests that write use a copy)."""
    shutil.copytree(crawled.db.parent, folder)
    return folder / crawled.db.name


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def url_of(crawled: Crawled, name: str) -> str:
    return HOME + crawled.linked[name][0]


def test_every_document_fetched_once_captured_and_stored_once(crawled: Crawled) -> None:
    for name, (path, _) in crawled.linked.items():
        assert crawled.hits[path] == 1, name  # the copy's too: a 404 is not retried at once
    assert len(crawled.linked[next(iter(STATUS))][1]) == 2  # linked from two articles
    # one row a file: the copy at another URL points to the same digest
    files = rows(crawled.db, "SELECT sha256, url, size, warc_file, warc_offset FROM documents")
    sample = {hashlib.sha256(data).hexdigest() for _, data in sample_documents().values()}
    assert len(files) == len(sample) + 1 + 2  # + the error page + the portal's 2 own files
    for sha256, url, size, warc_file, warc_offset in files:
        body, _ = read_capture(crawled.db.parent / warc_file, warc_offset)
        assert hashlib.sha256(body).hexdigest() == sha256 and len(body) == size, url
    first = url_of(crawled, next(iter(STATUS)))
    links = rows(crawled.db, "SELECT article_url, document_id FROM article_documents"
                 " WHERE url = ?", first)
    assert len(links) == 2 and links[0][1] == links[1][1]
    assert not rows(crawled.db, "SELECT 1 FROM document_urls WHERE url = ?", OFFSITE_URL)
    assert not rows(crawled.db, "SELECT 1 FROM fetch_errors WHERE url = ?", OFFSITE_URL)


def test_each_status_reached_by_the_right_file_with_its_reason(crawled: Crawled) -> None:
    for name, (status, reason) in STATUS.items():
        found = rows(crawled.db, "SELECT text_status, reason, sha256 FROM document_urls"
                     " WHERE url = ?", url_of(crawled, name))
        assert found and found[0][0] == status, (name, found)
        if reason:
            assert reason in found[0][1], (name, found[0][1])
    assert rows(crawled.db, "SELECT sha256 FROM document_urls WHERE url = ?",
                url_of(crawled, BIG_NAME)) == [(None,)]  # refused: no bytes kept
    for name, text in known_texts().items():
        if name == SCAN:
            continue
        stored = rows(crawled.db, "SELECT d.text FROM documents d JOIN document_urls u"
                      " ON u.sha256 = d.sha256 WHERE u.url = ?", url_of(crawled, name))[0][0]
        assert stored == nfc(stored) and text.split("\n")[0].split()[-1] in stored, name


def test_raw_prints_a_documents_bytes(crawled: Crawled) -> None:
    name = "ke-hoach-giao-thong-2026.pdf"
    shown = cli("raw", url_of(crawled, name), "--db", str(crawled.db))
    assert shown.exit_code == 0 and shown.stdout_bytes == sample_documents()[name][1]


def test_the_copys_404_is_a_document_fetch_error(crawled: Crawled) -> None:
    assert rows(crawled.db, "SELECT kind, status FROM fetch_errors WHERE url = ?",
                url_of(crawled, COPY)) == [("document", 404)]


def search(db: Path, query: str, *extra: str) -> list[dict]:
    result = cli("search", query, "--db", str(db), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_document_text_found_with_and_without_diacritics(crawled: Crawled) -> None:
    doc = "cong-van-sot-xuat-huyet.doc"
    holder = HOME + crawled.linked[doc][1][0]
    for query in ('"thu gom vật dụng phế thải"', "thu gom vat dung phe thai",
                  "THU GOM VẬT DỤNG"):
        hits = search(crawled.db, query, "--in", "documents")
        assert [h["url"] for h in hits] == [holder], query
        assert hits[0]["matched_in"] == "document" and hits[0]["document_url"] == \
            url_of(crawled, doc) and hits[0]["document_name"].startswith("Công văn số")
        snippet = hits[0]["snippet"]
        assert "[" in snippet and "thu gom vật dụng" in re.sub(r"[][]", "", snippet)
    assert search(crawled.db, "thu gom vất dụng", "--in", "documents") == []  # marks count
    assert search(crawled.db, "thu gom vat dung phe thai", "--in", "articles") == []
    everywhere = search(crawled.db, "thu gom vat dung phe thai")  # default --in all
    assert [h["url"] for h in everywhere] == [holder]
    shown = cli("search", "den chieu sang", "--db", str(crawled.db)).stdout
    assert "in document: Quyết định số" in shown and "[chiếu] [sáng]" in shown


def test_all_lists_own_matches_first_then_through_documents(crawled: Crawled) -> None:
    own = search(crawled.db, "giao thong", "--in", "articles", "--limit", "100")
    both = search(crawled.db, "giao thong", "--limit", "100")
    assert own and [h["url"] for h in both[:len(own)]] == [h["url"] for h in own]
    extra = both[len(own):]
    assert extra and all(h["matched_in"] == "document" for h in extra)
    assert {h["url"] for h in extra}.isdisjoint(h["url"] for h in own)
    paged = search(crawled.db, "giao thong", "--limit", "1", "--offset", str(len(own)))
    assert [h["url"] for h in paged] == [extra[0]["url"]]


def test_documents_command_lists_and_filters(crawled: Crawled) -> None:
    result = cli("documents", "--status", "needs_ocr", "--json", "--db", str(crawled.db))
    listed = json.loads(result.stdout)
    assert [d["url"] for d in listed] == [url_of(crawled, SCAN)]
    assert listed[0]["articles"][0]["url"] == HOME + crawled.linked[SCAN][1][0]
    table = cli("documents", "--site", "dongthap", "--db", str(crawled.db)).stdout
    assert "too_large" in table and "reason: larger than the 50 MiB document cap" in table
    bad = cli("documents", "--site", "nowhere", "--db", str(crawled.db))
    assert bad.exit_code == 2 and bad.stderr.startswith("error: no site 'nowhere'")


def test_stats_export_and_datasette_show_documents(crawled: Crawled, tmp_path: Path) -> None:
    stats = json.loads(cli("stats", "--json", "--db", str(crawled.db)).stdout)["documents"]
    assert stats[0]["site"] == "dongthap" and stats[0]["text"] == 4
    assert stats[0]["needs_ocr"] == 1 and stats[0]["refused"] == 1
    assert "Documents (attachments fetched" in cli("stats", "--db", str(crawled.db)).stdout
    out = tmp_path / "documents.csv"
    done = cli("export", "--documents", "-o", str(out), "--db", str(crawled.db))
    assert done.exit_code == 0, done.output
    exported = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    first = [r for r in exported if r["url"] == url_of(crawled, next(iter(STATUS)))]
    assert len(first) == 2 and first[0]["text_status"] == "text" and "Đồng Tháp" in \
        first[0]["text"] and first[0]["article_title"]

    from datasette.app import Datasette

    from pressarchive.serve import metadata

    doc = "cong-van-sot-xuat-huyet.doc"
    article_id = rows(crawled.db, "SELECT id FROM articles WHERE url = ?",
                      HOME + crawled.linked[doc][1][0])[0][0]

    async def fetch() -> tuple[dict, list[dict], str]:
        ds = Datasette([str(crawled.db)], metadata=metadata(crawled.db.stem))
        page = await ds.client.get(f"/{crawled.db.stem}/articles/{article_id}")
        facets = await ds.client.get(f"/{crawled.db.stem}/article_documents.json"
                                     "?_extra=facet_results")
        found = await ds.client.get(f"/{crawled.db.stem}/search_documents.json?q=thu+gom"
                                    "+vat+dung&site=&page=&_shape=objects")
        assert facets.status_code == found.status_code == 200, found.text
        return facets.json(), found.json()["rows"], page.text

    facet_page, found, article_page = asyncio.run(fetch())
    assert re.search(r'Công văn số \d+/UBND-VX</a> · <a class="pa-document" href="[^"]*'
                     r'/documents/\d+">text</a>', article_page)  # the article shows its file
    results = facet_page["facet_results"]
    counts = {r["value"]: r["count"] for r in results.get("results", results)["text_status"]
              ["results"]}
    assert counts["needs_ocr"] == 1 and counts["too_large"] == 2
    assert [r["document_url"] for r in found] == [url_of(crawled, doc)]
    assert "\ue000vật\ue001 \ue000dụng\ue001" in found[0]["snippet"]  # highlighted


def test_recrawl_fetches_known_documents_only_when_asked(crawled: Crawled,
                                                          tmp_path: Path) -> None:
    db = copy_archive(crawled, tmp_path / "copy")
    before = dict(crawled.server.hits)
    again = crawl(crawled.server, db)
    assert again.returncode == 0, again.stderr
    fetched = {p: crawled.server.hits[p] - before.get(p, 0) for p, _ in crawled.linked.values()}
    assert fetched == {p: int(n == COPY) for n, (p, _) in crawled.linked.items()}  # retried
    assert rows(db, "SELECT sha256 FROM document_urls WHERE url = ?", url_of(crawled, COPY)) \
        == rows(db, "SELECT sha256 FROM document_urls WHERE url = ?",
                url_of(crawled, "bao-cao-thu-ngan-sach.xlsx"))
    assert rows(db, "SELECT resolved_run FROM fetch_errors WHERE url = ?",
                url_of(crawled, COPY))[0][0] is not None
    count = rows(db, "SELECT count(*) FROM documents")
    before = dict(crawled.server.hits)
    full = crawl(crawled.server, db, "--full", "--refetch-documents", "--ocr")
    assert full.returncode == 0, full.stderr
    assert all(crawled.server.hits[p] - before.get(p, 0) == 1
               for p, _ in crawled.linked.values())
    assert rows(db, "SELECT count(*) FROM documents") == count  # the same files
    scan = rows(db, "SELECT d.text_status, d.engine FROM document_urls u JOIN documents d"
                " ON d.sha256 = u.sha256 WHERE u.url = ?", url_of(crawled, SCAN))
    assert scan == [("ocr", "tesseract")]


def test_no_documents_crawls_the_articles_only(crawled: Crawled, tmp_path: Path) -> None:
    before = dict(crawled.server.hits)
    done = crawl(crawled.server, tmp_path / "plain.db", "--no-documents")
    assert done.returncode == 0, done.stderr
    assert all(crawled.server.hits[p] == before.get(p, 0) for p, _ in crawled.linked.values())
    db = tmp_path / "plain.db"
    assert rows(db, "SELECT count(*) FROM document_urls") == [(0,)]
    assert rows(db, "SELECT count(*) FROM attachments") == rows(
        crawled.db, "SELECT count(*) FROM attachments")  # the links are kept


def test_ocr_reads_the_scan_and_reextract_keeps_it(crawled: Crawled, tmp_path: Path) -> None:
    db = copy_archive(crawled, tmp_path / "copy")
    assert search(db, '"trung tuyen"', "--in", "documents") == []
    done = cli("ocr", "--site", "dongthap", "--db", str(db))
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "OCR of 1 document(s): 1 ocr"
    text = rows(db, "SELECT d.text FROM documents d JOIN document_urls u ON u.sha256 ="
                " d.sha256 WHERE u.url = ?", url_of(crawled, SCAN))[0][0]
    want = re.findall(r"\w+", nfc(known_texts()[SCAN]).lower())
    got = set(re.findall(r"\w+", text.lower()))
    assert sum(w in got for w in want) / len(want) >= OCR_RECALL
    for query in ('"trúng tuyển"', '"trung tuyen"'):
        assert [h["url"] for h in search(db, query, "--in", "documents")] == [
            HOME + crawled.linked[SCAN][1][0]]
    again = cli("reextract", "--jobs", "1", "--db", str(db))
    assert again.exit_code == 0, again.output
    assert re.search(r"re-extracted \d+ documents: .*4 text", again.stdout)
    assert rows(db, "SELECT count(*) FROM documents WHERE text_status = 'ocr'") == [(1,)]


def test_an_archive_of_schema_6_gains_the_document_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Archive(db):
        pass
    with sqlite3.connect(db) as conn:
        conn.executescript("DROP VIEW article_documents; DROP TABLE documents;"
                           " DROP TABLE document_urls; DROP TABLE documents_fts;"
                           " PRAGMA user_version = 6;")
    refused = cli("documents", "--db", str(db))
    assert refused.exit_code == 3 and "older than" in refused.stderr
    with Archive(db) as archive:
        assert archive.documents_list() == [] and archive.count("documents") == 0
    assert rows(db, "PRAGMA user_version") == [(7,)]


@pytest.mark.parametrize("command", [["documents"], ["ocr"]], ids=lambda c: c[0])
def test_a_missing_archive_is_refused_and_not_created(command: list[str],
                                                      tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = cli(*command, "--db", str(db))
    assert result.exit_code == 3 and result.stderr.strip() == (
        f"error: no archive at {db}; crawl first or pass --db")
    assert not db.exists()


def test_verify_checks_the_documents_captures(crawled: Crawled, tmp_path: Path) -> None:
    """A full verify reads the documents' captures as it reads the articles': each
    document row must point at a response record of its own URL."""
    db = copy_archive(crawled, tmp_path / "home")
    clean = cli("verify", "--db", str(db), "--json")
    assert clean.exit_code == 0, clean.output
    counted = json.loads(clean.output)
    articles = rows(db, "SELECT count(*) FROM articles WHERE warc_file IS NOT NULL")[0][0]
    documents = rows(db, "SELECT count(*) FROM documents WHERE warc_file IS NOT NULL")[0][0]
    assert documents > 0
    assert counted["checks"]["captures"]["items"] >= articles + documents
    plan = url_of(crawled, next(iter(STATUS)))
    with sqlite3.connect(db) as conn:  # point the plan's row at another record
        conn.execute("UPDATE documents SET warc_offset = (SELECT warc_offset FROM articles"
                     " LIMIT 1) WHERE url = ?", (plan,))
    broken = cli("verify", "--db", str(db), "--json")
    assert broken.exit_code == 7, broken.output
    problems = json.loads(broken.output)["checks"]["captures"]["problems"]
    assert [p["articles"] for p in problems] == [[plan]], problems
    assert "another URL" in problems[0]["what"]
