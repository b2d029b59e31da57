"""The CLI never writes where it should not: foreign SQLite files, missing archives,
read-only copies, exports over the archive, full disks, and `serve` stopping cleanly."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import crawl, run_cli

from pressarchive.cli import main
from pressarchive.sampleportal import PortalServer, build_portal

READERS = [
    ["search", "tam"], ["export", "--format", "csv", "-o", "{tmp}/out.csv"], ["stats"],
    ["runs"], ["history", "https://dongthap.gov.vn/x"], ["raw", "https://dongthap.gov.vn/x"],
]
WRITERS = [["optimize"], ["reextract"], ["crawl", "dongthap", "--base-url", "http://127.0.0.1:9"]]


def cli(*args: str) -> Result:
    """The `pressarchive` command in-process (click's runner), as a user types it."""
    env = {"PRESSARCHIVE_DB": None}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def one_line_error(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def snapshot(folder: Path, *, reader_files: bool = True) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes. ``reader_files=False``
    leaves out the empty ``-wal`` and the ``-shm`` SQLite gives a reader of a WAL archive
    in a writable folder (SQLite's own, nothing of the archive changes)."""
    files = {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(folder.rglob("*")) if p.is_file()}
    if not reader_files:
        files = {name: digest for name, digest in files.items() if not name.endswith("-shm")
                 and not (name.endswith("-wal") and digest == hashlib.sha256().hexdigest())}
    return files


def fill(args: list[str], tmp: Path, db: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp)) for a in args] + ["--db", str(db)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real crawl of the sample portal (36 articles, with WARC captures)."""
    db = tmp_path_factory.mktemp("safety") / "archive.db"
    with PortalServer(build_portal()) as server:
        result = crawl(server, db)
    assert result.returncode == 0, result.stderr
    return db


def copy_of(archive: Path, folder: Path) -> Path:
    """The archive and its WARC folder copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(archive, folder / archive.name)
    shutil.copytree(archive.parent / "warc", folder / "warc")
    return folder / archive.name


def _mount(target: Path, options: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs (256 KiB) of our own; skipped where mounting is not permitted."""
    target = tmp_path / "mnt"
    _mount(target, "size=256k")
    yield target
    subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.fixture
def readonly_copy(archive: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the archive on a read-only medium (a tmpfs remounted read-only)."""
    target = tmp_path / "ro"
    _mount(target, "size=64m")
    try:
        copy = copy_of(archive, target / "copy")
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        assert not os.access(copy.parent, os.W_OK)
        yield copy
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


# -- another application's SQLite file ------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("command", READERS + WRITERS, ids=lambda c: c[0])
def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, journal: str,
                                                  command: list[str]) -> None:
    other = tmp_path / "app" / "notes.db"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('Ghi chú của tôi')")
    conn.commit()
    conn.close()
    before = snapshot(other.parent)
    assert list(before) == ["notes.db"]
    line = one_line_error(cli(*fill(command, tmp_path, other)), 3)
    assert "not a pressarchive archive" in line and "notes" in line
    assert snapshot(other.parent) == before  # same bytes, no -wal/-shm, no WAL switch
    assert not (tmp_path / "out.csv").exists()


def test_installed_command_refuses_foreign_and_missing_files(tmp_path: Path) -> None:
    other = tmp_path / "places.sqlite"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE moz_places (url TEXT)")
        conn.commit()
    before = snapshot(tmp_path)
    for db, says in ((other, "not a pressarchive archive"), (tmp_path / "no.db", "no archive")):
        done = run_cli("search", "tam", "--db", str(db))
        assert done.returncode == 3 and says in done.stderr
        assert len(done.stderr.splitlines()) == 1 and done.stdout == ""
    assert snapshot(tmp_path) == before


def test_text_file_as_db_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("không phải cơ sở dữ liệu\n" * 50, "utf-8")
    before = junk.read_bytes()
    assert "not an SQLite database" in one_line_error(cli("search", "x", "--db", str(junk)), 3)
    assert "not an SQLite database" in one_line_error(cli("optimize", "--db", str(junk)), 3)
    assert junk.read_bytes() == before


def test_empty_file_is_a_new_archive_for_writers_only(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    assert "no archive at" in one_line_error(cli("runs", "--db", str(empty)), 3)
    assert empty.stat().st_size == 0
    result = cli("optimize", "--db", str(empty))
    assert result.exit_code == 0, result.output
    assert cli("runs", "--db", str(empty)).exit_code == 0


# -- missing archives ------------------------------------------------------------


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_reader_refuses_missing_archive_and_creates_nothing(tmp_path: Path,
                                                            command: list[str]) -> None:
    db = tmp_path / "typo" / "archve.db"
    line = one_line_error(cli(*fill(command, tmp_path, db)), 3)
    assert line == f"error: no archive at {db}; crawl first or pass --db"
    assert list(tmp_path.iterdir()) == []


def test_serve_refuses_missing_archive(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "archve.db"
    assert "no archive at" in one_line_error(cli("serve", "--db", str(db)), 3)
    assert list(tmp_path.iterdir()) == []


# -- read-only copies and old schemas ------------------------------------------------


def test_readers_work_on_readonly_copy(readonly_copy: Path, tmp_path: Path) -> None:
    db = str(readonly_copy)
    before = snapshot(readonly_copy.parent)
    found = cli("search", "quyet tam moi", "--db", db, "--format", "json")
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert hits
    out = tmp_path / "out.jsonl"
    exported = cli("export", "--format", "jsonl", "-o", str(out), "--db", db)
    assert exported.exit_code == 0, exported.output
    assert len(out.read_text("utf-8").splitlines()) == 36
    for args in (["stats"], ["runs"], ["history", hits[0]["url"], "--no-diff"]):
        result = cli(*args, "--db", db)
        assert result.exit_code == 0, (args, result.output)
    raw = cli("raw", hits[0]["url"], "--db", db)
    assert raw.exit_code == 0 and b"<html" in raw.stdout_bytes.lower()
    assert snapshot(readonly_copy.parent) == before
    # A writer says so in one line (exit 3), never a traceback.
    assert "cannot open archive" in one_line_error(cli("optimize", "--db", db), 3)


def test_search_still_keeps_phrase_counts_when_the_file_is_writable(archive: Path,
                                                                     tmp_path: Path) -> None:
    db = copy_of(archive, tmp_path / "copy")
    assert cli("search", '"quyet tam moi"', "--db", str(db)).exit_code == 0
    with closing(sqlite3.connect(db)) as conn:
        phrases = {r[0] for r in conn.execute("SELECT phrase FROM search_terms")}
    assert "quyet tam moi" in phrases


def test_older_schema_read_only_says_how_to_upgrade(archive: Path, tmp_path: Path) -> None:
    db = copy_of(archive, tmp_path / "old")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    before = db.read_bytes()
    line = one_line_error(cli("search", "tam", "--db", str(db)), 3)
    assert "schema version 3" in line and "run `pressarchive optimize`" in line
    assert db.read_bytes() == before
    assert cli("optimize", "--db", str(db)).exit_code == 0
    assert cli("search", "tam", "--db", str(db)).exit_code == 0


# -- filters and numbers -----------------------------------------------------------


@pytest.mark.parametrize("command", [["search", "tam"], ["stats"], ["runs"],
                                     ["export", "--format", "csv", "-o", "{tmp}/o.csv"]],
                         ids=lambda c: c[0])
def test_unknown_site_filter_is_a_usage_error(archive: Path, tmp_path: Path,
                                              command: list[str]) -> None:
    line = one_line_error(cli(*fill(command, tmp_path, archive), "--site", "dongtap"), 2)
    assert "'dongtap'" in line and "its sites: dongthap" in line
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("args", [["search", "tam", "--offset", "9223372036854775807"],
                                  ["search", "tam", "--limit", "99999999999999999999"],
                                  ["runs", "--limit", "9223372036854775808"],
                                  ["runs", "--errors", "99999999999999999999"],
                                  ["search"],
                                  ["export", "--format", "xlsx", "-o", "x.xlsx"]])
def test_bad_numbers_and_options_are_one_line_usage_errors(archive: Path,
                                                           args: list[str]) -> None:
    one_line_error(cli(*args, "--db", str(archive)), 2)


def test_errors_of_a_run_that_does_not_exist(archive: Path) -> None:
    assert one_line_error(cli("runs", "--errors", "99", "--db", str(archive)), 1) \
        == f"error: no run 99 in {archive}"
    assert cli("runs", "--errors", "1", "--db", str(archive)).exit_code == 0


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://127.0.0.1/", "http://", "file:///etc",
                                 "http://127.0.0.1:99999/"])
def test_crawl_base_url_without_http_scheme_is_a_usage_error(tmp_path: Path, url: str) -> None:
    db = tmp_path / "a.db"
    line = one_line_error(cli("crawl", "dongthap", "--base-url", url, "--db", str(db)), 2)
    assert "--base-url" in line
    assert list(tmp_path.iterdir()) == []


# -- exports and plots: where they may write ------------------------------------------


def test_export_refuses_to_overwrite_without_force(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "bai-viet.csv"
    out.write_text("dữ liệu cũ\n", "utf-8")
    line = one_line_error(cli("export", "--format", "csv", "-o", str(out), "--db",
                              str(archive)), 2)
    assert "exists; pass --force" in line
    assert out.read_text("utf-8") == "dữ liệu cũ\n"
    forced = cli("export", "--format", "csv", "-o", str(out), "--force", "--db", str(archive))
    assert forced.exit_code == 0, forced.output
    assert out.read_text("utf-8").startswith('"id","url"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bai-viet.csv"]  # no temp left


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("target", ["db", "wal", "shm", "hardlink", "symlink", "warc"])
def test_export_never_writes_over_the_archive(archive: Path, tmp_path: Path, fmt: str,
                                              target: str) -> None:
    db = copy_of(archive, tmp_path / "copy")
    warc = next((db.parent / "warc").iterdir())
    paths = {"db": db, "wal": Path(f"{db}-wal"), "shm": Path(f"{db}-shm"),
             "hardlink": tmp_path / "link.db", "symlink": tmp_path / "sym.db", "warc": warc}
    os.link(db, paths["hardlink"])
    paths["symlink"].symlink_to(db)
    before = snapshot(db.parent)
    for force in ([], ["--force"]):
        line = one_line_error(cli("export", "--format", fmt, "-o", str(paths[target]),
                                  *force, "--db", str(db)), 2)
        assert "archive's own file" in line
    assert snapshot(db.parent, reader_files=False) == before
    assert cli("search", "tam", "--db", str(db)).exit_code == 0


@pytest.mark.parametrize("command", [["export", "--format", "csv", "-o"],
                                     ["stats", "--plot"]], ids=["export", "plot"])
@pytest.mark.parametrize("where", ["missing/x.csv", "/proc/x.csv", "/dev/null", "/dev/full"])
def test_unwritable_output_is_one_line(archive: Path, tmp_path: Path, command: list[str],
                                       where: str) -> None:
    target = where if where.startswith("/") else str(tmp_path / where)
    if command[0] == "stats":
        target = target.replace(".csv", ".png")
    result = cli(*command, target, "--db", str(archive))
    code = 2 if where.startswith("/dev/") else 3  # a device is a usage mistake
    one_line_error(result, code)
    assert not (tmp_path / "missing").exists()
    assert not [p for p in Path("/dev").iterdir() if p.name.endswith(".part")]


def test_plot_with_unknown_extension_is_a_usage_error(archive: Path, tmp_path: Path) -> None:
    line = one_line_error(cli("stats", "--plot", str(tmp_path / "months.xyz"),
                              "--db", str(archive)), 2)
    assert ".png" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["export", "--format", "csv", "--force", "-o"],
                                     ["export", "--format", "parquet", "--force", "-o"],
                                     ["stats", "--plot"]], ids=["csv", "parquet", "plot"])
def test_full_disk_leaves_nothing_half_written(archive: Path, mounted: Path,
                                               command: list[str]) -> None:
    out = mounted / ("months.svg" if command[0] == "stats" else "out.dat")
    out.write_text("bản cũ", "utf-8")
    filler = mounted / "filler"
    free = os.statvfs(mounted).f_bavail * os.statvfs(mounted).f_frsize
    filler.write_bytes(b"\0" * (free - 4096))  # leave one page free
    result = cli(*command, str(out), "--db", str(archive))
    line = one_line_error(result, 3)
    assert "No space left on device" in line or "space" in line.lower(), line
    assert out.read_text("utf-8") == "bản cũ"
    assert sorted(p.name for p in mounted.iterdir()) == ["filler", out.name]


def test_optimize_on_a_full_disk_is_one_line(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "full"
    _mount(target, "size=4m")
    try:
        db = copy_of(archive, target)
        filler = target / "filler"
        free = os.statvfs(target).f_bavail * os.statvfs(target).f_frsize
        filler.write_bytes(b"\0" * (free - 4096))
        before = db.read_bytes()
        assert "disk" in one_line_error(cli("optimize", "--db", str(db)), 3)
        assert db.read_bytes() == before
        filler.unlink()
        assert cli("search", "tam", "--db", str(db)).exit_code == 0
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


# -- serve -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"


def _start_serve(db: Path, port: int) -> tuple[subprocess.Popen[bytes], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressarchive.cli", "serve", "--db", str(db), "--port",
         str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode() if proc.stderr else "serve died")
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("Datasette did not answer")
    children = _children(proc.pid)
    assert len(children) == 1
    return proc, children[0]


def _port_free(port: int) -> bool:
    """Nothing listens on the port (a connection is refused; TIME_WAIT does not count)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                         ids=lambda s: s.name)
def test_stopping_serve_stops_datasette(archive: Path, sig: signal.Signals) -> None:
    port = _free_port()
    proc, child = _start_serve(archive, port)
    try:
        proc.send_signal(sig)
        code = proc.wait(timeout=20)
        assert code == (-9 if sig == signal.SIGKILL else 0)
        for _ in range(100):  # SIGKILL: the child is told by the kernel (PDEATHSIG)
            if _gone(child) and _port_free(port):
                break
            time.sleep(0.1)
        assert _gone(child) and _port_free(port)
    finally:
        if not _gone(child):
            os.kill(child, signal.SIGKILL)


def test_serve_readonly_copy(readonly_copy: Path) -> None:
    port = _free_port()
    proc, _ = _start_serve(readonly_copy, port)
    try:
        url = f"http://127.0.0.1:{port}/archive.json?sql=select+count(*)+as+n+from+articles"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert json.loads(response.read())["rows"][0][0] == 36
    finally:
        proc.terminate()
        assert proc.wait(timeout=20) == 0


def test_a_lockless_first_look_that_meets_a_writer_reads_again_with_locks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recognising a closed WAL archive reads it immutable (no lock, no -wal/-shm left). A
    writer opening it meanwhile can make that read see half-written pages; the archive is
    then read again with locks instead of being reported as malformed."""
    from pressarchive.archive import Archive, ArchiveError, schema

    path = tmp_path / "a.db"
    Archive(path).close()
    assert not Path(str(path) + "-wal").exists()
    plain = schema._peek
    looks: list[bool] = []

    def torn(where: Path, immutable: bool, timeout: float) -> tuple[int, set[str]]:
        looks.append(immutable)
        if immutable:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return plain(where, immutable, timeout)

    monkeypatch.setattr(schema, "_peek", torn)
    assert schema.recognise(path) == schema.SCHEMA_VERSION
    assert looks == [True, False]
    with Archive(path, readonly=True) as archive:
        assert archive.db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    monkeypatch.setattr(schema, "_peek", plain)
    bad = tmp_path / "bad.db"
    bad.write_bytes(path.read_bytes()[:100] + b"\xff" * 8000)
    with pytest.raises(ArchiveError, match="cannot open archive"):
        schema.recognise(bad)


def test_opening_the_archive_again_in_the_writer_process_keeps_the_writers_locks(
        tmp_path: Path) -> None:
    """A crawl opens its archive twice (the pipeline's writer, the spider's look at known
    URLs). Reading the file's header with open()/close() there would drop the writer's
    POSIX locks, and another process's closing connection would then take itself for the
    last one and delete the write-ahead log under the writer (readers see "database disk
    image is malformed")."""
    from pressarchive.archive import Archive

    path = tmp_path / "a.db"
    wal = Path(str(path) + "-wal")
    writer = Archive(path)
    try:
        writer.db.execute("INSERT INTO runs (site, started) VALUES ('x', '2026-01-01')")
        writer.db.conn.commit()
        assert wal.exists()
        Archive(path, readonly=True).close()  # the second open, in the writer's process
        reader = ("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
                  "c.execute('SELECT count(*) FROM runs').fetchone()\nc.close()")
        subprocess.run([sys.executable, "-c", reader, str(path)], check=True, timeout=60)
        assert wal.exists(), "another process deleted the writer's write-ahead log"
        writer.db.execute("INSERT INTO runs (site, started) VALUES ('y', '2026-01-02')")
        writer.db.conn.commit()
        assert writer.db.execute("SELECT count(*) FROM runs").fetchone() == (2,)
    finally:
        writer.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
