"""A full disk stops the crawl cleanly: one line naming the path, the run 'failed', the
archive and the WARC files intact; once space is freed, the next run completes the set."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_resume import command, snapshot
from warcio.archiveiterator import ArchiveIterator

from pressarchive.sampleportal import PortalServer, build_portal


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 MiB filesystem (tmpfs; needs root, as CI has)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    filler.write_bytes(b"\0" * max(free - leave, 0))
    return filler


@pytest.mark.parametrize("leave", [500_000, 1_200_000])
def test_a_full_disk_stops_the_run_cleanly(small_disk: Path, tmp_path: Path,
                                           leave: int) -> None:
    portal = build_portal(120, per_page=20)
    with PortalServer(portal) as server:
        clean = tmp_path / "clean.db"
        subprocess.run(command(server.base_url, clean), check=True, timeout=300)
        expected = snapshot(clean)

        db = small_disk / "archive.db"
        filler = fill(small_disk, leave)
        full = subprocess.run(command(server.base_url, db), capture_output=True, text=True,
                              timeout=120)
        assert full.returncode == 6, full.stderr[-3000:]
        assert "Traceback" not in full.stderr
        lines = [line for line in full.stderr.splitlines() if "disk full" in line]
        assert lines and lines[0].startswith(f"error: disk full: cannot write {small_disk}")
        assert "more needed" in lines[0]
        stored = snapshot(db)  # integrity_check passes
        assert len(stored) < 120
        for name, row in stored.items():  # what was stored is exactly right
            assert row == expected[name]
        for warc in (small_disk / "warc").glob("*.warc.gz"):  # no record cut short
            with warc.open("rb") as fh:
                for record in ArchiveIterator(fh):
                    record.content_stream().read()
        conn = sqlite3.connect(db)
        outcomes = [r[0] for r in conn.execute("SELECT outcome FROM runs")]
        conn.close()
        # 'running' if not even the outcome fitted; none if not even the run's lock did
        assert outcomes in (["failed"], ["running"], [])

        filler.unlink()  # space freed: the next run completes the set
        again = subprocess.run(command(server.base_url, db), capture_output=True, text=True,
                               timeout=300)
        assert again.returncode == 0, again.stderr[-3000:]
    assert snapshot(db) == expected
