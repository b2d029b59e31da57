"""Kill-and-resume: SIGKILL at random points, then a full run, equals one clean run."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FAST

from pressarchive.sampleportal import PortalServer, build_portal

FIELDS = ("url", "site", "title", "published", "published_precision", "author", "source",
          "lead", "body", "category", "content_hash")


def command(base: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap", "--base-url", base,
            "--db", str(db), "--quiet", *FAST, "-s", "PRESSARCHIVE_BATCH_SIZE=5"]


def snapshot(db: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute(f"SELECT {', '.join(FIELDS)} FROM articles").fetchall()
        images = conn.execute("SELECT a.url, count(i.id) FROM articles a LEFT JOIN images i"
                              " ON i.article_id = a.id GROUP BY a.id").fetchall()
    finally:
        conn.close()
    counts = dict(images)
    return {r[0]: (*r, counts[r[0]]) for r in rows}


@pytest.mark.slow
def test_five_kills_then_a_full_run_equal_one_clean_run(tmp_path: Path) -> None:
    portal = build_portal(300, per_page=20)
    rng = random.Random(20230201)
    with PortalServer(portal) as server:
        clean = tmp_path / "clean.db"
        locked: list[str] = []
        done = threading.Event()

        def researcher() -> None:
            """Reads all along: WAL means never "database is locked", and the crawl never
            loses its locks, so a reader never meets a half-checkpointed file."""
            while not done.is_set():
                if clean.exists():
                    try:
                        conn = sqlite3.connect(clean, timeout=0.05)
                        conn.execute("SELECT count(*), max(published) FROM articles").fetchone()
                        conn.close()
                    except sqlite3.DatabaseError as exc:
                        if "no such table" not in str(exc):  # (the file being created)
                            locked.append(str(exc))
                time.sleep(0.02)

        reader = threading.Thread(target=researcher)
        reader.start()
        try:
            subprocess.run(command(server.base_url, clean), check=True, timeout=300)
        finally:
            done.set()
            reader.join()
        assert locked == []
        expected = snapshot(clean)
        assert len(expected) == 300

        resumed = tmp_path / "resumed.db"
        for _ in range(5):
            proc = subprocess.Popen(command(server.base_url, resumed))
            time.sleep(rng.uniform(1.0, 3.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            snapshot(resumed)  # integrity_check passes after every kill
        subprocess.run(command(server.base_url, resumed), check=True, timeout=300)
    assert snapshot(resumed) == expected
