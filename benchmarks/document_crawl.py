"""What fetching the documents costs a crawl: the sample portal with every sample document
linked (36 articles, 10 files, one of them past the 50 MB cap), crawled with documents,
with ``--no-documents`` and with ``--ocr``; wall time of ``pressarchive crawl`` (process
start included), median of N runs each.

    .venv/bin/python benchmarks/document_crawl.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressarchive.sampleportal import PortalServer, build_portal
from pressarchive.sampleportal.attachments import link_documents
from pressarchive.sampleportal.documents import sample_documents

FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]
MODES = {"documents": [], "--no-documents": ["--no-documents"], "--ocr": ["--ocr"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    portal = build_portal()
    link_documents(portal, sample_documents())
    with PortalServer(portal) as server, tempfile.TemporaryDirectory() as tmp:
        for mode, extra in MODES.items():
            times = []
            for n in range(args.runs):
                db = Path(tmp) / f"{mode.strip('-')}{n}" / "archive.db"
                started = time.monotonic()
                subprocess.run([sys.executable, "-m", "pressarchive.cli", "crawl", "dongthap",
                                "--base-url", server.base_url, "--db", str(db), "--quiet",
                                *FAST, *extra], check=True)
                times.append(time.monotonic() - started)
            print(f"{mode:<15} median {statistics.median(times):5.2f} s"
                  f"  ({', '.join(f'{t:.2f}' for t in times)})", flush=True)


if __name__ == "__main__":
    main()
