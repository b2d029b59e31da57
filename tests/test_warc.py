"""Raw captures: WARC files valid by warcio's checker, raw pages, re-extraction."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import HOME, crawl, run_cli
from warcio.archiveiterator import ArchiveIterator

from pressarchive.sampleportal import REFERENCE_TITLE, Portal, PortalServer
from pressarchive.warc import iter_html_responses, read_capture, record_ranges


def warcio_check(files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())",
         "check", "-v", *map(str, files)], capture_output=True, text=True)


def test_every_exchange_is_captured_and_valid(server: PortalServer, portal: Portal,
                                              tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    result = crawl(server, db, "-s", "PRESSARCHIVE_WARC_MAX_BYTES=30000")
    assert result.returncode == 0, result.stderr[-2000:]
    files = sorted((tmp_path / "warc").glob("dongthap-*.warc.gz"))
    assert len(files) > 1  # rotated by size
    check = warcio_check(files)
    assert check.returncode == 0, check.stdout[-2000:]
    assert "digest pass" in check.stdout and "digest fail" not in check.stdout
    responses = 0
    for path in files:
        with path.open("rb") as fh:
            records = list(ArchiveIterator(fh))
            kinds = [r.rec_type for r in records]
        assert kinds[0] == "warcinfo"
        responses += kinds.count("response")
        assert kinds.count("request") == kinds.count("response")
    assert responses == sum(server.hits.values())  # robots.txt and list pages included

    with files[0].open("rb") as fh:
        info = next(iter(ArchiveIterator(fh))).content_stream().read().decode()
    assert "operator:" in info and "software: pressarchive/" in info and "robots: obey" in info

    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, warc_file, warc_offset FROM articles").fetchall()
    conn.close()
    assert len(rows) == 36 and all(f and o is not None for _, f, o in rows)
    for url, name, offset in rows:
        body, content_type = read_capture(tmp_path / name, offset)
        _, _, served = portal.render(url.removeprefix(HOME), "", server.base_url)
        assert body == served and content_type.startswith("text/html")


def test_raw_prints_the_page_and_reextract_reproduces_fields(server: PortalServer,
                                                             portal: Portal,
                                                             tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert crawl(server, db).returncode == 0
    ref = portal.article(REFERENCE_TITLE)
    url = HOME + ref.path
    raw = subprocess.run([sys.executable, "-m", "pressarchive.cli", "raw", url, "--db", str(db)],
                         capture_output=True)
    assert raw.returncode == 0
    assert raw.stdout == portal.render(ref.path, "", server.base_url)[2]

    before = sqlite3.connect(db).execute("SELECT * FROM articles ORDER BY id").fetchall()
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "36 articles: 0 changed, 36 unchanged, 0 failed" in result.stdout
    conn = sqlite3.connect(db)
    after = conn.execute("SELECT * FROM articles ORDER BY id").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM articles LIMIT 0").description]
    conn.close()
    content = [i for i, n in enumerate(names) if n not in ("last_seen", "run_id")]
    assert [[r[i] for i in content] for r in after] == [[r[i] for i in content] for r in before]

    missing = run_cli("raw", HOME + "/-/khong-co", "--db", str(db))
    assert missing.returncode == 1 and "no capture" in missing.stderr


def _foreign_warc(path: Path, portal: Portal, base: str, specs: list) -> None:
    """A WARC as wget --warc-file writes one: warcinfo, then request/response pairs."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21"}))
        pages = [("/tin-tuc/chinh-tri", "text/html; charset=utf-8"),
                 ("/robots.txt", "text/plain")] + [(s.path, "text/html; charset=utf-8")
                                                   for s in specs]
        for page_path, content_type in pages:
            status, _, body = portal.render(page_path, "", base)
            http = StatusAndHeaders(f"{status} OK", [("Content-Type", content_type)],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                base + page_path, "response", payload=io.BytesIO(body), http_headers=http))


def test_import_backfills_from_other_tools_warcs(portal: Portal, tmp_path: Path) -> None:
    base = "https://dongthap.gov.vn"
    specs = [portal.article(REFERENCE_TITLE), *portal.articles[:3]]
    warc = tmp_path / "wget.warc.gz"
    _foreign_warc(warc, portal, base, specs)
    db = tmp_path / "i.db"
    result = run_cli("import", str(warc), "--db", str(db))  # the profile found by domain
    assert result.returncode == 0, result.stderr
    assert "imported 4 new" in result.stdout and "1 HTML pages without an article" in result.stdout
    conn = sqlite3.connect(db)
    stored = dict(conn.execute("SELECT url, body FROM articles WHERE site = 'dongthap'"))
    conn.close()
    assert {base + s.path: s.body for s in specs} == stored
    raw = subprocess.run([sys.executable, "-m", "pressarchive.cli", "raw",
                          base + specs[0].path, "--db", str(db)], capture_output=True)
    assert raw.returncode == 0 and raw.stdout == portal.render(specs[0].path, "", base)[2]
    again = run_cli("import", str(warc), "--db", str(db))
    assert "imported 0 new, 0 changed, 4 unchanged" in again.stdout

    truncated = tmp_path / "cut.warc.gz"  # a download cut short: whole records still load
    truncated.write_bytes(warc.read_bytes()[:-200])
    cut = run_cli("import", str(truncated), "--db", str(tmp_path / "c.db"))
    assert cut.returncode in (0, 1) and "imported 3 new" in cut.stdout or "imported 4 new" in \
        cut.stdout
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"WARC/1.0\r\nthis is not a record\r\n" * 50)
    bad = run_cli("import", str(junk), "--db", str(tmp_path / "j.db"))
    assert bad.returncode == 1 and "stopped reading" in bad.stderr and "Traceback" not in bad.stderr


