"""Pages/s of `pressarchive reextract` and `pressarchive import` with --jobs 1 and --jobs 2.

    .venv/bin/python benchmarks/reextract.py [--articles 3000] [--runs 3] [--jobs 1,2]
        [--only reextract|import] [--keep DIR]

Crawls a generated sample portal once (served from this process on 127.0.0.1) into an
archive with its WARCs; then, alternating the job counts, re-extracts a fresh copy of that
archive (some stored fields made stale first, so articles change as they do after a
profile fix) and imports its WARCs into an empty archive (``--site dongthap``: the
profile's extraction, as for a portal's own WARCs). Prints wall-clock
pages/s and the CPU seconds of the command and its workers (medians), the writer's own
share of them (the command's process: what does not spread over the workers), and the
machine's load average before and after (other work on the machine distorts wall time,
not CPU).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import crawl_portal  # benchmarks/ is the script's folder, on sys.path

from pressarchive.sampleportal import PortalServer, build_portal

CLI = [sys.executable, "-m", "pressarchive.cli"]
# The command with its own process's CPU seconds written at exit to $WRITER_CPU (forked
# workers leave by os._exit, so only the writer writes).
WRITER = [sys.executable, "-c", (
    "import atexit, os, resource, sys\n"
    "def _own():\n"
    "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    open(os.environ['WRITER_CPU'], 'w').write(str(u.ru_utime + u.ru_stime))\n"
    "atexit.register(_own)\n"
    "sys.argv = ['pressarchive', *sys.argv[1:]]\n"
    "from pressarchive.entry import run\n"
    "run()\n")]


def child_run(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(CPU seconds of the child and its workers, wall seconds, result); exits on failure."""
    cpu, wall, result = crawl_portal.child_run(command)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[2:4])} failed ({result.returncode}):\n"
                 f"{result.stderr[-3000:]}")
    return cpu, wall, result


def writer_run(args: list[str], folder: Path) -> tuple[float, float, float]:
    """(CPU seconds of the command and its workers, of the command's process alone, wall
    seconds) of ``pressarchive ARGS``."""
    mark = folder / "writer-cpu"
    os.environ["WRITER_CPU"] = str(mark)
    cpu, wall, _ = child_run(WRITER + args)
    return cpu, float(mark.read_text()), wall


def build(folder: Path, articles: int) -> Path:
    db = folder / "source" / "a.db"
    db.parent.mkdir(parents=True)
    with PortalServer(build_portal(articles, per_page=20)) as server:
        child_run(CLI + ["crawl", "dongthap", "--base-url", server.base_url, "--db", str(db),
                         "--quiet", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
                         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"])
    conn = sqlite3.connect(db)
    with conn:  # what a profile fix does: stored values differ from what extraction gives
        conn.execute("UPDATE articles SET title = title || ' (bản cũ)', author = NULL,"
                     " content_hash = 'stale' WHERE id % 3 = 0")
    conn.close()
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each")
    parser.add_argument("--jobs", default="1,2", help="job counts to compare")
    parser.add_argument("--only", choices=["reextract", "import"])
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive here")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    commands = [args.only] if args.only else ["reextract", "import"]

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        source = work / "source" / "a.db"
        if not source.exists():
            build(work, args.articles)
        warcs = sorted(str(p) for p in source.parent.rglob("*.warc.gz"))
        conn = sqlite3.connect(source)
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
        load_before = os.getloadavg()
        results: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
        for run in range(args.runs):
            for command in commands:
                for n in jobs:
                    target = work / f"{command}-{n}-{run}"
                    shutil.rmtree(target, ignore_errors=True)
                    if command == "reextract":
                        shutil.copytree(source.parent, target)
                        line = ["reextract", "--jobs", str(n), "--db", str(target / "a.db")]
                    else:
                        target.mkdir()
                        line = ["import", *warcs, "--site", "dongthap", "--jobs", str(n),
                                "--db", str(target / "a.db")]
                    results.setdefault((command, n), []).append(writer_run(line, work))
                    shutil.rmtree(target)
        load_after = os.getloadavg()

    print(f"archive: {stored} articles ({len(warcs)} WARC files); {args.runs} alternating"
          f" runs each, medians; {len(os.sched_getaffinity(0))} cores")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)};"
          f" after: {' '.join(f'{x:.2f}' for x in load_after)}")
    for command in commands:
        base = None
        for n in jobs:
            runs = results[(command, n)]
            wall = statistics.median(w for _, _, w in runs)
            cpu = statistics.median(c for c, _, _ in runs)
            own = statistics.median(o for _, o, _ in runs)
            base = base or wall
            print(f"{command} --jobs {n}: {stored / wall:6.0f} pages/s, wall {wall:5.1f} s"
                  f" {[round(w, 1) for _, _, w in runs]}, CPU {cpu:5.1f} s"
                  f" {[round(c, 1) for c, _, _ in runs]} (the writer's own {own:4.1f} s),"
                  f" speed-up {base / wall:.2f}x")


if __name__ == "__main__":
    main()
