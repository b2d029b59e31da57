"""Generate a large archive for the research benchmarks (default 1,000,000 articles).

    .venv/bin/python benchmarks/make_archive.py data/bench.db --corpus pools|zipf

Articles are synthetic (4 sites, 2015-2026) and go in through Archive.store_articles, the
same path a crawl takes (FTS included). Two corpora:

- ``pools`` (default): whole sentences from the sample portal's few sentence pools (the
  first benchmark): every query word stands in 10-50 % of the archive, a worst case for
  ranking.
- ``zipf``: words drawn with Zipf's law (frequency ∝ 1/rank) from a 6,000
  syllable vocabulary — ~60 common syllables of news prose ("và", "của", "các", …) at the
  top, then the sample portal's other ~850 real syllables and plausible made-up ones in
  random order — plus one topic phrase per article ("chuyển đổi số", "sen hồng", …,
  themselves Zipf-distributed over 40 topics, so the commonest topic is in about a
  quarter of the articles). Function syllables ("dân", "đồng", "công") are then in nearly
  every article, as in real news text, and rare content words in a few percent.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import time
import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pressarchive.archive import Archive
from pressarchive.extract.model import Article
from pressarchive.sampleportal import texts
from pressarchive.sampleportal.texts import AUTHORS, PLACES, TOPICS

SITES = ["dongthap", "vinhlong", "cantho", "angiang"]
VN = timezone(timedelta(hours=7))
VOCABULARY = 6000
TOPIC_PHRASES = [
    "chuyển đổi số", "xây dựng nông thôn mới", "cải cách hành chính", "đảng viên",
    "an toàn giao thông", "sen hồng", "nông dân thu hoạch lúa", "xoài cát Hòa Lộc",
    "phòng chống dịch bệnh", "giải ngân vốn đầu tư công", "du lịch sinh thái", "cá tra",
    "sạt lở bờ sông", "mùa nước nổi", "hợp tác xã", "bảo hiểm y tế", "học sinh giỏi",
    "khởi nghiệp", "thanh niên tình nguyện", "người có công", "hộ nghèo", "cấp nước sạch",
    "hoa kiểng Sa Đéc", "kinh tế tập thể", "phòng cháy chữa cháy", "dân vận khéo",
    "an ninh trật tự", "bình đẳng giới", "cựu chiến binh", "khuyến nông", "lũ lụt",
    "văn hóa đọc", "thể dục thể thao", "chợ nổi", "trái cây xuất khẩu", "điện mặt trời",
    "giảm nghèo bền vững", "kiểm tra giám sát", "tiếp công dân", "quy hoạch tỉnh",
]
ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh",
          "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ăm", "ăn", "ăng", "âm", "ân",
          "âng", "âu", "ây", "e", "em", "en", "eo", "ê", "êm", "ên", "ênh", "êu", "i", "ia",
          "im", "in", "inh", "iu", "o", "oa", "oai", "oan", "oang", "oanh", "oc", "oi", "om",
          "on", "ong", "ô", "ôi", "ôm", "ôn", "ông", "ơ", "ơi", "ơm", "ơn", "u", "ua", "ui",
          "um", "un", "ung", "uy", "uyên", "ư", "ưa", "ưi", "ưng", "ươi", "ương", "ưu"]
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # sắc huyền hỏi ngã nặng


def _real_syllables() -> list[str]:
    """The sample portal's syllables, most frequent first."""
    counts: Counter[str] = Counter()

    def walk(value: object) -> None:
        if isinstance(value, str):
            counts.update(w.lower() for w in re.findall(r"\w+", re.sub(r"\{[^}]*\}", "", value))
                          if not w.isdigit())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for name in dir(texts):
        if name.isupper():
            walk(getattr(texts, name))
    return [w for w, _ in counts.most_common()]


def _made_up_syllables(exclude: set[str]) -> list[str]:
    """Plausible Vietnamese syllables (onset + rhyme + tone on the rhyme's first vowel)."""
    out = []
    for onset, rhyme, tone in itertools.product(ONSETS, RHYMES, TONES):
        syllable = unicodedata.normalize("NFC", onset + rhyme[0] + tone + rhyme[1:])
        if syllable not in exclude:
            out.append(syllable)
    random.Random(3).shuffle(out)
    return out


# The most frequent syllables of Vietnamese news prose, roughly in order (function words
# and the administrative vocabulary every article uses).
COMMON = ("và của các được có là trong những với cho người năm đã không một này đến để từ "
          "theo về tại công trên nhiều hơn khi cũng đó phải ra sẽ làm tỉnh đồng dân huyện xã "
          "ban tổ chức việc kinh tế phát triển nhà nước hội chính quan").split()


def zipf_vocabulary(size: int = VOCABULARY) -> tuple[list[str], list[float]]:
    """(words by rank, cumulative Zipf weights). The common syllables take the top ranks;
    every other syllable, real or made up, a random rank below them — so a content word
    such as "xoài" is as rare as content words are."""
    rest = [w for w in _real_syllables() if w not in COMMON]
    fake = _made_up_syllables(set(rest) | set(COMMON))
    tail = rest + fake[: max(0, size - len(COMMON) - len(rest))]
    random.Random(11).shuffle(tail)
    words = (COMMON + tail)[:size]
    return words, list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))


class ZipfCorpus:
    def __init__(self) -> None:
        self.words, self.cum = zipf_vocabulary()
        self.topic_cum = list(itertools.accumulate(
            1.0 / rank for rank in range(1, len(TOPIC_PHRASES) + 1)))

    def sentence(self, rng: random.Random, n: int) -> str:
        words = rng.choices(self.words, cum_weights=self.cum, k=n)
        return " ".join(words).capitalize() + "."

    def make(self, n: int, rng: random.Random) -> Article:
        topic = rng.choices(TOPIC_PHRASES, cum_weights=self.topic_cum)[0]
        place = rng.choice(PLACES)
        paragraphs = []
        for k in range(3):
            sentences = [self.sentence(rng, rng.randint(12, 25)) for _ in range(3)]
            if k < 2:  # the topic stands in the first two paragraphs
                sentences.insert(rng.randrange(3), f"Về {topic}, {place} {self.sentence(rng, 8)}")
            paragraphs.append(" ".join(sentences))
        title = f"{place}: {topic} {self.sentence(rng, 6)[:-1].lower()}"
        return _article(n, rng, title, paragraphs, category=topic)


def _article(n: int, rng: random.Random, title: str, paragraphs: list[str],
             category: str) -> Article:
    when = datetime(2015, 1, 1, tzinfo=VN) + timedelta(minutes=rng.randrange(12 * 525_600))
    return Article(
        url=f"https://{SITES[n % 4]}.gov.vn/-/bai-{n}", site=SITES[n % 4],
        title=f"{title} ({n})", lead=paragraphs[0], body="\n\n".join(paragraphs),
        published=when.isoformat(), published_precision="minute", published_source="page",
        author=rng.choice([*AUTHORS, None]), category=category,
    )


def make_from_pools(n: int, rng: random.Random) -> Article:
    section = rng.choice(list(TOPICS))
    topic = TOPICS[section]
    place = rng.choice(PLACES)
    title = rng.choice(topic["titles"]).format(place=place, year=2015 + n % 12, n=n)
    paragraphs = [" ".join(rng.sample(topic["sentences"], 3)) for _ in range(3)]
    return _article(n, rng, title, paragraphs, category=section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--corpus", choices=["pools", "zipf"], default="pools")
    args = parser.parse_args()
    rng = random.Random(7)
    make = ZipfCorpus().make if args.corpus == "zipf" else make_from_pools
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
