"""Search filters pushed into the FTS index, the ranking cap, and the v2 → v3 upgrade."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pressarchive.archive import SCHEMA_VERSION, Archive, Filters, period_tokens
from pressarchive.archive.ftsquery import WEIGHTS, match_expression, query_mode
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
    old = copy_archive(archive_db, tmp_path, "v2.db")
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
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        hits = archive.search("xoai", Filters(site="cantho"), limit=1000)
        expected = reference(archive, "xoai", Filters(site="cantho"))
    assert hits and sorted(h["id"] for h in hits) == sorted(expected)


def test_csv_export_round_trips_awkward_text(tmp_path: Path) -> None:
    import csv

    from pressarchive.export import COLUMNS, SOURCE_COLUMNS, write_csv

    awkward = ['Ông "Ba" nói: a, b', "dòng một\r\ndòng hai\n\nđoạn ba", "", None, "x" * 70_000]
    rows = []
    for n, text in enumerate(awkward):  # archive rows, as the export reads them
        row = [None] * len(SOURCE_COLUMNS)
        row[0], row[SOURCE_COLUMNS.index("title")] = n, text
        row[SOURCE_COLUMNS.index("word_count")] = n * 7
        rows.append(tuple(row))
    path = tmp_path / "out.csv"
    assert write_csv(rows, path, bom=True) == len(rows)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert [r["title"] for r in back] == [t or "" for t in awkward]
    assert [r["word_count"] for r in back] == [str(n * 7) for n in range(len(awkward))]
    assert list(back[0]) == COLUMNS


@pytest.mark.parametrize(("query", "filters"), CASES)
def test_a_page_of_results_is_the_same_slice_of_the_whole_ranking(
        archive_db: Path, query: str, filters: Filters) -> None:
    with Archive(archive_db) as archive:
        whole = [h["id"] for h in archive.search(query, filters, limit=1000)]
        page = [h["id"] for h in archive.search(query, filters, limit=5, offset=3)]
    assert page == whole[3:8]


def bm25_reference(archive: Archive, query: str) -> dict[int, float]:
    """SQLite's own bm25 (every phrase's frequency counted on the spot), on the
    expression search gives FTS5 (the words in the query's columns)."""
    match = match_expression(query, query_mode(query))
    return dict(archive.db.execute(
        f"SELECT rowid, bm25(articles_fts, {WEIGHTS[query_mode(query)]}) FROM articles_fts"
        " WHERE articles_fts MATCH ?", [match]).fetchall())


@pytest.mark.parametrize("query", ["xoai", "chuyen doi so", '"dang vien" OR lua',
                                   "nong dan NOT sen", "giao thong cau duong"])
def test_ranking_with_cached_frequencies_equals_sqlite_bm25(
        archive_db: Path, tmp_path: Path, query: str) -> None:
    path = copy_archive(archive_db, tmp_path)
    with Archive(path) as archive:
        expected = bm25_reference(archive, query)
        for _ in range(2):  # counted the first time, from search_terms the second
            hits = archive.search(query, limit=1000, cap=None)
            assert {h["id"]: h["rank"] for h in hits} == pytest.approx(expected, rel=1e-9)
    assert [h["rank"] for h in hits] == sorted(h["rank"] for h in hits)


def test_denser_matches_rank_first(tmp_path: Path) -> None:
    filler = "người dân trong tỉnh tham gia đông đủ các hoạt động của địa phương"
    with Archive(tmp_path / "a.db") as archive:
        archive.store_articles([
            Article(url=f"https://example.gov.vn/-/bai-{n}", site="dongthap", title=f"Tin {n}",
                    body=" ".join([filler] * 3 + ["sen hồng"] * n + [filler] * (3 - n)))
            for n in (1, 3, 2)])
        hits = archive.search("sen hong")
    assert [h["title"] for h in hits] == ["Tin 3", "Tin 2", "Tin 1"]


def copy_archive(source: Path, tmp_path: Path, name: str = "copy.db") -> Path:
    copy = tmp_path / name
    conn = sqlite3.connect(source)
    conn.execute(f"VACUUM INTO '{copy}'")
    conn.close()
    return copy


def cached(archive: Archive, phrase: str) -> tuple[int, int] | None:
    row = archive.db.execute("SELECT docs, rows FROM search_terms WHERE phrase = ?",
                             [phrase]).fetchone()
    return tuple(row) if row else None


def more_articles(count: int, start: int) -> list[Article]:
    return [Article(url=f"https://example.gov.vn/-/moi-{n}", site="cantho", title="Xoài",
                    body="Nông dân thu hoạch xoài.") for n in range(start, start + count)]


def test_phrase_frequencies_are_counted_once_and_again_when_the_archive_grows(
        archive_db: Path, tmp_path: Path) -> None:
    path = copy_archive(archive_db, tmp_path)
    with Archive(path) as archive:
        xoai = len(reference(archive, "xoai", Filters()))
        archive.search('xoai "dang vien"')
        assert cached(archive, "xoai") == (xoai, 600)
        assert cached(archive, "dang vien") == (len(reference(archive, '"dang vien"',
                                                              Filters())), 600)
        archive.store_articles(more_articles(30, 0))  # +5 %: the count is close enough
        archive.search("xoai")
        assert cached(archive, "xoai") == (xoai, 600)
        archive.store_articles(more_articles(40, 30))  # +11.7 %: counted again
        archive.search("xoai")
        assert cached(archive, "xoai") == (xoai + 70, 670)


def test_search_answers_while_a_writer_holds_the_lock(archive_db: Path,
                                                      tmp_path: Path) -> None:
    path = copy_archive(archive_db, tmp_path)
    with Archive(path) as archive:
        expected = bm25_reference(archive, "truong hoc")
        writer = sqlite3.connect(path)
        writer.execute("BEGIN IMMEDIATE")  # a crawl in the middle of a batch
        try:
            hits = archive.search("truong hoc", limit=1000, cap=None)
        finally:
            writer.rollback()
            writer.close()
        assert {h["id"]: h["rank"] for h in hits} == pytest.approx(expected, rel=1e-9)
        assert cached(archive, "truong") is None  # could not be kept: counted again next time
        archive.search("truong hoc")
        assert cached(archive, "truong") is not None


def test_optimize_merges_the_index_counts_common_words_and_renews_drifted_phrases(
        tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        for n in range(40):  # one small batch a crawl: one new index segment each
            archive.store_articles(more_articles(1, n))
        archive.search("xoai")
        before = archive.search("nong dan", limit=100)
        assert archive.index_segments() > 1
        archive.search('"thu hoach"')
        for n in range(40, 50):
            archive.store_articles(more_articles(1, n))
        archive.store_articles([Article(url="https://example.gov.vn/-/hiem", site="cantho",
                                        title="Hiếm", body="Một từ hiếm.")])
        done = archive.optimize()
        assert done["segments_after"] == archive.index_segments() <= 2
        assert done["segments_before"] > 3
        # Every word is in at least 0.1 % of 51 articles: all counted from the vocabulary;
        # the one phrase searched for, counted at 40 articles, is counted again.
        assert done["common_words"] >= 8 and done["phrases_recounted"] == 1
        assert cached(archive, "xoai") == cached(archive, "dan") == (50, 51)
        assert cached(archive, "hiem") == (1, 51)
        assert cached(archive, "thu hoach") == (50, 51)
        assert {h["id"] for h in archive.search("nong dan", limit=100)} >= \
            {h["id"] for h in before}


PHRASE_QUERIES = {
    "xoai": [["xoai"]],
    "chuyen doi so": [["chuyen"], ["doi"], ["so"]],
    '"dang vien" OR lua': [["dang", "vien"], ["lua"]],
    "nong dan NOT zzz": [["nong"], ["dan"], ["zzz"]],
    "title : xoai": [["xoai"]],
    '{title body} : "sen hong"': [["sen", "hong"]],
    "- body : xoai": [["xoai"]],
    "NEAR(nong dan, 5)": [["nong"], ["dan"]],
    'NEAR("thu hoach" a)': [["thu", "hoach"], ["a"]],
    "xoa* AND ^mua": [["xoa"], ["mua"]],
    "a + b c": [["a", "b"], ["c"]],
    '"Quyết Tâm mới"': [["quyết", "tâm", "mới"]],  # the tokenizer keeps marks
    "sen_hong": [["sen", "hong"]],
    '"dong ""thap"""': [["dong", "thap"]],
    "(xoai OR lua) AND gao": [["xoai"], ["lua"], ["gao"]],
    "and or": [["and"], ["or"]],
    'xoai "…"': [["xoai"]],  # FTS5 drops a phrase without words
}


@pytest.mark.parametrize("query", list(PHRASE_QUERIES))
def test_query_phrases_are_read_as_fts5_reads_them(query: str) -> None:
    from pressarchive import ranking

    assert ranking.query_phrases(query) == PHRASE_QUERIES[query]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, body,"
                 " tokenize = 'unicode61 remove_diacritics 0')")
    conn.execute("INSERT INTO t VALUES ('mua xoai', 'chuyen doi so dang vien lua nong dan"
                 " sen hong thu hoach a b c quyết tâm mới dong thap gao and or')")
    info = conn.execute("SELECT pa_phrases(t) FROM t WHERE t MATCH ?", [query]).fetchone()
    assert info is not None, "the test row should match"
    assert ranking.parse_phrase_info(info[0])[1] == [len(p) for p in PHRASE_QUERIES[query]]


def test_the_fast_ranking_function_is_built() -> None:
    """pa_bm25 must be in CI's build: without it search still works, but slowly."""
    from pressarchive import ranking

    assert ranking.AVAILABLE


def test_without_pa_bm25_search_ranks_with_sqlite_bm25(
        archive_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pressarchive import ranking

    monkeypatch.setattr(ranking, "AVAILABLE", False)
    with Archive(archive_db) as archive:
        hits = archive.search("chuyen doi so", limit=1000, cap=None)
        expected = bm25_reference(archive, "chuyen doi so")
    assert {h["id"]: h["rank"] for h in hits} == pytest.approx(expected, rel=1e-9)


def test_a_query_split_unlike_fts5_is_ranked_by_sqlite_bm25(
        archive_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """IDFs go to phrases by position: if the split disagrees with FTS5's, none are passed."""
    from pressarchive import ranking

    monkeypatch.setattr(ranking, "query_phrases", lambda query: [["xoai"]])
    with Archive(archive_db) as archive:
        hits = archive.search("chuyen doi so", limit=1000, cap=None)
        expected = bm25_reference(archive, "chuyen doi so")
    assert {h["id"]: h["rank"] for h in hits} == pytest.approx(expected, rel=1e-9)


@pytest.mark.slow
def test_optimize_after_every_batch_for_years_keeps_the_index_readable(
        tmp_path: Path) -> None:
    """FTS5's own 'optimize' breaks the index after ~1,200 runs with rows added between
    them (SQLite 3.40: "database disk image is malformed"); a daily optimize must not."""
    with Archive(tmp_path / "a.db") as archive:
        for day in range(1300):
            archive.store_articles([
                Article(url=f"https://example.gov.vn/-/ngay-{day}-{n}", site="cantho",
                        title="Tin trong ngày", body=f"Nông dân thu hoạch xoài, số {day}.")
                for n in range(3)])
            archive.optimize()
        assert archive.index_segments() <= 8
        assert len(archive.search("xoai", limit=5000, cap=None)) == 3900
        # FTS5's own check: raises sqlite3.DatabaseError on a damaged index.
        archive.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


def test_optimize_on_a_locked_archive_is_a_clear_error(tmp_path: Path) -> None:
    from pressarchive.archive import ArchiveError

    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.store_articles(more_articles(3, 0))
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")  # a crawl in the middle of a batch
    try:
        with Archive(path, timeout=0.2) as archive, pytest.raises(ArchiveError, match="locked"):
            archive.optimize()
    finally:
        writer.rollback()
        writer.close()
    with Archive(path) as archive:
        assert len(archive.search("xoai")) == 3
