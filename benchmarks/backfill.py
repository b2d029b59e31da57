"""Captures/s of `pressarchive backfill` against a local pywb collection, and what bounds it.

    .venv/bin/python benchmarks/backfill.py [--articles 1000] [--runs 3] [--keep DIR]

Renders a generated sample portal (as served at https://dongthap.gov.vn) into one WARC of
captures, loads it into a real pywb collection (`wb-manager` + `wayback` on a loopback
port, from the .venv/pywb setup.sh makes) and, per run, backfills `dongthap` from it into
an empty archive (`--max-rps 0`: no pacing, to find the ceiling). Prints, as medians: the
backfill's captures/s, its CPU seconds, pywb's CPU seconds over the same run, and the rate
of fetching the same `id_` captures alone with one client (no extraction, no archive):
what pywb can serve one-at-a-time, on kept-alive connections and on one connection a
request (the backfill's way). Against the real archives the pace is the archive's
(Wayback: a request every 6 s by default), not either of these.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import crawl_portal  # benchmarks/ is the script's folder, on sys.path
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from pywbcollection import portal_captures, pywb_collection, write_warc  # noqa: E402

from pressarchive.sampleportal import build_portal  # noqa: E402

CLI = [sys.executable, "-m", "pressarchive.cli"]
HOME = "https://dongthap.gov.vn"


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wayback_pid(port: int) -> int:
    """The pid of the `wayback` listening on ``port`` (the test helper does not expose it)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(c.endswith(b"wayback") for c in cmd) and str(port).encode() in cmd:
                return int(entry.name)
    raise SystemExit("wayback process not found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the WARC, collection and archives here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="backfill-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    portal = build_portal(args.articles, per_page=20)
    paths = [s.path for s in portal.sections] + [a.path for a in portal.articles]
    warc = write_warc(folder / "captures.warc.gz",
                      portal_captures(portal, HOME, paths, "2023-03-01T02:00:00Z"))
    print(f"{len(paths)} captures ({args.articles} articles, {len(portal.sections)} list"
          f" pages) in {warc.stat().st_size / 1e6:.1f} MB; load average"
          f" {os.getloadavg()[0]:.2f}")
    with pywb_collection(folder / "pywb", [warc]) as url:
        pid = wayback_pid(int(url.split(":")[2].split("/")[0]))
        rates, cpus, pywb_cpus = [], [], []
        for run in range(args.runs):
            db = folder / f"run{run}" / "archive.db"
            before = cpu_of(pid)
            cpu, wall, result = crawl_portal.child_run(
                CLI + ["backfill", "dongthap", "--source", f"{url}/cdx", "--max-rps", "0",
                       "--db", str(db)])
            if result.returncode != 0:
                sys.exit(f"backfill failed ({result.returncode}):\n{result.stderr[-3000:]}")
            pywb_cpus.append(cpu_of(pid) - before)
            rates.append(len(paths) / wall)
            cpus.append(cpu)
            print(f"  run {run + 1}: {len(paths)} captures in {wall:.1f} s ="
                  f" {len(paths) / wall:.1f} captures/s; backfill CPU {cpu:.1f} s, pywb CPU"
                  f" {pywb_cpus[-1]:.1f} s")
        fetch = {}
        for name, headers in (("kept-alive", {}), ("Connection: close", {"Connection":
                                                                         "close"})):
            session, stamp = requests.Session(), "20230301020000"
            started, before = time.perf_counter(), cpu_of(pid)
            for path in paths:
                target = f"{url}/{stamp}id_/{HOME}{path}"
                try:
                    session.get(target, headers=headers).raise_for_status()
                except requests.ConnectionError:  # pywb dropped an idle kept-alive one
                    session.get(target, headers=headers).raise_for_status()
            fetch[name] = (time.perf_counter() - started, cpu_of(pid) - before)
    n = len(paths)
    print(f"backfill: {statistics.median(rates):.1f} captures/s (median of {args.runs});"
          f" its CPU {statistics.median(cpus) / n * 1000:.1f} ms a capture, pywb's"
          f" {statistics.median(pywb_cpus) / n * 1000:.1f} ms")
    for name, (wall, cpu) in fetch.items():
        print(f"pywb id_ replay alone, one client, {name}: {n / wall:.1f} captures/s"
              f" ({wall / n * 1000:.1f} ms each, pywb CPU {cpu / n * 1000:.1f} ms)")
    print(f"load average after: {os.getloadavg()[0]:.2f}; files in {folder}")


if __name__ == "__main__":
    main()
