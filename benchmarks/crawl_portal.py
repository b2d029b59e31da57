"""Crawl a generated 2,000-article sample portal and print pages/s, articles/s, peak memory.

    .venv/bin/python benchmarks/crawl_portal.py [--articles 2000] [--per-page 20]

The portal is served from this process on 127.0.0.1; the crawl is the real
`pressarchive crawl` command in a child process (its peak RSS is reported).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressarchive.sampleportal import PortalServer, build_portal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--twice", action="store_true",
                        help="crawl again (incremental) and print what the second run fetched")
    args = parser.parse_args()

    portal = build_portal(args.articles, per_page=args.per_page)
    with tempfile.TemporaryDirectory() as tmp, PortalServer(portal) as server:
        db = Path(tmp) / "bench.db"
        command = [sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap",
                   "--base-url", server.base_url, "--db", str(db), "--quiet",
                   "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
                   "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
                   "-s", f"CONCURRENT_REQUESTS={args.concurrency}"]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        first_hits = sum(server.hits.values())
        if args.twice:
            server.hits.clear()
            again = time.perf_counter()
            subprocess.run(command, capture_output=True, text=True, check=True)
            print(f"second (incremental) run: {sum(server.hits.values())} requests vs "
                  f"{first_hits} in the first ({sum(server.hits.values()) / first_hits:.1%}),"
                  f" {time.perf_counter() - again:.1f} s")
        if result.returncode != 0:
            sys.exit(f"crawl failed ({result.returncode}):\n{result.stderr[-3000:]}")
        conn = sqlite3.connect(db)
        pages, new = conn.execute("SELECT pages, new FROM runs ORDER BY id").fetchone()
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"portal: {args.articles} articles, {args.per_page} per list page")
    print(f"wall time (incl. start-up): {elapsed:.1f} s")
    print(f"pages fetched: {pages}  ->  {pages / elapsed:.0f} pages/s")
    print(f"articles stored: {articles} (new {new})  ->  {articles / elapsed:.0f} articles/s")
    print(f"peak memory of the crawl process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
