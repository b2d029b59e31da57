"""Preservation: verify finds damaged records, cut and missing WARC files and a damaged
database; backups taken during a crawl verify clean; bags validate (and stop validating
once edited). Real crawls of the sample portal, real files, the real CLI."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import bagit
import pytest
from conftest import FAST, crawl, run_cli
from warcio.warcwriter import WARCWriter

from pressarchive.cli import EXIT_PROBLEMS
from pressarchive.preserve.warcscan import scan
from pressarchive.sampleportal import PortalServer, build_portal


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One crawl of the sample portal, WARC files rotated small (several files)."""
    home = tmp_path_factory.mktemp("crawled")
    with PortalServer(build_portal()) as server:
        result = crawl(server, home / "a.db", "-s", "PRESSARCHIVE_WARC_MAX_BYTES=30000")
    assert result.returncode == 0, result.stderr[-2000:]
    return home


@pytest.fixture
def home(crawled: Path, tmp_path: Path) -> Path:
    """A copy of the crawled archive and its WARC files, to damage."""
    target = tmp_path / "archive"
    shutil.copytree(crawled, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def verify(home: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    result = run_cli("verify", "--db", str(home / "a.db"), "--json", *args)
    assert "Traceback" not in result.stderr + result.stdout
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else {}


def captures(home: Path, documents: bool = False) -> list[tuple[str, str, int]]:
    """(URL, WARC file, offset) of every article capture, by file and offset; with
    ``documents``, the attached documents' too (the crawl interleaves them, so either may
    lie past a cut)."""
    query = "SELECT url, warc_file, warc_offset FROM articles"
    if documents:
        query += (" UNION ALL SELECT url, warc_file, warc_offset FROM documents"
                  " WHERE warc_file IS NOT NULL")
    with sqlite3.connect(home / "a.db") as conn:
        return conn.execute(query + " ORDER BY 2, 3").fetchall()


def test_a_clean_archive_verifies_and_each_check_is_a_fixity_row(home: Path) -> None:
    result, report = verify(home)
    assert result.returncode == 0, result.stdout
    assert report["problems"] == 0
    checks = report["checks"]
    with sqlite3.connect(home / "a.db") as conn:  # the portal's attachments are captures too
        documents = conn.execute("SELECT count(*) FROM documents WHERE warc_file IS NOT NULL"
                                 ).fetchone()[0]
    assert documents == 2
    assert checks["captures"]["items"] == 36 + documents and checks["fts"]["items"] == 36
    assert checks["files"]["items"] == len(list((home / "warc").glob("*.warc.gz")))
    assert checks["digests"]["items"] > 72 and checks["sqlite"]["items"] > 0
    text = run_cli("verify", "--db", str(home / "a.db"))
    assert text.returncode == 0 and "no problems found" in text.stdout
    with sqlite3.connect(home / "a.db") as conn:
        rows = conn.execute("SELECT scope, check_name, problems FROM fixity").fetchall()
        assert conn.execute("SELECT count(*) FROM fixity_progress").fetchone() == (0,)
    assert sorted(rows) == sorted([("full", c, 0) for c in
                                   ("sqlite", "fts", "files", "captures", "digests")] * 2)


def _rewrite_member(path: Path, offset: int, change: bytes, to: bytes) -> None:
    """Replace bytes inside the record (gzip member) at ``offset``, recompressed."""
    data = path.read_bytes()
    length = next(r.length for r in scan(path).records if r.offset == offset)
    record = gzip.decompress(data[offset:offset + length])
    assert change in record
    path.write_bytes(data[:offset] + gzip.compress(record.replace(change, to, 1))
                     + data[offset + length:])


def test_one_flipped_payload_byte_names_the_record_and_its_article(home: Path) -> None:
    url, name, offset = captures(home)[-1]  # the last capture of its file: none after it
    path = home / name
    assert max(o for _, n, o in captures(home) if n == name) == offset
    _rewrite_member(path, offset, b"<title>", b"<titlf>")  # one byte of the payload
    result, report = verify(home)
    assert result.returncode == EXIT_PROBLEMS
    [problem] = report["checks"]["digests"]["problems"]
    assert problem["file"] == name and problem["offset"] == offset
    assert "payload digest failed" in problem["what"] and problem["articles"] == [url]
    assert problem["record"].startswith("<urn:uuid:")
    assert report["problems"] == 1
    text = run_cli("verify", "--db", str(home / "a.db"))
    assert text.returncode == EXIT_PROBLEMS
    assert f"{name} @ {offset}" in text.stdout and url in text.stdout


def test_a_cut_file_names_the_records_past_the_cut(home: Path) -> None:
    by_file: dict[str, list[tuple[str, int]]] = {}
    for url, name, offset in captures(home, documents=True):
        by_file.setdefault(name, []).append((url, offset))
    name, held = max(by_file.items(), key=lambda kv: len(kv[1]))
    assert len(held) >= 3
    cut = held[1][1] + 100  # inside the second capture's record
    path = home / name
    path.write_bytes(path.read_bytes()[:cut])
    result, report = verify(home)
    assert result.returncode == EXIT_PROBLEMS
    [cut_problem] = report["checks"]["files"]["problems"]
    assert cut_problem["file"] == name and cut_problem["offset"] == held[1][1]
    assert "cut short" in cut_problem["what"]
    past = {u for u, o in held[1:]}
    assert set(cut_problem["articles"]) == past
    named = {p["articles"][0] for p in report["checks"]["captures"]["problems"]}
    assert named == past
    assert all("past the cut" in p["what"] for p in report["checks"]["captures"]["problems"])
    sample, sampled = verify(home, "--sample", "36")  # the nightly check sees it too
    assert sample.returncode == EXIT_PROBLEMS
    articles = {u for u, _, _ in captures(home)}  # (the sample is of articles only)
    assert {p["articles"][0] for p in sampled["checks"]["captures"]["problems"]} >= (
        past & articles) - {held[1][0]}


def test_a_deleted_file_names_its_articles(home: Path) -> None:
    url, name, _ = captures(home)[0]
    lost = {u for u, n, _ in captures(home, documents=True) if n == name}
    (home / name).unlink()
    for args in ((), ("--sample", "1")):
        result, report = verify(home, *args)
        assert result.returncode == EXIT_PROBLEMS
        [problem] = report["checks"]["files"]["problems"]
        assert problem["file"] == name and problem["what"].startswith("missing")
        assert set(problem["articles"]) == lost


def test_a_foreign_warc_file_in_the_folder_is_reported(home: Path) -> None:
    stray = home / "warc" / "someone-else.warc.gz"
    with stray.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(
            stray.name, {"software": "Wget/1.21", "isPartOf": "elsewhere"}))
        writer.write_record(writer.create_warc_record(
            "http://example.org/", "resource", payload=io.BytesIO(b"hello"),
            warc_content_type="text/plain"))
    result, report = verify(home)
    assert result.returncode == EXIT_PROBLEMS
    [problem] = report["checks"]["files"]["problems"]
    assert problem["file"] == "warc/someone-else.warc.gz" and "does not know" in problem["what"]
    # a file the archive's own crawl wrote but no article points to (list pages) is known
    stray.unlink()
    only_lists = home / "warc" / "dongthap-29990101000000-1-00001.warc.gz"
    first = sorted((home / "warc").glob("*.warc.gz"))[0]
    only_lists.write_bytes(first.read_bytes()[:scan(first).records[1].offset])
    assert verify(home)[0].returncode == 0


@pytest.mark.parametrize("page", ["middle", "first"])
def test_a_damaged_database_is_reported_without_a_traceback(home: Path, page: str) -> None:
    db = home / "a.db"
    size = db.stat().st_size
    page_size = 4096
    at = 0 if page == "first" else (size // page_size // 2) * page_size
    with db.open("r+b") as fh:
        fh.seek(at)
        fh.write(b"\xa5" * page_size)
    result = run_cli("verify", "--db", str(db))
    assert result.returncode == EXIT_PROBLEMS, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "sqlite" in result.stdout
    assert "damaged" in result.stdout or "problem" in result.stdout
    as_json = run_cli("verify", "--db", str(db), "--json")
    assert as_json.returncode == EXIT_PROBLEMS and json.loads(as_json.stdout)["problems"] >= 1


def test_sample_mode_checks_n_captures(home: Path) -> None:
    result, report = verify(home, "--sample", "5")
    assert result.returncode == 0
    assert report["checks"]["captures"]["items"] == 5
    assert report["checks"]["digests"]["items"] == 5
    with sqlite3.connect(home / "a.db") as conn:
        assert conn.execute("SELECT DISTINCT scope FROM fixity").fetchall() == [("sample",)]


def test_a_killed_full_verify_resumes_where_it_stopped(home: Path) -> None:
    # a big file of the archive's own (records repeated), read last, keeps verify busy
    first = sorted((home / "warc").glob("*.warc.gz"))[0]
    data = first.read_bytes()
    records = scan(first).records
    body = data[records[1].offset:]
    big = home / "warc" / "dongthap-29990101000000-1-00001.warc.gz"
    with big.open("wb") as fh:
        fh.write(data[:records[1].offset])
        for _ in range(60_000_000 // len(body)):
            fh.write(body)
    proc = subprocess.Popen([sys.executable, "-m", "pressarchive.cli", "verify", "--db",
                             str(home / "a.db")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    files = len(list((home / "warc").glob("*.warc.gz")))
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(home / "a.db", timeout=5) as conn:
                done = conn.execute("SELECT count(*) FROM fixity_progress").fetchone()[0]
        except sqlite3.OperationalError:
            pass
        if done >= files + 1:  # sqlite, fts and every file but the big one
            break
        time.sleep(0.02)
    assert proc.poll() is None, "verify finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = run_cli("verify", "--db", str(home / "a.db"), "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout
    assert report["resumed_items"] == files + 1
    assert report["checks"]["captures"]["items"] == 36 + 2  # the articles and 2 documents
    with sqlite3.connect(home / "a.db") as conn:
        assert conn.execute("SELECT count(*) FROM fixity_progress").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM fixity").fetchone() == (5,)


@pytest.fixture
def busy_portal() -> Iterator[PortalServer]:
    with PortalServer(build_portal(400)) as server:
        yield server


def test_a_backup_taken_during_a_crawl_opens_and_verifies_clean(busy_portal: PortalServer,
                                                                tmp_path: Path) -> None:
    db = tmp_path / "live" / "a.db"
    db.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap", "--base-url",
         busy_portal.base_url, "--db", str(db), *FAST, "-s", "DOWNLOAD_DELAY=0.01",
         "-s", "PRESSARCHIVE_WARC_MAX_BYTES=200000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while stored < 30 and time.monotonic() < deadline:
            time.sleep(0.1)
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                pass
        during = run_cli("verify", "--db", str(db))  # beside the crawl: clean, recorded
        assert during.returncode == 0, during.stdout + during.stderr
        assert "recorded in the archive's fixity table" in during.stdout
        dest = tmp_path / "backup"
        result = run_cli("backup", str(dest), "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert proc.poll() is None, "the crawl ended before the backup did"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    with sqlite3.connect(f"file:{dest / 'a.db'}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 30
    checked = run_cli("verify", "--backup", str(dest), "--db", str(db), "--json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 0, report
    assert report["checks"]["manifest"]["items"] >= 2
    assert report["checks"]["captures"]["items"] >= 30
    sums = subprocess.run(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"], cwd=dest)
    assert sums.returncode == 0
    # a changed file in the backup is named
    name = sorted(p for p in (dest / "warc").iterdir())[0]
    name.unlink()  # (it may be a hard link to the archive's own file: replace, not edit)
    name.write_bytes(b"not a warc")
    broken = run_cli("verify", "--backup", str(dest), "--db", str(db))
    assert broken.returncode == EXIT_PROBLEMS
    assert f"warc/{name.name}" in broken.stdout and "differs from the manifest" in broken.stdout


def test_a_bag_validates_and_an_edited_file_breaks_it(home: Path, tmp_path: Path) -> None:
    whole = tmp_path / "bag"
    made = run_cli("bag", str(whole), "--db", str(home / "a.db"),
                   env={"PRESSARCHIVE_CONTACT": "archivist@example.org"})
    assert made.returncode == 0, made.stderr
    bag = bagit.Bag(str(whole))
    bag.validate()
    info = bag.info
    assert info["Contact-Email"] == "archivist@example.org"
    assert info["Article-Count"] == "36" and info["Pressarchive-Version"]
    assert info["Earliest-Published"] <= info["Latest-Published"]
    assert (whole / "data" / "docs" / "schema.md").is_file()
    warcs = sorted(p.name for p in (whole / "data" / "warc").iterdir())
    assert warcs == sorted(p.name for p in (home / "warc").iterdir())
    assert run_cli("verify", "--bag", str(whole)).returncode == 0
    schema = whole / "data" / "docs" / "schema.md"
    schema.write_text(schema.read_text().replace("a", "b", 1))  # same size, other bytes
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(whole)).validate()
    assert run_cli("verify", "--bag", str(whole)).returncode == EXIT_PROBLEMS


def test_a_bag_of_a_selection_holds_an_extract_and_only_its_warc_files(home: Path,
                                                                       tmp_path: Path) -> None:
    with sqlite3.connect(home / "a.db") as conn:
        chosen = conn.execute("SELECT url, warc_file FROM articles WHERE published >= ?",
                              ["2024-01-01"]).fetchall()
    assert 0 < len(chosen) < 36
    dest = tmp_path / "bag"
    made = run_cli("bag", str(dest), "--site", "dongthap", "--since", "2024-01-01",
                   "--db", str(home / "a.db"))
    assert made.returncode == 0, made.stderr
    bagit.Bag(str(dest)).validate()
    with sqlite3.connect(dest / "data" / "a.db") as conn:
        assert sorted(r[0] for r in conn.execute("SELECT url FROM articles")) == sorted(
            u for u, _ in chosen)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert sorted(f"warc/{p.name}" for p in (dest / "data" / "warc").iterdir()) == sorted(
        {w for _, w in chosen})
    assert bagit.Bag(str(dest)).info["Pressarchive-Selection"].startswith("an extract")
    assert run_cli("verify", "--bag", str(dest)).returncode == 0
