"""The SQLite archive: upserts, revisions, runs, fetch errors, FTS, atomic batches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pressarchive.archive import Archive, ArchiveError, Filters, SearchError
from pressarchive.extract.model import Article, Attachment, Image
from pressarchive.items import FetchFailure


def make_article(n: int = 1, **changes: object) -> Article:
    fields: dict[str, object] = dict(
        url=f"https://dongthap.gov.vn/-/bai-{n}",
        site="dongthap",
        title=f"Quyết tâm mới, phương thức lãnh đạo mới số {n}",
        lead="Đồng Tháp đẩy mạnh chuyển đổi số.",
        body="Đồng Tháp đẩy mạnh chuyển đổi số.\n\nCác cấp ủy quan tâm công tác giáo dục.",
        published="2023-02-01T08:15:00+07:00",
        published_precision="minute",
        author="Văn Khương",
        images=[Image("https://dongthap.gov.vn/documents/a.jpg", "Bí thư Tỉnh ủy phát biểu")],
        attachments=[Attachment("https://dongthap.gov.vn/documents/kh.pdf", "Kế hoạch số 15")],
    )
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "archive.db") as arc:
        yield arc


def test_schema_tables_and_wal(archive: Archive) -> None:
    names = set(archive.db.table_names())
    assert {"articles", "revisions", "images", "attachments", "runs", "fetch_errors", "sites",
            "articles_fts"} <= names
    assert archive.db.journal_mode == "wal"


def test_recrawl_unchanged_only_moves_last_seen(archive: Archive) -> None:
    run1 = archive.start_run("dongthap")
    assert archive.store_articles([make_article()], run1).new == 1
    first = archive.article(make_article().url)
    run2 = archive.start_run("dongthap")
    counts = archive.store_articles([make_article()], run2)
    assert (counts.new, counts.changed, counts.unchanged) == (0, 0, 1)
    again = archive.article(make_article().url)
    assert archive.count("articles") == 1 and archive.count("revisions") == 0
    assert archive.count("images") == 1 and archive.count("attachments") == 1
    differing = {k for k in first if first[k] != again[k]}
    assert differing <= {"last_seen", "run_id"}


def test_changed_article_keeps_previous_version(archive: Archive) -> None:
    archive.store_articles([make_article()])
    edited = make_article(body="Đồng Tháp đẩy mạnh chuyển đổi số.\n\nĐoạn văn đã sửa.",
                          images=[Image("https://dongthap.gov.vn/documents/b.jpg", "Ảnh mới")])
    counts = archive.store_articles([edited])
    assert counts.changed == 1
    row = archive.article(edited.url)
    assert row["body"].endswith("Đoạn văn đã sửa.")
    assert [i["url"] for i in row["images"]] == ["https://dongthap.gov.vn/documents/b.jpg"]
    revisions = archive.revisions(edited.url)
    assert len(revisions) == 1
    assert revisions[0]["body"].endswith("công tác giáo dục.")
    assert "a.jpg" in revisions[0]["images"]


def test_search_with_and_without_diacritics_and_d_stroke(archive: Archive) -> None:
    archive.store_articles([make_article(1), make_article(2, title="Mùa xoài Cao Lãnh",
                                                          lead="Nông dân thu hoạch xoài.",
                                                          body="Nông dân thu hoạch xoài.")])
    for query in ("quyet tam moi", "Quyết tâm mới", "dong thap", "Đồng Tháp", "chuyen doi so"):
        hits = archive.search(query)
        assert [h["url"] for h in hits] == [make_article(1).url], query
    hit = archive.search("dong thap")[0]
    assert "[Đồng]" in hit["snippet"] and "[Tháp]" in hit["snippet"]
    assert archive.search("xoai", Filters(author="Khương"))[0]["title"] == "Mùa xoài Cao Lãnh"
    assert archive.search("xoai", Filters(since="2024-01-01")) == []


@pytest.mark.parametrize("query", ['"quyết tâm', "*", "NEAR(", "AND", "tâm)"])
def test_bad_fts_query_is_a_clear_error(archive: Archive, query: str) -> None:
    archive.store_articles([make_article()])
    with pytest.raises(SearchError, match="cannot read the query"):
        archive.search(query)


def test_batch_is_atomic(archive: Archive) -> None:
    broken = make_article(2)
    broken.title = None  # type: ignore[assignment]  # violates NOT NULL mid-batch
    with pytest.raises(sqlite3.IntegrityError):
        archive.store_articles([make_article(1), broken])
    assert archive.count("articles") == 0
    assert archive.count("images") == 0
    assert archive.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 0


def test_runs_and_fetch_errors(archive: Archive) -> None:
    run = archive.start_run("dongthap", {"since": "2023-01-01"})
    archive.record_failures([FetchFailure("https://dongthap.gov.vn/x", "HTTP 500", 500,
                                          "dongthap")], run)
    assert archive.pending_failures("dongthap") == [("https://dongthap.gov.vn/x", None)]
    archive.resolve_failures(["https://dongthap.gov.vn/x"], run)
    assert archive.pending_failures("dongthap") == []
    from pressarchive.archive import RunCounts
    archive.finish_run(run, RunCounts(pages=3, new=2, failed=1), "partial")
    row = archive.run(run)
    assert (row["outcome"], row["pages"], row["new"], row["failed"]) == ("partial", 3, 2, 1)
    assert row["ended"].endswith("+07:00")


def test_locked_archive_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    Archive(path).close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Archive(path, timeout=0.2) as arc, pytest.raises(ArchiveError, match="locked"):
            arc.store_articles([make_article()])
    finally:
        holder.rollback()
        holder.close()


def test_not_an_archive_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError, match="cannot open archive"):
        Archive(path)
