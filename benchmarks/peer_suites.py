"""pressarchive (generic mode) beside trafilatura and htmldate on their own evaluation suites.

    .venv/bin/python benchmarks/peer_suites.py [--datasets ../shared/datasets]
        [--cache ~/.cache/pressarchive-peers] [--suite trafilatura|htmldate] [--no-peer]
        [--jobs N] [--misses]

Unpacks ``DATASETS/<suite>-eval.tar.xz`` into the cache folder once (never into the
project tree), then prints, per suite, the table of ``pressarchive eval --suite``: body
precision/recall/F1 and author exact match (trafilatura's suite), publication day
(htmldate's), and the median ms/page of each system, all from the same run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pressarchive.peers import SUITES, cache_dir, evaluate_suite, format_suite, unpacked

DEFAULT_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--cache", type=Path, default=cache_dir())
    parser.add_argument("--suite", choices=SUITES, action="append")
    parser.add_argument("--no-peer", action="store_true", help="pressarchive only")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="processes to spread pages over")
    args = parser.parse_args()
    for suite in args.suite or SUITES:
        folder = unpacked(suite, args.datasets, args.cache)
        if folder is None:
            print(f"{suite}: no {suite}-eval.tar.xz in {args.datasets}", file=sys.stderr)
            return 2
        report = evaluate_suite(suite, folder, peer=not args.no_peer, workers=args.jobs)
        print(format_suite(report, misses=args.misses), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
