"""The Scrapy project deploys to scrapyd, and a job scheduled there writes to the archive."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pressarchive.sampleportal import PortalServer

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.loads(response.read())


@pytest.mark.slow
def test_deploy_to_scrapyd_and_crawl(server: PortalServer, tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "scrapyd").exists():
        pytest.fail("scrapyd is not installed: ./setup.sh installs the dev extras")
    project = tmp_path / "project"  # a copy, so building the egg leaves the checkout clean
    shutil.copytree(ROOT / "pressarchive", project / "pressarchive",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (project / "scrapy.cfg").write_text(
        "[settings]\ndefault = pressarchive.settings\n\n"
        f"[deploy:test]\nurl = {url}/\nproject = pressarchive\n", encoding="utf-8")
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        "items_dir =\nmax_proc = 1\npoll_interval = 0.5\n", encoding="utf-8")
    daemon = subprocess.Popen([str(bin_dir / "scrapyd")], cwd=home,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                _call(f"{url}/daemonstatus.json")
                break
            except OSError:
                time.sleep(0.2)
        deploy = subprocess.run([str(bin_dir / "scrapyd-deploy"), "test"], cwd=project,
                                capture_output=True, text=True, timeout=120)
        assert deploy.returncode == 0 and '"status": "ok"' in deploy.stdout, deploy.stderr
        db = tmp_path / "archive.db"
        job = _call(f"{url}/schedule.json", [
            ("project", "pressarchive"), ("spider", "portal"), ("site", "dongthap"),
            ("base_url", server.base_url), ("setting", f"PRESSARCHIVE_DB={db}"),
            ("setting", "AUTOTHROTTLE_ENABLED=0"), ("setting", "DOWNLOAD_DELAY=0"),
        ])
        assert job["status"] == "ok"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            jobs = _call(f"{url}/listjobs.json?project=pressarchive")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.5)
        else:
            pytest.fail("the scrapyd job did not finish in 120 s")
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 36
        assert conn.execute("SELECT outcome FROM runs").fetchone()[0] == "ok"
    finally:
        conn.close()
