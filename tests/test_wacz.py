"""`pressarchive wacz`: the archive's captures as a WACZ that Webrecorder's own
`wacz validate` accepts, whole or a selection, with the articles as its pages."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run_cli
from warcio.archiveiterator import ArchiveIterator

from pressarchive.archive import Archive
from pressarchive.cli import main


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """Webrecorder's own validator, as a user runs it (`wacz validate -f FILE`)."""
    return subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(path)],
                          capture_output=True, text=True, timeout=120)


def pages(path: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as z:
        lines = z.read("pages/pages.jsonl").decode("utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def whole(captured_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wacz") / "all.wacz"
    done = run_cli("wacz", "-o", str(out), "--db", str(captured_archive))
    assert done.returncode == 0, done.stderr
    assert f"{out}: 36 articles, 2 WARC files whole" in done.stdout
    return out


def test_whole_archive_validates_and_holds_every_warc_file(whole: Path,
                                                           captured_archive: Path) -> None:
    checked = validate(whole)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Validation succeeded" in checked.stdout
    ours = {hashlib.sha256(path.read_bytes()).hexdigest()
            for path in (captured_archive.parent / "warc").glob("*.warc.gz")}
    with zipfile.ZipFile(whole) as z:
        inside = {hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()
                  if n.startswith("archive/")}
        index = gzip.decompress(z.read("indexes/index.cdx.gz")).decode("utf-8")
    # byte for byte, both crawls' files: the first one's, all of whose articles were
    # fetched again, too (no article points to it any more)
    assert inside == ours and len(ours) == 2
    assert index.count(" {") > 2 * 36  # every record indexed, list pages too


def test_pages_are_the_articles_with_title_url_and_capture_time(whole: Path,
                                                                captured_archive: Path) -> None:
    listed = {p["url"]: p for p in pages(whole)}
    stored = rows(captured_archive, "SELECT title, fetched_url, warc_file, warc_offset"
                                    " FROM articles")
    assert len(listed) == len(stored) == 36
    for title, url, warc_file, offset in stored:
        page = listed[url]
        assert page["title"] == title and unicodedata.is_normalized("NFC", title)
        with (captured_archive.parent / warc_file).open("rb") as fh:  # the capture's time
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            assert page["ts"] == record.rec_headers.get_header("WARC-Date")
    assert any("Quyết tâm mới" in p["title"] for p in listed.values())


def test_a_selection_holds_only_the_selected_records(captured_archive: Path,
                                                     tmp_path: Path) -> None:
    since = "2024-01-01"
    out = tmp_path / "dongthap-2024.wacz"
    done = run_cli("wacz", "--site", "dongthap", "--since", since, "-o", str(out),
                   "--db", str(captured_archive))
    assert done.returncode == 0, done.stderr
    assert validate(out).returncode == 0
    wanted = dict(rows(captured_archive, "SELECT fetched_url, url FROM articles"
                       " WHERE site = ? AND published >= ?", "dongthap", since))
    assert 0 < len(wanted) < 36
    assert sorted(p["url"] for p in pages(out)) == sorted(wanted)
    with zipfile.ZipFile(out) as z:
        [name] = [n for n in z.namelist() if n.startswith("archive/")]
        warc = z.read(name)
    seen: dict[str, list[str]] = {}
    payloads = {}
    for record in ArchiveIterator(io.BytesIO(warc)):
        seen.setdefault(record.rec_type, []).append(
            record.rec_headers.get_header("WARC-Target-URI"))
        if record.rec_type == "response":
            payloads[seen["response"][-1]] = record.content_stream().read()
    assert sorted(seen["response"]) == sorted(wanted)
    fetched = sorted(wanted)[0]  # the bytes as captured (`raw` reads the archive's WARC)
    raw = run_cli("raw", wanted[fetched], "--db", str(captured_archive))
    assert payloads[fetched].decode("utf-8") == raw.stdout
    assert sorted(seen["request"]) == sorted(seen["response"])  # each with its request
    assert len(seen["warcinfo"]) == 1


def test_bad_input_is_one_line_and_an_exit_code(captured_archive: Path,
                                                tmp_path: Path) -> None:
    def fails(*args: str, db: Path = captured_archive) -> tuple[int, str]:
        done = CliRunner().invoke(main, ["wacz", *args, "--db", str(db)])
        assert done.exception is None or isinstance(done.exception, SystemExit)
        assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")
        return done.exit_code, done.stderr

    out = tmp_path / "x.wacz"
    assert fails("-o", str(tmp_path / "nofolder" / "x.wacz"))[0] == 3
    assert fails("-o", str(tmp_path / "x.zip"))[0] == 2
    assert fails("--site", "nosuchsite", "-o", str(out))[0] == 2
    code, message = fails("--since", "2999-01-01", "-o", str(out))
    assert code == 1 and "no captured articles" in message
    empty = tmp_path / "empty.db"
    Archive(empty).close()
    assert fails("-o", str(out), db=empty)[0] == 1
    out.write_bytes(b"keep me")
    assert fails("-o", str(out))[0] == 2 and out.read_bytes() == b"keep me"  # no --force

    copy = tmp_path / "copy"
    shutil.copytree(captured_archive.parent, copy)
    lost = rows(copy / "archive.db", "SELECT warc_file FROM articles LIMIT 1")[0][0]
    (copy / lost).unlink()
    code, message = fails("-o", str(tmp_path / "y.wacz"), db=copy / "archive.db")
    assert code == 7 and "missing" in message
    code, message = fails("--site", "dongthap", "-o", str(tmp_path / "y.wacz"),
                          db=copy / "archive.db")
    assert code == 7 and str(copy / lost) in message
    assert not (tmp_path / "y.wacz").exists()
    assert not list(tmp_path.glob(".*.part"))
