"""Time ``decode_html`` a page on the labelled set: the cheap UTF-8 path and the doubt path.

    .venv/bin/python benchmarks/decode_speed.py [--dir tests/labelled] [--repeat 50]

A page's time is the best of 5 runs of ``--repeat`` decodings; printed are the median and
the slowest page (a page whose bytes are not what they claim, e.g. windows-1258).
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from pathlib import Path

from pressarchive.extract.document import decode_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("tests/labelled"))
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    times = {}
    for path in sorted(args.dir.glob("*.html")):
        body = path.read_bytes()
        best = min(timeit.repeat(lambda b=body: decode_html(b), number=args.repeat, repeat=5))
        times[path.name] = best / args.repeat * 1000
    slowest = max(times, key=times.__getitem__)
    print(f"{len(times)} pages: median {statistics.median(times.values()):.3f} ms, "
          f"slowest {times[slowest]:.2f} ms ({slowest})")


if __name__ == "__main__":
    main()
