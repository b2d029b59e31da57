"""Search filters pushed into the FTS index, the ranking cap, and the v2 → v3 upgrade."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pressarchive.archive import Archive, Filters, period_tokens
from pressarchive.extract.model import Article

VN = timezone(timedelta(hours=7))
SITES = ["dongthap", "vinh-long", "cantho"]
AUTHORS = ["Văn Khương", "Minh Tâm", "Thanh Hà - Ngọc Lan", "Đăng Khoa", None]
WORDS = ("chuyển đổi số nông dân thu hoạch xoài sen hồng đảng viên Đồng Tháp lúa gạo "
         "giao thông cầu đường trường học bệnh viện du lịch mùa nước nổi").split()


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(5)
    path = tmp_path_factory.mktemp("search") / "archive.db"
    articles = []
    for n in range(600):
        when = datetime(2019, 1, 1, tzinfo=VN) + timedelta(days=rng.randrange(8 * 365))
        body = "\n\n".join(" ".join(rng.choices(WORDS, k=30)) for _ in range(3))
        articles.append(Article(
            url=f"https://example.gov.vn/-/bai-{n}", site=SITES[n % 3],
            title=" ".join(rng.choices(WORDS, k=6)), lead=body.split("\n\n")[0], body=body,
            published=when.isoformat() if n % 17 else None, author=rng.choice(AUTHORS)))
    with Archive(path) as archive:
        archive.store_articles(articles)
    return path


def reference(archive: Archive, query: str, filters: Filters) -> list[int]:
    """Every match with the exact filters, no index tricks (what search must agree with)."""
    where, params = filters.sql("a")
    return [r[0] for r in archive.db.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        f" WHERE articles_fts MATCH ? {where}", [query, *params])]


CASES = [
    ("xoai", Filters(site="dongthap")),
    ("xoai", Filters(site="vinh-long", since="2021-03-15")),
    ("chuyen doi so", Filters(since="2020-02-10", until="2023-11-05")),
    ("lua gao", Filters(until="2019-06-30")),
    ('"dang vien"', Filters(author="Minh Tâm")),
    ("dong thap", Filters(author="Khương", site="cantho", since="2022-01-01")),
    ("cau duong", Filters(since="2024-05-01", until="2024-05-31")),
]


@pytest.mark.parametrize(("query", "filters"), CASES)
def test_pushed_down_filters_find_exactly_the_filtered_matches(
        archive_db: Path, query: str, filters: Filters) -> None:
    with Archive(archive_db) as archive:
        expected = reference(archive, query, filters)
        hits = archive.search(query, filters, limit=1000, cap=None)
        unfiltered = archive.search(query, None, limit=1000, cap=None)
    assert expected, "the case should match something"
    assert sorted(h["id"] for h in hits) == sorted(expected)
    assert len(unfiltered) > len(hits)  # the filter did filter
    ranks = [h["rank"] for h in hits]
    assert ranks == sorted(ranks)  # bm25 order (lower is better)


def test_cap_ranks_the_most_recently_archived_matches(archive_db: Path) -> None:
    with Archive(archive_db) as archive:
        everything = reference(archive, "xoai", Filters())
        capped = archive.search("xoai", None, limit=1000, cap=50)
        full = archive.search("xoai", None, limit=1000, cap=None)
    assert len(everything) > 50 and len(full) == len(everything)
    assert sorted(h["id"] for h in capped) == sorted(everything)[-50:]
    assert capped[0]["rank"] <= capped[-1]["rank"]


def test_period_tokens_cover_whole_years_and_partial_months() -> None:
    assert period_tokens("2021-03-15", "2023-02-01") == [
        *(f"m2021{m:02d}" for m in range(3, 13)), "y2022", "m202301", "m202302"]
    assert period_tokens("2024-01-01", "2024-12-31") == ["y2024"]
    assert period_tokens("2024-05-01", "2024-05-31") == ["m202405"]
    assert period_tokens("2025-01-01", "2024-01-01") == []


def test_a_v2_archive_is_upgraded_and_searchable_by_site(archive_db: Path,
                                                         tmp_path: Path) -> None:
    old = tmp_path / "v2.db"
    conn = sqlite3.connect(archive_db)
    conn.execute(f"VACUUM INTO '{old}'")
    conn.close()
    conn = sqlite3.connect(old)  # the v2 index: no facets column
    conn.executescript("""
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, lead, body, author, folded,
            tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO articles_fts (rowid, title, lead, body, author, folded)
            SELECT id, title, lead, body, author, title FROM articles;
        PRAGMA user_version = 2;
    """)
    conn.close()
    with Archive(old) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == 3
        hits = archive.search("xoai", Filters(site="cantho"), limit=1000)
        expected = reference(archive, "xoai", Filters(site="cantho"))
    assert hits and sorted(h["id"] for h in hits) == sorted(expected)


def test_csv_export_round_trips_awkward_text(tmp_path: Path) -> None:
    import csv

    from pressarchive.export import COLUMNS, write_csv

    awkward = ['Ông "Ba" nói: a, b', "dòng một\r\ndòng hai\n\nđoạn ba", "", None, "x" * 70_000]
    rows = []
    for n, text in enumerate(awkward):
        row = [None] * len(COLUMNS)
        row[0], row[COLUMNS.index("title")], row[COLUMNS.index("word_count")] = n, text, n * 7
        rows.append(tuple(row))
    path = tmp_path / "out.csv"
    assert write_csv(rows, path, bom=True) == len(rows)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert [r["title"] for r in back] == [t or "" for t in awkward]
    assert [r["word_count"] for r in back] == [str(n * 7) for n in range(len(awkward))]
    assert list(back[0]) == COLUMNS
