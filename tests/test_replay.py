"""`pressarchive replay`: the captures served by a real pywb, each version as captured;
`history` and the Datasette row page give their replay addresses."""

from __future__ import annotations

import asyncio
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
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EDITED_TEXT, _free_port, run_cli
from warcio.archiveiterator import ArchiveIterator

from pressarchive.archive import Archive
from pressarchive.cli import main
from pressarchive.replay import IndexReport, ReplayIndex, archive_warc_files


@dataclass
class Replay:
    proc: subprocess.Popen[str]
    base: str
    cache: Path


def start_replay(db: Path, cache: Path) -> Replay:
    """``pressarchive replay`` as a subprocess on a free port, once pywb answers."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressarchive.cli", "replay", "--db", str(db), "--port",
         str(port), "--cache-dir", str(cache)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/dongthap/", timeout=1)
            return Replay(proc, base, cache)
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    out, err = proc.communicate()
    pytest.fail(f"replay did not start: {out}{err}")


def stop(replay: Replay, sig: int) -> tuple[int, str, str]:
    replay.proc.send_signal(sig)
    out, err = replay.proc.communicate(timeout=30)
    return replay.proc.returncode, out, err


@pytest.fixture(scope="module")
def replay(captured_archive: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Replay]:
    running = start_replay(captured_archive, tmp_path_factory.mktemp("replay-cache"))
    yield running
    if running.proc.poll() is None:
        running.proc.kill()
        running.proc.wait()


@pytest.fixture(scope="module")
def edited(captured_archive: Path) -> dict[str, str]:
    """The article the portal edited between the two crawls: its URL, and the first
    paragraph of its earlier version."""
    with sqlite3.connect(captured_archive) as conn:
        url, old = conn.execute(
            "SELECT a.url, r.body FROM articles a JOIN revisions r ON r.article_id = a.id"
            " WHERE a.body LIKE ?", [f"%{EDITED_TEXT}%"]).fetchone()
    return {"url": url, "old": old.split("\n\n")[0]}


def history(db: Path, url: str, *args: str, **env: str) -> str:
    """`pressarchive history URL …` (in-process) with ``env``: its standard output."""
    done = CliRunner().invoke(main, ["history", url, *args, "--db", str(db)], env=env)
    assert done.exit_code == 0, done.output
    return done.stdout


def captures(db: Path, url: str, replay: Replay) -> list[dict[str, str]]:
    """Its captures, from `history --json`, as addresses on the running replay."""
    return json.loads(history(db, url, "--json", PRESSARCHIVE_REPLAY_URL=replay.base,
                              PRESSARCHIVE_REPLAY_CACHE=str(replay.cache)))["captures"]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read()


def test_each_capture_replays_as_it_was_captured(replay: Replay, captured_archive: Path,
                                                 edited: dict[str, str]) -> None:
    both = captures(captured_archive, edited["url"], replay)
    assert len(both) == 2 and all(c["status"] == "200" for c in both)
    first, latest = (fetch(c["replay"]).decode("utf-8") for c in both)
    with Archive(captured_archive, readonly=True) as archive:
        title = archive.article(edited["url"])["title"]
    for page in (first, latest):
        assert f"<title>{title}" in page
    assert edited["old"] in first and EDITED_TEXT not in first
    assert EDITED_TEXT in latest

    stamp = both[-1]["replay"].split("/")[4]
    raw_url = both[-1]["replay"].replace(f"/{stamp}/", f"/{stamp}id_/", 1)
    captured = run_cli("raw", edited["url"], "--db", str(captured_archive))
    assert fetch(raw_url).decode("utf-8") == captured.stdout  # byte for byte, unrewritten


def test_history_prints_the_replay_address_of_each_capture(
        replay: Replay, captured_archive: Path, edited: dict[str, str], tmp_path: Path
        ) -> None:
    shown = history(captured_archive, edited["url"], "--no-diff",
                    PRESSARCHIVE_REPLAY_CACHE=str(replay.cache))
    both = captures(captured_archive, edited["url"], replay)
    for capture in both:  # at replay's default address
        address = capture["replay"].replace(replay.base, "http://127.0.0.1:8090")
        assert f"  {capture['time']}  HTTP 200  {address}" in shown.splitlines()
    # without a replay index: the capture the stored version came from (its WARC record)
    alone = json.loads(history(captured_archive, edited["url"], "--json",
                               PRESSARCHIVE_REPLAY_CACHE=str(tmp_path / "none")))
    assert [c["time"] for c in alone["captures"]] == [both[-1]["time"]]


def test_the_datasette_row_page_links_to_the_replay(replay: Replay, captured_archive: Path,
                                                    edited: dict[str, str]) -> None:
    from datasette.app import Datasette

    from pressarchive.serve import metadata

    latest = captures(captured_archive, edited["url"], replay)[-1]["replay"]
    with sqlite3.connect(captured_archive) as conn:
        [pk] = conn.execute("SELECT id FROM articles WHERE url = ?", [edited["url"]]).fetchone()
    for config, base in ((None, "http://127.0.0.1:8090"), (replay.base, replay.base)):
        meta = metadata(captured_archive.stem)
        if config:
            meta["plugins"] = {"pressarchive": {"replay_url": config}}
        ds = Datasette(immutables=[str(captured_archive)], metadata=meta)
        page = asyncio.run(ds.client.get(f"/{captured_archive.stem}/articles/{pk}")).text
        expected = latest.replace(replay.base, base)
        assert f'class="pa-replay" href="{expected}"' in page


def test_a_second_run_indexes_nothing_again_and_ctrl_c_stops_it(
        replay: Replay, captured_archive: Path) -> None:
    again = start_replay(captured_archive, replay.cache)
    code, out, err = stop(again, signal.SIGINT)
    assert code == 0 and "Traceback" not in err
    assert "Indexed 0 WARC file(s), 2 unchanged since last time" in out
    assert "/dongthap/20" in out  # an example replay address


def test_sigterm_stops_pywb_and_frees_the_port(replay: Replay) -> None:
    port = int(replay.base.rsplit(":", 1)[1])
    code, out, err = stop(replay, signal.SIGTERM)
    assert code == 0 and "Traceback" not in err, err
    assert "Indexed 2 WARC file(s), 0 unchanged" in out
    with pytest.raises(ConnectionRefusedError):  # pywb is gone with it
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    with socket.socket() as sock:  # and the port is free again
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen()


def test_the_index_follows_new_and_changed_warc_files_only(captured_archive: Path,
                                                          tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(captured_archive.parent, home)
    db = home / captured_archive.name

    def update() -> IndexReport:
        with Archive(db, readonly=True) as archive:
            return ReplayIndex(home, tmp_path / "cache").update(archive_warc_files(archive))

    first = update()
    assert len(first.indexed) == 2 and first.reused == 0
    old, new = sorted((home / "warc").glob("*.warc.gz"))
    copy = home / "warc" / "dongthap-29990101000000-1-00001.warc.gz"  # a later crawl's
    shutil.copyfile(new, copy)
    later = update()
    assert later.indexed == [str(copy.relative_to(home))] and later.reused == 2
    with copy.open("rb") as fh:  # the records pywb indexes (not requests, warcinfo)
        copied = sum(1 for r in ArchiveIterator(fh) if r.rec_type == "response")
    assert later.captures["dongthap"] == first.captures["dongthap"] + copied
    os.utime(old, ns=(time.time_ns(), time.time_ns()))  # touched: read again
    assert update().indexed == [str(old.relative_to(home))]
    assert update().indexed == []


def test_bad_input_is_one_line_and_an_exit_code(captured_archive: Path, tmp_path: Path) -> None:
    def fails(*args: str, db: Path = captured_archive, **env: str) -> tuple[int, str]:
        done = CliRunner().invoke(main, ["replay", *args, "--db", str(db), "--cache-dir",
                                         str(tmp_path / "cache")], env=env)
        assert done.exception is None or isinstance(done.exception, SystemExit)
        assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")
        return done.exit_code, done.stderr

    code, message = fails(PRESSARCHIVE_PYWB=str(tmp_path / "nopywb"))
    assert code == 3 and "pywb is not installed" in message
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        code, message = fails("--port", str(busy.getsockname()[1]))
    assert code == 3 and "--port" in message
    assert fails("--site", "nosuchsite")[0] == 2
    empty = tmp_path / "empty.db"
    Archive(empty).close()
    assert fails(db=empty)[0] == 1
    assert not os.path.exists(tmp_path / "cache")  # nothing indexed for any of them
