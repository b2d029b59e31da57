"""How long `reextract --jobs N`'s workers wait for work between chunks, by queue depth.

    .venv/bin/python benchmarks/worker_idle.py ARCHIVE.db [--jobs 2] [--ahead 3,12]
        [--runs 2]

Re-extracts a fresh copy of ARCHIVE's folder (e.g. `benchmarks/reextract.py --keep DIR`'s
DIR/source/a.db) once per depth and run, with ``BATCH_AHEAD`` (tasks queued per worker)
set to each value, and prints the workers' summed idle time between two chunks (gaps over
5 ms: the queue was empty while the writer stored) beside their busy time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The command with each worker's chunk start and end written to $CHUNK_LOG.<pid>.
RUN = [sys.executable, "-c", (
    "import os, sys, time\n"
    "import pressarchive.parallel as p\n"
    "p.BATCH_AHEAD = int(sys.argv[1])\n"
    "real = p._run_chunk\n"
    "def timed(func, chunk):\n"
    "    start = time.monotonic(); out = real(func, chunk)\n"
    "    with open(f\"{os.environ['CHUNK_LOG']}.{os.getpid()}\", 'a') as log:\n"
    "        log.write(f'{start} {time.monotonic()}\\n')\n"
    "    return out\n"
    "p._run_chunk = timed\n"
    "sys.argv = ['pressarchive', *sys.argv[2:]]\n"
    "from pressarchive.entry import run\n"
    "run()\n")]


def idle_and_busy(logs: list[Path]) -> tuple[float, float]:
    """Summed gaps over 5 ms between a worker's chunks, and summed chunk time."""
    idle = busy = 0.0
    for log in logs:
        spans = sorted(tuple(map(float, line.split())) for line in log.open())
        if len(spans) < 20:  # a pool of the end-of-run match
            continue
        gaps = (b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False))
        idle += sum(gap for gap in gaps if gap > 0.005)
        busy += sum(end - start for start, end in spans)
    return idle, busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ahead", default="3,12", help="queue depths to compare")
    parser.add_argument("--runs", type=int, default=2, help="alternating runs of each")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for run in range(args.runs):
        for ahead in args.ahead.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / "archive"
                shutil.copytree(args.db.parent, copy)
                os.environ["CHUNK_LOG"] = str(Path(tmp) / "chunks")
                subprocess.run(RUN + [ahead, "reextract", "--jobs", str(args.jobs), "--db",
                                      str(copy / args.db.name)],
                               check=True, stdout=subprocess.DEVNULL)
                idle, busy = idle_and_busy(sorted(Path(tmp).glob("chunks.*")))
            print(f"run {run + 1}, {ahead} tasks a worker: workers idle {idle:.2f} s between"
                  f" chunks, busy {busy:.2f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
