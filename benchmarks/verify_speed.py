"""Verify throughput: a full ``verify`` over a few hundred MB of WARC, in MB/s of WARC.

Builds a temporary archive whose WARC files are written by the crawler's own writer
(``WarcWriterFiles``: gzip members, request/response pairs, 100 MB files) from the sample
portal's pages repeated under distinct URLs, one article row pointing at each response,
then times ``Verifier.full`` with 1 and 2 processes. Wall time is what a user waits on a
loaded machine; CPU seconds (this process and its children) say what it costs.

    .venv/bin/python benchmarks/verify_speed.py [--mb 300] [--jobs 1 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from scrapy.http import HtmlResponse, Request

from pressarchive.archive import Archive
from pressarchive.extract.model import Article
from pressarchive.preserve.verify import Verifier
from pressarchive.sampleportal import build_portal
from pressarchive.warc import WarcWriterFiles

HOST = "http://127.0.0.1:8000"


def build(home: Path, megabytes: int) -> tuple[int, int]:
    """WARC files of about ``megabytes`` MB and their archive; (records, bytes)."""
    portal = build_portal(200)
    pages = []
    for spec in portal.articles:
        _, headers, body = portal.render(spec.path, "", HOST)
        pages.append((spec, headers, body))
    writer = WarcWriterFiles(home / "warc", "dongthap", 100 * 1024 * 1024,
                             {"software": "pressarchive/bench", "isPartOf": "dongthap"},
                             relative_to=home)
    archive = Archive(home / "archive.db")
    batch: list[Article] = []
    n = 0
    total = 0
    while total < megabytes * 1_000_000:
        spec, headers, body = pages[n % len(pages)]
        url = f"{HOST}{spec.path}?copy={n}"
        response = HtmlResponse(url, status=200, headers=headers, body=body)
        name, offset = writer.write(Request(url), response)
        batch.append(Article(url=url, title=spec.title, body=spec.title, site="dongthap",
                             published="2024-01-01", warc_file=name, warc_offset=offset,
                             fetched_url=url))
        if len(batch) == 2000:
            archive.store_articles(batch)
            batch = []
            total = sum(p.stat().st_size for p in (home / "warc").iterdir())
        n += 1
    archive.store_articles(batch)
    writer.close()
    archive.close()
    return n * 2, sum(p.stat().st_size for p in (home / "warc").iterdir())


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=300, help="MB of WARC to build")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: temp)")
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="verify-speed-"))
    home.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        records, size = build(home, args.mb)
        print(f"built {size / 1e6:,.0f} MB of WARC ({records:,} records, "
              f"{records // 2:,} articles) in {time.monotonic() - started:.0f} s")
        for jobs in args.jobs:
            with Archive(home / "archive.db") as archive:
                wall, used = time.monotonic(), cpu()
                report = Verifier(archive, jobs=jobs).full(restart=True)
                wall, used = time.monotonic() - wall, cpu() - used
            digests = report.checks["digests"]
            assert not report.problems, report.text()
            print(f"verify, {jobs} process(es): {digests.bytes / 1e6:,.0f} MB,"
                  f" {digests.items:,} records in {wall:.1f} s: {digests.bytes / 1e6 / wall:.1f}"
                  f" MB/s wall; {used:.1f} CPU s ({digests.bytes / 1e6 / used:.1f} MB per"
                  " CPU second)")
    finally:
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
