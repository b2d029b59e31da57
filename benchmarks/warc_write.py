"""CPU seconds a 1,000 request/response pairs written as gzip WARC records: warcio's
WARCWriter (as pressarchive wrote them before issue 19) against pressarchive's own
serialisation (pressarchive/warcrecord.py), and zlib alone (level 9, one member a record).

    .venv/bin/python benchmarks/warc_write.py [--pairs 2000] [--runs 5]

The pairs are a generated sample portal's article pages (about 18 KB) with the headers a
crawl records, mixed with the varied exchanges of tests/warcioref.py (gzip-encoded,
windows-1258, redirects, 404, a huge header, a POST, Latin-1 header bytes) one in ten.
Both writers flush once a pair. Medians of ``--runs`` alternating runs; the file sizes too.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from warcioref import exchange, varied, warcio_info, warcio_pair, warcio_writer  # noqa: E402

from pressarchive.sampleportal import build_portal  # noqa: E402
from pressarchive.warc import WarcWriterFiles  # noqa: E402

INFO = {"software": "pressarchive/bench", "operator": "bench@example.org", "robots": "obey",
        "isPartOf": "dongthap", "format": "WARC File Format 1.1"}


def make_pairs(count: int) -> list:
    portal = build_portal(max(count // 10, 20), per_page=20)
    base = "https://dongthap.gov.vn"
    pages = [portal.render(a.path, "", base)[2] for a in portal.articles]
    pairs = []
    for n in range(count):
        page = pages[n % len(pages)]
        if n % 10 == 9:
            pairs.append(varied(page)[n // 10 % 11])
        else:
            pairs.append(exchange(base + portal.articles[n % len(pages)].path, page, headers={
                "Content-Length": str(len(page)), "ETag": f'"{zlib.crc32(page):08x}"'}))
    return pairs


class _OneFlush:
    """warcio's view of the file: its flush after each record does nothing."""

    def __init__(self, fh: BinaryIO) -> None:
        self.write, self.tell = fh.write, fh.tell

    def flush(self) -> None:
        pass


def run_warcio(pairs: list, folder: Path) -> tuple[float, int]:
    path = folder / "warcio.warc.gz"
    started = time.process_time()
    with path.open("wb") as fh:
        writer = warcio_writer(_OneFlush(fh))  # type: ignore[arg-type]
        warcio_info(writer, path.name, INFO)
        for request, response in pairs:
            warcio_pair(writer, request, response)
            fh.flush()
    return time.process_time() - started, path.stat().st_size


def run_ours(pairs: list, folder: Path) -> tuple[float, int]:
    files = WarcWriterFiles(folder / "ours", "dongthap", 10**12, INFO, relative_to=folder)
    started = time.process_time()
    for request, response in pairs:
        files.write(request, response)
    files.fh.flush()  # type: ignore[union-attr]
    cpu = time.process_time() - started
    files.close()
    return cpu, (folder / files.relative).stat().st_size


def run_zlib(records: list[bytes]) -> float:
    started = time.process_time()
    for record in records:
        gz = zlib.compressobj(9, zlib.DEFLATED, 31)
        gz.compress(record)
        gz.flush()
    return time.process_time() - started


def records_of(path: Path) -> list[bytes]:
    """Each member of a gzip file, inflated."""
    data, out = path.read_bytes(), []
    while data:
        inflater = zlib.decompressobj(31)
        out.append(inflater.decompress(data))
        data = inflater.unused_data
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pairs = make_pairs(args.pairs)
    times: dict[str, list[float]] = {"warcio": [], "ours": [], "zlib": []}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for name, writer in (("warcio", run_warcio), ("ours", run_ours)):
                folder = Path(tmp) / f"{name}{run}"
                folder.mkdir()
                cpu, sizes[name] = writer(pairs, folder)
                times[name].append(cpu)
            inflated = records_of(next((Path(tmp) / f"ours{run}").rglob("*.warc.gz")))
            times["zlib"].append(run_zlib(inflated))
        raw = sum(len(r) for r in inflated)
        assert len(inflated) == 1 + 2 * len(pairs) and gzip.decompress  # one member a record
    per = 1000 / len(pairs)
    print(f"{len(pairs)} pairs, {raw / 1e6:.1f} MB of records inflated; {args.runs} runs,"
          " medians; CPU seconds a 1,000 pairs")
    for name in ("warcio", "ours", "zlib"):
        label = {"warcio": "warcio WARCWriter", "ours": "pressarchive (warcrecord)",
                 "zlib": "zlib level 9 alone"}[name]
        size = f"  {sizes[name] / 1e6:.2f} MB" if name in sizes else ""
        print(f"{label:27} {statistics.median(times[name]) * per:.3f}"
              f"  ({', '.join(f'{t * per:.3f}' for t in times[name])}){size}")
    warcio, ours, floor = (statistics.median(times[n]) for n in ("warcio", "ours", "zlib"))
    print(f"speed-up: {warcio / ours:.2f}x; less zlib's: ours {(ours - floor) * per:.3f},"
          f" warcio {(warcio - floor) * per:.3f}")


if __name__ == "__main__":
    main()
