"""Raw captures: WARC files valid by warcio's checker, raw pages, re-extraction."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import crawl, run_cli
from warcio.archiveiterator import ArchiveIterator

from pressarchive.sampleportal import REFERENCE_TITLE, Portal, PortalServer
from pressarchive.warc import read_capture


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
        _, _, served = portal.render(url.removeprefix(server.base_url), "", server.base_url)
        assert body == served and content_type.startswith("text/html")


def test_raw_prints_the_page_and_reextract_reproduces_fields(server: PortalServer,
                                                             portal: Portal,
                                                             tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert crawl(server, db).returncode == 0
    ref = portal.article(REFERENCE_TITLE)
    url = server.base_url + ref.path
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

    missing = run_cli("raw", server.base_url + "/-/khong-co", "--db", str(db))
    assert missing.returncode == 1 and "no capture" in missing.stderr
