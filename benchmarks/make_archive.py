"""Generate a large archive for the research benchmarks (default 1,000,000 articles).

    .venv/bin/python benchmarks/make_archive.py data/bench.db --articles 1000000

Articles are synthetic (sentence pools of the sample portal, 4 sites, 2015-2026) and go in
through Archive.store_articles, the same path a crawl takes (FTS included).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pressarchive.archive import Archive
from pressarchive.extract.model import Article
from pressarchive.sampleportal.texts import AUTHORS, PLACES, TOPICS

SITES = ["dongthap", "vinhlong", "cantho", "angiang"]
VN = timezone(timedelta(hours=7))


def make(n: int, rng: random.Random) -> Article:
    section = rng.choice(list(TOPICS))
    topic = TOPICS[section]
    place = rng.choice(PLACES)
    title = rng.choice(topic["titles"]).format(place=place, year=2015 + n % 12, n=n)
    paragraphs = [" ".join(rng.sample(topic["sentences"], 3)) for _ in range(3)]
    when = datetime(2015, 1, 1, tzinfo=VN) + timedelta(minutes=rng.randrange(12 * 525_600))
    return Article(
        url=f"https://{SITES[n % 4]}.gov.vn/-/bai-{n}", site=SITES[n % 4],
        title=f"{title} ({n})", lead=paragraphs[0], body="\n\n".join(paragraphs),
        published=when.isoformat(), published_precision="minute", published_source="page",
        author=rng.choice([*AUTHORS, None]), category=section,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    started = time.perf_counter()
    with Archive(args.db) as archive:
        done = archive.count("articles")
        while done < args.articles:
            size = min(args.batch, args.articles - done)
            archive.store_articles([make(done + k, rng) for k in range(size)])
            done += size
            if done % 100_000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"{done} articles ({rate:.0f}/s)", flush=True)
        archive.db.execute("ANALYZE")
    size_mb = args.db.stat().st_size / 1e6
    print(f"{done} articles in {args.db} ({size_mb:.0f} MB) in "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
