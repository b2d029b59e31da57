"""Extraction time per page on the labelled set: pressarchive (profile, generic) vs trafilatura.

    .venv/bin/python benchmarks/extract_speed.py [--dir tests/labelled] [--repeat 7]

Each page is extracted ``--repeat`` times per system; a page's time is the median of its
runs, and the figure printed is the median (and 90th percentile) over pages. Pages a
system refuses are timed too (a refusal is work, but usually cheap), so the median over
the pages with a result is printed as well, and the median over the pages of sites with
a profile ("profiled"; the others run in generic mode under "profile" too). The targets:
profiled extraction ≤ 3 ms/page median; generic ≤ 25 ms/page.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pressarchive.evaluate import Refused, load_labels, make_extractor


def page_times(system: str, folder: Path, repeat: int) -> tuple[list[float], set[int]]:
    """Median milliseconds of each page (after one untimed warm-up pass), and the indexes
    of the pages the system refused."""
    labels = load_labels(folder)
    pages = {lab.name: lab.html_path.read_bytes() for lab in labels}
    extract = make_extractor(system)
    runs: list[list[float]] = [[] for _ in labels]
    refused: set[int] = set()
    for n in range(repeat + 1):
        for i, lab in enumerate(labels):
            start = time.perf_counter()
            try:
                extract(pages[lab.name], lab)
            except Refused:
                refused.add(i)
            if n:  # pass 0 warms imports and caches
                runs[i].append((time.perf_counter() - start) * 1000)
    return [statistics.median(r) for r in runs], refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_dir = Path(__file__).parents[1] / "tests" / "labelled"
    parser.add_argument("--dir", type=Path, default=default_dir)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    medians = {}
    print(f"{'system':<12} {'pages':>5} {'refused':>7} {'median ms':>9} {'p90 ms':>7} "
          f"{'median ms (pages with a result)':>32}")
    for system in ("profile", "generic", "trafilatura"):
        times, refused = page_times(system, args.dir, args.repeat)
        medians[system] = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        ok = [t for i, t in enumerate(times) if i not in refused]
        print(f"{system:<12} {len(times):>5} {len(refused):>7} {medians[system]:>9.2f} "
              f"{p90:>7.2f} {statistics.median(ok) if ok else float('nan'):>32.2f}")
        if system == "profile":
            # Only the pages of sites with a profile: the others run in generic mode.
            profiled = [t for t, lab in zip(times, load_labels(args.dir), strict=True)
                        if lab.site]
            medians["profiled"] = statistics.median(profiled)
            print(f"{'  profiled':<12} {len(profiled):>5} {'':>7} {medians['profiled']:>9.2f}")
    print(f"\nprofiled pages median {medians['profiled']:.2f} ms (target ≤ 3 ms); generic median "
          f"{medians['generic']:.2f} ms (target ≤ 25 ms); generic / trafilatura "
          f"= {medians['generic'] / medians['trafilatura']:.2f}")


if __name__ == "__main__":
    main()
