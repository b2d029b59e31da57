"""Distributed crawl figures: pages/s for 1 and 2 workers, Redis round trips a page, and
the rate the single writer (`pressarchive ingest`) sustains on a backlog.

    .venv/bin/python benchmarks/distributed.py [--articles 2000] [--workers 1 2]

Starts its own redis-server on a free loopback port and serves the sample portal from
this process; workers and the writer are the real CLI in child processes.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from pressarchive.sampleportal import PortalServer, build_portal

CLI = [sys.executable, "-m", "pressarchive.cli"]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "CONCURRENT_REQUESTS=16"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def commands(client: redis.Redis) -> int:
    return int(client.info("stats")["total_commands_processed"])


def crawl(n_workers: int, articles: int, url: str, tmp: Path) -> None:
    client = redis.Redis.from_url(url)
    client.flushall()
    portal = build_portal(articles, per_page=20)
    with PortalServer(portal) as server:
        before = commands(client)
        started = time.perf_counter()
        workers = [subprocess.Popen(
            [*CLI, "crawl", "dongthap", "--base-url", server.base_url, "--redis", url,
             "--worker", f"w{i}", "--db", str(tmp / "worker.db"), "--quiet", *FAST],
            stderr=subprocess.PIPE, text=True) for i in range(n_workers)]
        for proc in workers:
            _, err = proc.communicate()
            if proc.returncode != 0:
                sys.exit(f"worker failed:\n{err[-2000:]}")
        crawl_s = time.perf_counter() - started
        pages = sum(server.hits.values())
        trips = commands(client) - before
        backlog = client.llen("pressarchive:ingest")
    db = tmp / f"archive-{n_workers}.db"
    started = time.perf_counter()
    result = subprocess.run([*CLI, "ingest", "--redis", url, "--db", str(db),
                             "--idle-exit", "1"], capture_output=True, text=True)
    ingest_s = time.perf_counter() - started - 1.0
    if result.returncode != 0:
        sys.exit(f"ingest failed:\n{result.stderr[-2000:]}")
    stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"{n_workers} worker(s): {pages} pages in {crawl_s:.1f} s -> {pages / crawl_s:.0f}"
          f" pages/s; Redis round trips {trips} ({trips / pages:.1f} a page)")
    print(f"  writer: {backlog} messages -> {stored} articles in {ingest_s:.1f} s"
          f" -> {backlog / ingest_s:.0f} messages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed (./setup.sh installs it)")
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--dir", tmp],
                                stdout=subprocess.DEVNULL)
        try:
            url = f"redis://127.0.0.1:{port}/0"
            for _ in range(100):
                try:
                    redis.Redis.from_url(url).ping()
                    break
                except redis.ConnectionError:
                    time.sleep(0.05)
            print(f"portal: {args.articles} articles; machine: {__import__('os').cpu_count()}"
                  " cores (portal, workers, Redis and writer share them)")
            for n in args.workers:
                crawl(n, args.articles, url, Path(tmp))
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
