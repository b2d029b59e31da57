"""Near-duplicate matching at scale: signatures, LSH, clustering, memory, precision/recall.

    .venv/bin/python benchmarks/duplicates_1m.py --n 1000000 [--db data/dupes.db]

Builds (or reuses) an archive of ``--n`` synthetic Vietnamese-like articles (the Zipf corpus
of make_archive.py: 4 sites over ``--days`` days) of which ``--copies`` (share) are
republications of an earlier article on another site, 3-72 hours later, made by
:func:`pressarchive.sampleportal.republish.edit_paragraphs` (10-30% of the sentences
edited, half with the lead cut). Articles are written straight into ``articles`` (no FTS:
matching never reads it). Then, in a child process so that its peak memory is its own:
``pressarchive duplicates --rebuild`` (signatures of every article, the sliding-window LSH,
verification, clusters), and an incremental run of ``--increment`` new articles (the batch
step at the end of a crawl). Prints the figures and precision/recall of the planted pairs
and of the labelled set (sampleportal/republish.py) at the default threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

VN = timezone(timedelta(hours=7))
SITES = ["dongthap", "vinhlong", "cantho", "angiang"]


def build(db: Path, n: int, days: int, copies: float, start: int = 0) -> None:
    """``n`` articles (ids from ``start``), ``copies`` of them republications."""
    from make_archive import ZipfCorpus

    from pressarchive.archive import Archive
    from pressarchive.sampleportal.republish import edit_paragraphs

    rng = random.Random(7 + start)
    corpus = ZipfCorpus()
    first = datetime(2023, 1, 1, tzinfo=VN)
    recent: list[tuple[int, list[str], datetime, int]] = []
    with Archive(db) as archive:
        rows, truth = [], []
        for k in range(start, start + n):
            if recent and rng.random() < copies:
                origin, paragraphs, when, site = rng.choice(recent)
                edited = edit_paragraphs(paragraphs, rng.uniform(0.1, 0.3), rng)
                if rng.random() < 0.5 and len(edited) > 1:
                    edited = edited[1:]
                when = when + timedelta(hours=rng.randint(3, 72))
                site = (site + rng.randint(1, 3)) % 4
                truth.append((origin, k))
            else:
                paragraphs = corpus.make(k, rng).body.split("\n\n")
                when = first + timedelta(minutes=rng.randrange(days * 1440))
                site = k % 4
                recent.append((k, paragraphs, when, site))
                recent = recent[-2000:]
            body = "\n\n".join(paragraphs)
            rows.append((k + 1, f"https://{SITES[site]}.gov.vn/-/bai-{k}", SITES[site],
                         f"Bài {k}", when.isoformat(), "minute", body, paragraphs[0],
                         f"h{k}-{hash(body)}", when.isoformat(), when.isoformat(),
                         when.isoformat()))
            if len(rows) >= 20_000:
                _insert(archive, rows)
                rows = []
        _insert(archive, rows)
    with (db.with_suffix(".truth.jsonl")).open("a" if start else "w") as fh:
        fh.writelines(json.dumps([a + 1, b + 1]) + "\n" for a, b in truth)


def _insert(archive, rows: list[tuple]) -> None:  # noqa: ANN001 - an Archive
    with archive.db.atomic():
        archive.db.conn.executemany(
            "INSERT INTO articles (id, url, site, title, published, published_precision,"
            " body, lead, content_hash, first_seen, last_seen, last_changed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def match(db: Path, rebuild: bool) -> None:
    """The child: one update, its phases timed, peak memory and counts printed as JSON."""
    from pressarchive import syndication
    from pressarchive.archive import Archive

    phases: dict[str, float] = {}
    original = {name: getattr(syndication, name) for name in
                ("_sign_row", "_sign_kept", "_sweep", "_probe", "_verify", "_recluster")}

    def timed(name: str):  # noqa: ANN202
        def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            started = time.perf_counter()
            try:
                return original[name](*args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - started
        return run

    for name in original:
        setattr(syndication, name, timed(name))
    started = time.perf_counter()
    with Archive(db) as archive:
        summary = syndication.update(archive, rebuild=rebuild)
    total = time.perf_counter() - started
    phases["signatures"] = phases.pop("_sign_row", 0.0) + phases.pop("_sign_kept", 0.0)
    print(json.dumps({"total": total, "phases": phases, "summary": vars(summary),
                      "peak_mb": _peak_mb()}))


def _peak_mb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss keeps the parent's peak across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def query_time(db: Path, sample: int = 2000) -> float:
    """Seconds per LSH query against a window's index (30 days of articles): the index the
    match uses (:class:`pressarchive.minhashlib.BandIndex` over the stored signatures)."""
    from pressarchive import syndication
    from pressarchive.archive import Archive
    from pressarchive.minhashlib import BandIndex

    with Archive(db, readonly=True) as archive:
        rows = list(archive.db.execute(
            "SELECT article_id, minhash FROM signatures WHERE minhash IS NOT NULL"
            " AND day BETWEEN '2023-03-01' AND '2023-03-31'"))
    index = BandIndex(*syndication.LSH_BANDS)
    for i, blob in rows:
        index.insert(i, blob)
    probe = rows[:sample]
    started = time.perf_counter()
    for _, blob in probe:
        index.query(blob)
    return (time.perf_counter() - started) / max(len(probe), 1), len(rows)


def child(db: Path, rebuild: bool) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", "rebuild" if rebuild else "update",
                          "--db", str(db)], capture_output=True, text=True, check=True,
                         env={**os.environ, "OMP_NUM_THREADS": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def planted_scores(db: Path) -> dict:
    truth = {tuple(json.loads(line)) for line in db.with_suffix(".truth.jsonl").open()}
    import sqlite3

    conn = sqlite3.connect(db)
    members = dict(conn.execute("SELECT article_id, cluster_id FROM cluster_members"))
    together = {(a, b) for a, b in truth if a in members and members.get(b) == members[a]}
    clustered = conn.execute("SELECT count(*) FROM cluster_members WHERE is_earliest = 0"
                             ).fetchone()[0]
    conn.close()
    copies_found = len({b for _, b in together})
    return {"planted": len(truth), "found": copies_found,
            "recall": copies_found / max(len(truth), 1),
            "precision": copies_found / max(clustered, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("data/dupes_bench.db"))
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--copies", type=float, default=0.03)
    parser.add_argument("--increment", type=int, default=1000)
    parser.add_argument("--child", choices=["rebuild", "update"])
    args = parser.parse_args()
    if args.child:
        match(args.db, args.child == "rebuild")
        return
    from pressarchive.archive import Archive
    from pressarchive.sampleportal.republish import labelled_pairs
    from pressarchive.syndication import DEFAULT_SIMILARITY, evaluate

    args.db.parent.mkdir(parents=True, exist_ok=True)
    with Archive(args.db) as archive:
        have = archive.count("articles")
    if have < args.n:
        started = time.perf_counter()
        build(args.db, args.n - have, args.days, args.copies, start=have)
        print(f"built {args.n - have} articles in {time.perf_counter() - started:.0f} s",
              flush=True)
    full = child(args.db, rebuild=True)
    n = full["summary"]["signed"]
    print(f"rebuild of {n:,} articles: {full['total']:.0f} s total, peak {full['peak_mb']:.0f}"
          f" MB; signatures {full['phases']['signatures'] / n * 1e6:.0f} µs/article;"
          f" LSH sweep {full['phases'].get('_sweep', 0):.0f} s"
          f" ({full['phases'].get('_sweep', 0) / n * 1e6:.0f} µs/article: query, insert,"
          f" remove); verify {full['phases']['_verify']:.0f} s"
          f" ({full['summary']['candidates']:,} candidates); clusters"
          f" {full['phases']['_recluster']:.0f} s", flush=True)
    print(f"  summary {full['summary']}")
    per_query, window = query_time(args.db)
    print(f"LSH query: {per_query * 1e6:.0f} µs against an index of {window:,} articles"
          " (30 days)")
    print(f"planted republications: {planted_scores(args.db)}")
    build(args.db, args.increment, args.days, args.copies, start=n)
    inc = child(args.db, rebuild=False)
    print(f"incremental: {args.increment} new articles matched in {inc['total']:.1f} s, peak"
          f" {inc['peak_mb']:.0f} MB ({inc['summary']})")
    score = evaluate(labelled_pairs(), DEFAULT_SIMILARITY)
    print(f"labelled set at {DEFAULT_SIMILARITY}: precision {score['precision']:.3f}"
          f" recall {score['recall']:.3f} ({score})")


if __name__ == "__main__":
    main()
