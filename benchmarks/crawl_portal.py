"""Crawl a generated 2,000-article sample portal and print pages/s, articles/s, peak memory,
and the crawl's CPU time against a bare Scrapy spider's on the same server.

    .venv/bin/python benchmarks/crawl_portal.py [--articles 2000] [--per-page 20]
        [--runs 3] [--no-bare] [--twice]

The portal is served from this process on 127.0.0.1; the crawl is the real
`pressarchive crawl` command in a child process (its CPU seconds and peak RSS are
reported), alternating with `benchmarks/bare_spider.py` (which fetches the same pages
and keeps nothing). CPU seconds, not wall time, so a slow server or a busy machine
cannot hide the crawler's own cost; the ratio bare/ours is the share of the bare cost.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressarchive.sampleportal import PortalServer, build_portal


def child_run(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(CPU seconds, wall seconds, result) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spider")
    parser.add_argument("--twice", action="store_true",
                        help="crawl again (incremental) and print what the second run fetched")
    parser.add_argument("-s", "--set", dest="overrides", action="append", default=[],
                        metavar="NAME=VALUE", help="extra setting for pressarchive crawl")
    args = parser.parse_args()

    portal = build_portal(args.articles, per_page=args.per_page)
    ours: list[tuple[float, float]] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, PortalServer(portal) as server:
        bare_command = [sys.executable, os.path.join(os.path.dirname(__file__), "bare_spider.py"),
                        server.base_url, "--concurrency", str(args.concurrency)]
        for run in range(args.runs):
            db = Path(tmp) / f"bench{run}.db"
            command = [sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap",
                       "--base-url", server.base_url, "--db", str(db), "--quiet",
                       "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
                       "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
                       "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
                       *[x for pair in args.overrides for x in ("-s", pair)]]
            cpu, wall, result = child_run(command)
            if result.returncode != 0:
                sys.exit(f"crawl failed ({result.returncode}):\n{result.stderr[-3000:]}")
            ours.append((cpu, wall))
            if not args.no_bare:
                bare_cpu, _, bare_result = child_run(bare_command)
                if bare_result.returncode != 0:
                    sys.exit(f"bare spider failed:\n{bare_result.stderr[-3000:]}")
                bare.append(bare_cpu)
        first_hits = sum(server.hits.values())
        if args.twice:
            server.hits.clear()
            again = time.perf_counter()
            subprocess.run(command, capture_output=True, text=True, check=True)
            print(f"second (incremental) run: {sum(server.hits.values())} requests,"
                  f" {time.perf_counter() - again:.1f} s")
        conn = sqlite3.connect(db)
        pages, new = conn.execute("SELECT pages, new FROM runs ORDER BY id").fetchone()
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
    del first_hits
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu = statistics.median(c for c, _ in ours)
    wall = statistics.median(w for _, w in ours)
    print(f"portal: {args.articles} articles, {args.per_page} per list page;"
          f" {args.runs} runs each, medians")
    print(f"wall time (incl. start-up): {wall:.1f} s")
    print(f"pages fetched: {pages}  ->  {pages / wall:.0f} pages/s")
    print(f"articles stored: {articles} (new {new})  ->  {articles / wall:.0f} articles/s")
    print(f"CPU seconds, pressarchive crawl: {cpu:.2f}  ({[round(c, 2) for c, _ in ours]})")
    if bare:
        floor = statistics.median(bare)
        print(f"CPU seconds, bare spider:        {floor:.2f}  ({[round(b, 2) for b in bare]})")
        print(f"ratio bare/ours: {floor / cpu:.2f}")
    print(f"peak memory of a child process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