def _warc_of(path: Path, pages: list[tuple[str, bytes]], gzip: bool = True) -> None:
    """A WARC as another tool writes one: response records of (URL, HTML) in order."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http))


DECLARED = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hội thi tìm hiểu lịch sử địa phương năm 2024</title>
<meta property="og:type" content="article"></head><body><main><article>
<h1>Hội thi tìm hiểu lịch sử địa phương năm 2024</h1>
<p>Sáng nay, Huyện đoàn tổ chức hội thi tìm hiểu lịch sử địa phương cho hơn 300 đoàn viên,
thanh niên đến từ các xã, thị trấn trên địa bàn huyện.</p>
<p>Các đội thi trả lời câu hỏi về truyền thống cách mạng, di tích lịch sử và những người con
tiêu biểu của quê hương qua nhiều thời kỳ.</p>
<p>Ban tổ chức trao giải nhất cho đội xã Tân Phú, giải nhì cho đội thị trấn và hai giải ba
cho các đội còn lại.</p>
</article></main></body></html>"""


def test_import_of_an_unprofiled_portal_stores_articles_only_and_counts_truly(
        portal: Portal, tmp_path: Path) -> None:
    base = "https://tinmoi.example"  # no profile owns this domain
    from pressarchive.sampleportal.render import cur_param

    first, second, third = portal.articles[:3]
    section = portal.sections[0]
    page = lambda spec_path: portal.render(spec_path, "", base)[2]  # noqa: E731
    pages = [(base + "/", page("/")),
             *((base + s.path, page(s.path)) for s in portal.sections[:2]),
             # a list's page 2 names page 1 as its canonical URL: once stored as a
             # "changed" article on an empty archive
             (f"{base}{section.path}?{cur_param(section)}=2",
              portal.render(section.path, f"{cur_param(section)}=2", base)[2]),
             *((base + s.path, page(s.path)) for s in (first, second, third)),
             (base + first.path, page(first.path)),  # captured twice, the same
             (base + "/gioi-thieu/hoi-thi", DECLARED.encode())]  # says it is an article
    portal.edit_article(second.path, [*second.paragraphs, "Đoạn bổ sung khi cổng sửa bài."])
    pages.append((base + second.path, page(second.path)))  # and a later version
    warc = tmp_path / "other.warc.gz"
    _warc_of(warc, pages)
    db = tmp_path / "i.db"
    result = run_cli("import", str(warc), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert ("imported 4 new, 0 changed, 0 unchanged articles; 4 HTML pages without an article"
            " (4 not article pages, 0 with no title or body); 2 more captures of the same"
            " articles (1 kept as other versions, 1 already archived)") in result.stdout
    conn = sqlite3.connect(db)
    urls = {u for (u,) in conn.execute("SELECT url FROM articles")}
    revisions = conn.execute("SELECT url FROM revisions").fetchall()
    sites = conn.execute("SELECT DISTINCT site FROM articles").fetchall()
    conn.close()
    assert urls == {base + s.path for s in (first, second, third)} | {
        base + "/gioi-thieu/hoi-thi"}
    assert revisions == [(base + second.path,)] and sites == [("tinmoi.example",)]
    again = run_cli("import", str(warc), "--db", str(db))
    assert "imported 0 new, 0 changed, 4 unchanged articles" in again.stdout
    assert "(0 kept as other versions, 2 already archived)" in again.stdout
    assert len(sqlite3.connect(db).execute("SELECT * FROM revisions").fetchall()) == 1


def _read_ranges(path: Path, ranges: list[tuple[int, int | None]]) -> list[tuple[object, ...]]:
    """What reading ``ranges`` of ``path`` one after the other gives, up to an error."""
    out: list[tuple[object, ...]] = []
    for start, end in ranges:
        try:
            for page in iter_html_responses(path, start, end):
                out.append(page)
        except Exception as exc:  # noqa: BLE001 - the error is what is compared
            return [*out, (type(exc).__name__, str(exc))]
    return out


def test_import_ranges_read_what_the_whole_file_gives(tmp_path: Path) -> None:
    """`import --jobs N` workers read a file in record ranges: together they give the
    pages and the error reading it whole gives, for whole, cut, damaged and plain files."""
    whole, plain = tmp_path / "w.warc.gz", tmp_path / "p.warc"
    pages = [(f"https://dongthap.gov.vn/tin/{n}", f"<p>Tin số {n}</p>".encode() * 40)
             for n in range(30)]
    _warc_of(whole, pages)
    _warc_of(plain, pages, gzip=False)
    data = whole.read_bytes()
    files = {"whole": whole, "plain": plain}
    for name, content in {"cut.warc.gz": data[:-150], "cut.warc": plain.read_bytes()[:-300],
                          "damaged.warc.gz": data[:len(data) // 2] + b"x" * 50
                          + data[len(data) // 2:],
                          "junk.warc.gz": b"WARC/1.0\r\nnot a record\r\n" * 20}.items():
        files[name] = tmp_path / name
        files[name].write_bytes(content)
    for name, path in files.items():
        ranges = list(record_ranges(path, records=4))
        assert _read_ranges(path, ranges) == _read_ranges(path, [(0, None)]), name
        if name in ("whole", "plain"):
            assert len(ranges) == 8 and len(_read_ranges(path, ranges)) == 30
