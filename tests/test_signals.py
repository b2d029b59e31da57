"""Ctrl-C and SIGTERM: the run is recorded ``interrupted`` (exit 5) within seconds, and the
next run walks every list page, so nothing the interrupted run missed is lost."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import crawl
from test_resume import command, snapshot

from pressarchive.sampleportal import Fault, Portal, PortalServer, build_portal


def wait_for_running_run(db: Path, proc: subprocess.Popen, timeout: float = 60, *,
                         may_end: bool = False) -> bool:
    """Until the crawl has started its run (its signal handlers are in place by then).
    With ``may_end``, a crawl that ends first (nothing left to do) returns False."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if may_end and proc.poll() is not None:
            return False
        assert proc.poll() is None, "the crawl ended before it was signalled"
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=0.1)
                try:
                    row = conn.execute("SELECT count(*) FROM runs WHERE outcome = 'running'"
                                       ).fetchone()
                finally:
                    conn.close()
                if row[0]:
                    return True
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    raise AssertionError("the crawl never started a run")


def outcomes(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT outcome FROM runs ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_is_an_interrupted_run_and_exit_5(signum: int, tmp_path: Path) -> None:
    portal = build_portal(120, per_page=20)
    with PortalServer(portal) as server:
        db = tmp_path / "s.db"
        proc = subprocess.Popen(command(server.base_url, db) + [
            "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_running_run(db, proc)
        time.sleep(0.5)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 5, err[-2000:]
    assert "Traceback" not in err
    assert outcomes(db) == ["interrupted"]
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert 0 < stored < 120


def test_sigterm_while_a_host_is_throttled_stops_within_10_s(tmp_path: Path) -> None:
    """A 429 asked for 100 s: what is queued behind it is abandoned, not waited for."""
    portal = build_portal(120, per_page=20)
    portal.faults[portal.articles[3].path] = Fault(status=429, headers={"Retry-After": "100"})
    with PortalServer(portal) as server:
        db = tmp_path / "t.db"
        proc = subprocess.Popen(command(server.base_url, db) + [
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_running_run(db, proc)
        deadline = time.monotonic() + 60
        while server.statuses[429] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.statuses[429] == 1
        time.sleep(0.5)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        took = time.monotonic() - sent
    assert proc.returncode == 5, err[-2000:]
    assert took < 10
    assert outcomes(db) == ["interrupted"]
    conn = sqlite3.connect(db)
    errors = conn.execute("SELECT count(*) FROM fetch_errors").fetchone()[0]
    conn.close()
    assert errors == 0  # abandoned requests are not failures: the next run fetches them


def test_retry_after_slows_the_host_once_then_decays(server: PortalServer, portal: Portal,
                                                     tmp_path: Path) -> None:
    """One throttled URL waits its Retry-After; the requests after it go at the usual pace."""
    portal.faults[portal.articles[2].path] = Fault(status=429, headers={"Retry-After": "3"},
                                                   times=1)
    started = time.monotonic()
    result = crawl(server, tmp_path / "d.db", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
                   "-s", "DOWNLOAD_DELAY=0.05")
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    assert server.hits[portal.articles[2].path] == 2  # waited, then retried successfully
    throttled = next(t for t, path in server.arrivals if path == portal.articles[2].path)
    later = [t for t, _ in server.arrivals if t > throttled + 3]
    gaps = sorted(b - a for a, b in zip(later, later[1:], strict=False))
    assert len(later) > 10 and gaps[len(gaps) // 2] < 1.0  # back to the usual pace
    assert took < 40  # a delay that never decayed costs 3 s a request: 50+ s


@pytest.mark.slow
def test_signals_at_random_points_then_a_full_run_equal_one_clean_run(tmp_path: Path) -> None:
    portal = build_portal(300, per_page=20)
    rng = random.Random(20230131)
    with PortalServer(portal) as server:
        clean = tmp_path / "clean.db"
        subprocess.run(command(server.base_url, clean), check=True, timeout=300)
        expected = snapshot(clean)
        assert len(expected) == 300

        resumed = tmp_path / "resumed.db"
        for signum in [signal.SIGINT, signal.SIGTERM] * 3:
            proc = subprocess.Popen(command(server.base_url, resumed),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    text=True)
            # Once a run has finished the archive, the next has little to do and may end
            # before it can be signalled: that is the "0: it finished first" case.
            if wait_for_running_run(resumed, proc, may_end=True):
                time.sleep(rng.uniform(0.2, 2.5))
                proc.send_signal(signum)
            _, err = proc.communicate(timeout=30)
            assert proc.returncode in (0, 5), err[-2000:]  # 0: it finished first
            assert outcomes(resumed)[-1] == {0: "ok", 5: "interrupted"}[proc.returncode]
            snapshot(resumed)  # integrity_check passes after every signal
        assert "interrupted" in outcomes(resumed)
        subprocess.run(command(server.base_url, resumed), check=True, timeout=300)
    assert snapshot(resumed) == expected
    assert outcomes(resumed)[-1] == "ok"


@pytest.mark.parametrize("delay", [0.1, 0.3])
def test_ctrl_c_while_the_command_starts_is_one_line(tmp_path: Path, delay: float) -> None:
    """Ctrl-C while `pressarchive` is still importing Scrapy and the rest: one line and
    the interrupted exit code (or the command's own, had it already finished), never a
    traceback of whichever module was loading."""
    script = Path(sys.executable).with_name("pressarchive")
    for _attempt in range(4):
        proc = subprocess.Popen([str(script), "runs", "--db", str(tmp_path / "none.db")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        # On a loaded machine the signal can land while the interpreter itself is still
        # importing `site`, before any code of ours runs: Python's own fatal start-up error,
        # which no program can catch. That attempt says nothing about us; wait longer.
        if "init_import_site" not in err:
            break
        delay *= 2
    assert "Traceback" not in err, err
    assert proc.returncode in (5, 3), err  # 3: it had already refused the missing archive
    if proc.returncode == 5:
        assert err.strip() == "interrupted while starting: nothing was done"
