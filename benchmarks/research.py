"""Search latency and export time/memory on a large archive (see make_archive.py).

Each search is what `pressarchive search` runs: a page of 20 results and the number of
matches; queries typed with diacritics take the exact columns, the others the folded ones.

    .venv/bin/python benchmarks/research.py data/bench.db
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressarchive.archive import SEARCH_CAP, Archive, Filters

QUERIES = [
    ("chuyen doi so", Filters(site="dongthap")),
    ("Đồng Tháp", Filters(since="2023-01-01")),
    ("sen hong", Filters(site="vinhlong", since="2020-01-01", until="2022-12-31")),
    ('"dang vien"', Filters(author="Minh Tâm")),
    ("nong dan thu hoach", Filters(site="cantho")),
    ("xoai", Filters(until="2018-12-31")),
    # typed with diacritics: the exact columns
    ("chuyển đổi số", Filters(site="dongthap")),
    ('"đảng viên"', Filters(author="Minh Tâm")),
    ("nông dân thu hoạch", Filters(site="cantho")),
]


COUNT = True  # --no-count: the page alone (as this benchmark measured before v6)


def search_and_count(archive: Archive, query: str, filters: Filters, cap: int) -> None:
    """What `pressarchive search` asks: a page of 20 and the number of matches."""
    archive.search(query, filters, limit=20, cap=cap)
    if COUNT:
        archive.search_total(query, filters, cap=cap)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cap", type=int, default=SEARCH_CAP,
                        help="ranking cap (default: the one search uses)")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--no-count", action="store_true",
                        help="time the page of results alone, not the number of matches")
    parser.add_argument("--forget", action="store_true",
                        help="empty search_terms first (no phrase counted yet)")
    args = parser.parse_args()
    global COUNT
    COUNT = not args.no_count
    with Archive(args.db) as archive:
        total = archive.count("articles")
        print(f"archive: {total} articles, search index in {archive.index_segments()} segment(s)")
        if args.forget:  # the cache of a fresh archive that never ran `optimize`
            with archive.db.conn:
                archive.db.execute("DELETE FROM search_terms")
        cached = archive.db.execute("SELECT count(*) FROM search_terms").fetchone()[0]
        cold = []
        for query, filters in QUERIES:
            started = time.perf_counter()
            search_and_count(archive, query, filters, args.cap)
            cold.append((time.perf_counter() - started) * 1000)
        print(f"first search of each query ({cached} phrase counts cached before): median"
              f" {statistics.median(cold):.1f} ms, max {max(cold):.1f} ms")
        timings = []
        per_query: dict[int, list[float]] = {}
        for _ in range(args.repeat):
            for n, (query, filters) in enumerate(QUERIES):
                started = time.perf_counter()
                search_and_count(archive, query, filters, args.cap)
                elapsed = (time.perf_counter() - started) * 1000
                timings.append(elapsed)
                per_query.setdefault(n, []).append(elapsed)
        for n, (query, filters) in enumerate(QUERIES):
            matches = archive.search_total(query, filters, cap=None)[0]
            print(f"  {query!r:<24} {filters}: {matches} matches,"
                  f" median {statistics.median(per_query[n]):.1f} ms")
    what = "page and count" if COUNT else "page only"
    print(f"search ({what}) with a filter: median {statistics.median(timings):.1f} ms, "
          f"p90 {sorted(timings)[int(len(timings) * 0.9)]:.1f} ms over {len(timings)} queries")
    if args.no_export:
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "all.csv"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pressarchive.cli", "export", "--format", "csv",
                        "-o", str(out), "--db", str(args.db)], check=True)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"export of all rows to CSV: {elapsed:.1f} s, {out.stat().st_size / 1e6:.0f} MB, "
              f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
