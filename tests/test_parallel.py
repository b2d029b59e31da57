"""`reextract --jobs N` and `import --jobs N`: extraction in worker processes, one writer —
the same archive as `--jobs 1`, and Ctrl-C / SIGTERM leave a consistent archive, an
``interrupted`` run (exit 5) and no worker process behind."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import crawl, run_cli
from test_signals import outcomes, wait_for_running_run

from pressarchive.parallel import ordered_map
from pressarchive.sampleportal import PortalServer, build_portal

TIMESTAMPS = {"first_seen", "last_seen", "last_changed", "replaced_at", "fetched",
              "valid_from", "updated"}
TABLES = ("articles", "revisions", "images", "attachments", "pending_versions",
          "signatures", "near_duplicates", "clusters", "cluster_members")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A crawled archive of 400 articles (with its WARCs); some stored fields then made
    stale, so that a re-extraction changes some articles and holds others."""
    folder = tmp_path_factory.mktemp("crawled")
    with PortalServer(build_portal(400, per_page=20)) as server:
        result = crawl(server, folder / "a.db")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(folder / "a.db")
    with conn:
        conn.execute("UPDATE articles SET title = title || ' (bản cũ)', author = NULL,"
                     " content_hash = 'stale' WHERE id % 3 = 0")
        conn.execute("UPDATE articles SET source = 'Báo Đồng Tháp', content_hash = 'stale'"
                     " WHERE id % 5 = 0 AND source IS NULL")
    conn.close()
    return folder / "a.db"


def copy_archive(db: Path, to: Path) -> Path:
    shutil.copytree(db.parent, to)
    return to / db.name


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the article tables, timestamps left out."""
    conn = sqlite3.connect(db)
    try:
        found = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY 1")
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in TIMESTAMPS]
            found[table] = [tuple(r[i] for i in keep) for r in cursor.fetchall()]
        return found
    finally:
        conn.close()


def test_reextract_with_two_workers_stores_what_one_does(crawled: Path,
                                                        tmp_path: Path) -> None:
    one, two = copy_archive(crawled, tmp_path / "one"), copy_archive(crawled, tmp_path / "two")
    serial = run_cli("reextract", "--jobs", "1", "--db", str(one))
    parallel = run_cli("reextract", "--jobs", "2", "--db", str(two))
    assert serial.returncode == parallel.returncode == 0, (serial.stderr, parallel.stderr)
    assert "400 articles" in serial.stdout and " 0 changed" not in serial.stdout
    assert "kept their stored values" in serial.stdout
    assert parallel.stdout == serial.stdout
    assert rows(two) == rows(one)
    assert rows(two)["revisions"] and rows(two)["pending_versions"]
    assert rows(two)["near_duplicates"]  # the end-of-run match, its workers' share too


def test_import_with_two_workers_stores_what_one_does(crawled: Path, tmp_path: Path) -> None:
    warcs = sorted(str(p) for p in crawled.parent.rglob("*.warc.gz"))
    assert warcs
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    serial = run_cli("import", *warcs, "--jobs", "1", "--db", str(one))
    parallel = run_cli("import", *warcs, "--jobs", "2", "--db", str(two))
    assert serial.returncode == parallel.returncode == 0, (serial.stderr, parallel.stderr)
    assert "imported 400 new" in serial.stdout
    assert parallel.stdout == serial.stdout
    assert rows(two) == rows(one)


def numbered(item: int) -> tuple[int, int]:
    return item, item * item


@pytest.mark.parametrize(("chunk", "ahead"), [(1, 1), (3, 12), (16, 3)])
def test_workers_give_every_result_in_input_order(chunk: int, ahead: int) -> None:
    """However many tasks are queued ahead, the writer gets each result once, in order."""
    items = list(range(101))
    expected = [numbered(i) for i in items]
    assert list(ordered_map(numbered, items, 2, chunk=chunk, ahead=ahead)) == expected
    assert list(ordered_map(numbered, iter(items), 1, chunk=chunk, ahead=ahead)) == expected


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(c) for c in text)
    return found


def reextract_with_workers(db: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """A running `reextract --jobs 2` and its two worker processes, once both started."""
    env = {k: v for k, v in os.environ.items() if k != "PRESSARCHIVE_DB"}
    proc = subprocess.Popen([sys.executable, "-m", "pressarchive.cli", "reextract",
                             "--jobs", "2", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    wait_for_running_run(db, proc)
    deadline = time.monotonic() + 30
    while len(workers := children(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, "no workers started"
        time.sleep(0.01)
    return proc, workers


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_a_parallel_reextract_cleanly(signum: int, crawled: Path,
                                                     tmp_path: Path) -> None:
    db = copy_archive(crawled, tmp_path / "a")
    proc, workers = reextract_with_workers(db)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 5, (out, err)
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(
        f"error: interrupted by {signal.Signals(signum).name}")
    assert outcomes(db)[-1] == "interrupted"
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers), "a worker outlived the command"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done, = conn.execute("SELECT new + changed + unchanged FROM runs ORDER BY id DESC"
                         " LIMIT 1").fetchone()
    stored, = conn.execute("SELECT count(*) FROM articles WHERE run_id ="
                           " (SELECT max(id) FROM runs)").fetchone()
    conn.close()
    assert done < 400, "the run finished before the signal: no interruption was tested"
    assert stored <= done
    again = run_cli("reextract", "--db", str(db))  # the next run finishes the work
    assert again.returncode == 0, again.stderr
    assert "400 articles" in again.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_worker_is_one_line_and_keeps_what_was_stored(crawled: Path,
                                                                tmp_path: Path) -> None:
    db = copy_archive(crawled, tmp_path / "a")
    proc, workers = reextract_with_workers(db)
    os.kill(min(workers), signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 6, (out, err)
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: a worker process died")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    again = run_cli("reextract", "--db", str(db))  # the dead run is closed, the work done
    assert again.returncode == 0, again.stderr
    assert outcomes(db)[-2:] == ["interrupted", "ok"]
