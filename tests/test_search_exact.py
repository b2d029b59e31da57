"""Search that means what it says: diacritics, column filters, long queries, authors,
counts, output formats and highlights, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OLD_SEARCH_INDEX, run_cli

from pressarchive.archive import SCHEMA_VERSION, Archive
from pressarchive.archive.ftsquery import WEIGHTS, match_expression, query_mode
from pressarchive.cli.research import DOCUMENT_HIT_COLUMNS
from pressarchive.extract.model import Article

ARTICLES = [
    ("dong-thap", "Đồng Tháp đón khách du lịch", "Tỉnh Đồng Tháp đón hơn một triệu lượt khách.",
     "Văn Khương"),
    ("van-dong", "Vận động người dân thắp đèn", "Xã vận động bà con thắp sáng đường quê.",
     "HOÀNG ANH - PV"),
    ("xay-dung-dang", "Xây dựng Đảng vững mạnh", "Công tác xây dựng Đảng ở cơ sở.",
     "Thanh Hà - Ngọc Lan"),
    ("dang-vien", "Kết nạp đảng viên mới", "Huyện kết nạp 28 đảng viên.", "Minh Tâm, Trúc Ly"),
    ("tin-ngan", "Tin ngắn trong ngày", "Đạt 100% kế hoạch xây dựng nông thôn mới.", "PV"),
    ("sen-hong", "Mùa sen hồng", "Sen hồng nở rộ ở Tháp Mười, du khách thích thú.",
     "Bảo Trân và Văn Khương"),
    ("van-khuong", "Văn Khuông kể chuyện làng", "Chuyện làng quê Đồng Tháp.", "Văn Khuông"),
]


def article(slug: str, title: str, body: str, author: str | None, n: int = 0) -> Article:
    return Article(url=f"https://dongthap.gov.vn/-/{slug}", site="dongthap", title=title,
                   body=body, author=author, published=f"2024-03-{n + 1:02d}")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exact") / "archive.db"
    with Archive(path) as archive:
        archive.store_articles([article(*a, n=n) for n, a in enumerate(ARTICLES)])
    return path


def found(db: Path, query: str, *args: str) -> list[str]:
    """The slugs search finds, through the CLI."""
    result = run_cli("search", query, "--db", str(db), "--format", "json", "--limit", "100",
                     *args)
    assert result.returncode == 0, result.stderr
    return sorted(hit["url"].rsplit("/", 1)[1] for hit in json.loads(result.stdout))


def test_a_query_with_diacritics_matches_those_syllables_only(db: Path) -> None:
    assert found(db, "Đồng Tháp") == ["dong-thap", "van-khuong"]  # not "vận động … thắp"
    assert found(db, "đồng tháp") == ["dong-thap", "van-khuong"]  # case never counts
    assert found(db, '"Đồng Tháp"') == ["dong-thap", "van-khuong"]
    assert found(db, "dong thap") == ["dong-thap", "van-dong", "van-khuong"]  # every spelling


def test_exact_and_fold_override_the_guess(db: Path) -> None:
    assert found(db, "Đồng Tháp", "--fold") == ["dong-thap", "van-dong", "van-khuong"]
    assert found(db, "dong thap", "--exact") == []  # no article has "dong" without marks
    assert found(db, "100 ke hoach", "--exact") == []
    assert found(db, "100 kế hoạch", "--exact") == ["tin-ngan"]


def test_column_filters_keep_words_with_d_stroke(db: Path) -> None:
    assert found(db, "title:đảng") == ["dang-vien", "xay-dung-dang"]
    assert found(db, "title:dang") == ["dang-vien", "xay-dung-dang"]
    assert found(db, "title:Đảng AND body:vững") == []
    assert found(db, "author:khương") == ["dong-thap", "sen-hong"]


@pytest.mark.parametrize(("query", "expected"), [
    ('"sen hồng"', ["sen-hong"]),
    ("sen OR đảng", ["dang-vien", "sen-hong", "xay-dung-dang"]),
    ("xây NOT Đảng", ["tin-ngan"]),
    ("thắp*", ["van-dong"]),
    ("tha*", ["dong-thap", "sen-hong", "van-dong", "van-khuong", "xay-dung-dang"]),  # Thanh
    ("NEAR(vận thắp, 3)", ["van-dong"]),
    ("NEAR(vận thắp, 0)", []),
])
def test_phrases_or_not_prefix_and_near(db: Path, query: str, expected: list[str]) -> None:
    assert found(db, query) == expected


def test_a_query_of_many_words_is_read_and_ranked(db: Path) -> None:
    words = [f"tu{n}" for n in range(150)] + ["sen"]
    result = run_cli("search", " OR ".join(words), "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [h["title"] for h in json.loads(result.stdout)] == ["Mùa sen hồng"]
    with Archive(db) as archive:  # still pa_bm25 with every IDF, equal to SQLite's bm25
        query = " OR ".join(["sen", "hong", *words])
        hits = archive.search(query, limit=100, cap=None)
        expected = dict(archive.db.execute(
            f"SELECT rowid, bm25(articles_fts, {WEIGHTS[query_mode(query)]}) FROM articles_fts"
            " WHERE articles_fts MATCH ?", [match_expression(query, query_mode(query))]))
    assert {h["id"]: h["rank"] for h in hits} == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(("author", "expected"), [
    ("Hoàng Anh", ["van-dong"]),  # case folded
    ("hoang anh", ["van-dong"]),
    ("Van Khuong", ["dong-thap", "sen-hong", "van-khuong"]),  # marks folded
    ("Văn Khương", ["dong-thap", "sen-hong"]),  # marks typed: they count
    ("Ngọc Lan", ["xay-dung-dang"]),
    ("%", []),  # LIKE wildcards are literal
    ("_", []),
    ("PV", []),  # a role, not a person
])
def test_author_filter_folds_like_the_query(db: Path, author: str,
                                            expected: list[str]) -> None:
    query = "xây OR thắp OR sen OR Đồng OR kết OR Văn"
    assert found(db, query, "--author", author) == expected


def test_bylines_are_split_into_people_and_roles(db: Path) -> None:
    with Archive(db) as archive:
        rows = archive.db.execute(
            "SELECT a.author, p.position, p.name, p.name_folded, p.role FROM article_authors p"
            " JOIN articles a ON a.id = p.article_id ORDER BY a.id, p.position").fetchall()
        bylines = [r[0] for r in archive.db.execute("SELECT author FROM articles ORDER BY id")]
    assert bylines == [a[3] for a in ARTICLES]  # the byline as printed is kept
    people = {}
    for byline, _, name, _, role in rows:
        people.setdefault(byline, []).append((name, role))
    assert people["HOÀNG ANH - PV"] == [("HOÀNG ANH", "PV")]
    assert people["Thanh Hà - Ngọc Lan"] == [("Thanh Hà", None), ("Ngọc Lan", None)]
    assert people["Minh Tâm, Trúc Ly"] == [("Minh Tâm", None), ("Trúc Ly", None)]
    assert people["Bảo Trân và Văn Khương"] == [("Bảo Trân", None), ("Văn Khương", None)]
    assert people["PV"] == [(None, "PV")]
    assert ("Văn Khương", "Văn Khương", "van khuong") in {(b, n, f) for b, _, n, f, _ in rows}


def test_stats_count_people_not_bylines(db: Path) -> None:
    result = run_cli("stats", "--db", str(db))
    assert result.returncode == 0, result.stderr
    top = result.stdout.split("Top authors\n")[1].split("\n\n")[0].splitlines()
    counts = {line.split(None, 1)[1]: int(line.split()[0]) for line in top}
    assert counts["Văn Khương"] == 2 and counts["Ngọc Lan"] == 1 and counts["Thanh Hà"] == 1
    assert counts["Văn Khuông"] == 1  # another person
    assert "PV" not in counts and "Thanh Hà - Ngọc Lan" not in counts


def test_the_number_of_matches_is_given(db: Path, tmp_path: Path) -> None:
    result = run_cli("search", "dong thap", "--db", str(db), "--limit", "1")
    assert result.stderr.strip() == "1 result(s) (1–1) of 3 match(es)"
    big = tmp_path / "big.db"
    with Archive(big) as archive:
        archive.store_articles([article(f"xoai-{n}", "Xoài cát", "Nông dân thu hoạch xoài.",
                                        None) for n in range(2010)])
    capped = run_cli("search", "xoai", "--db", str(big), "--limit", "1")
    assert "of at least 2,000 matches (only the 2,000 most recently archived are ranked" \
        in capped.stderr
    everything = run_cli("search", "xoai", "--db", str(big), "--limit", "1", "--exhaustive")
    assert everything.stderr.strip() == "1 result(s) (1–1) of 2,010 match(es)"


def test_json_jsonl_and_csv_carry_the_same_columns(db: Path) -> None:
    def out(fmt: str) -> str:
        result = run_cli("search", "dong thap", "--db", str(db), "--format", fmt)
        assert result.returncode == 0, result.stderr
        return result.stdout

    with Archive(db) as archive:
        columns = [r[1] for r in archive.db.execute("PRAGMA table_xinfo(articles)")]
    as_json = json.loads(out("json"))
    as_jsonl = [json.loads(line) for line in out("jsonl").splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(out("csv"))))
    assert list(as_json[0]) == list(as_jsonl[0]) == list(as_csv[0]) == [
        *columns, "rank", "snippet", *DOCUMENT_HIT_COLUMNS]
    assert as_json == as_jsonl and len(as_csv) == len(as_json) == 3
    assert [h["rank"] for h in as_json] == sorted(h["rank"] for h in as_json)
    assert as_csv[0]["body"] == as_json[0]["body"] and "[Đồng] [Tháp]" in as_json[0]["snippet"]
    empty = run_cli("search", "khongco", "--db", str(db), "--format", "csv")
    assert empty.stdout.splitlines() == [",".join([*columns, "rank", "snippet",
                                                    *DOCUMENT_HIT_COLUMNS])]
    own = run_cli("search", "dong thap", "--db", str(db), "--format", "csv", "--in", "articles")
    assert own.stdout.splitlines()[0] == ",".join([*columns, "rank", "snippet"])


def test_a_terminal_gets_bold_highlights_a_pipe_brackets(db: Path) -> None:
    piped = run_cli("search", "sen hong", "--db", str(db))
    assert "[Sen] [hồng]" in piped.stdout and "\x1b[" not in piped.stdout
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "PRESSARCHIVE_DB"}
    process = subprocess.run([sys.executable, "-m", "pressarchive.cli", "search", "sen hong",
                              "--db", str(db)], stdout=follower, stderr=subprocess.PIPE,
                             env=env, timeout=60)
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 4096):
            shown += chunk
    except OSError:
        pass  # the terminal closed: everything was read
    os.close(leader)
    assert process.returncode == 0
    assert "\x1b[1mSen\x1b[0m \x1b[1mhồng\x1b[0m" in shown.decode()


def test_search_help_documents_the_syntax_with_an_example() -> None:
    result = run_cli("search", "--help")
    for line in ['"sen hồng"', "xoài OR sen", "nông NOT dân", "chuy*", "NEAR(sen hồng, 5)",
                 "title:đảng", "bm25", "lower is more relevant", "at least N", "--exact",
                 "--fold"]:
        assert line in result.stdout, line
    assert ("Example:\n    pressarchive search \"Đồng Tháp\" --since 2023-01-01 --author"
            " \"Văn Khương\"\n") in result.stdout


def test_a_v5_archive_is_upgraded_with_both_indexes_and_the_author_table(
        db: Path, tmp_path: Path) -> None:
    old = tmp_path / "v5.db"
    conn = sqlite3.connect(db)
    conn.execute(f"VACUUM INTO '{old}'")
    conn.close()
    conn = sqlite3.connect(old)
    conn.executescript(OLD_SEARCH_INDEX + "PRAGMA user_version = 5;")
    conn.close()
    refused = run_cli("search", "Đồng Tháp", "--db", str(old))
    assert refused.returncode == 3 and "older" in refused.stderr  # readers never migrate
    with Archive(old) as archive:  # a writer (crawl, optimize) upgrades
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert found(old, "Đồng Tháp") == ["dong-thap", "van-khuong"]
    assert found(old, "title:đảng") == ["dang-vien", "xay-dung-dang"]
    assert found(old, "xây OR sen", "--author", "Ngọc Lan") == ["xay-dung-dang"]


def test_datasette_authors_by_volume_counts_people(db: Path) -> None:
    """The canned query a researcher opens in Datasette counts people, as `stats` does."""
    import asyncio

    from datasette.app import Datasette

    from pressarchive.serve import metadata

    async def fetch() -> list[dict]:
        ds = Datasette([str(db)], metadata=metadata(db.stem))
        page = await ds.client.get(f"/{db.stem}/authors_by_volume.json?site=&since=&until="
                                   "&_shape=objects")
        assert page.status_code == 200, page.text
        return page.json()["rows"]

    counts = {row["author"]: row["articles"] for row in asyncio.run(fetch())}
    assert counts["Văn Khương"] == 2 and counts["Thanh Hà"] == 1 and counts["HOÀNG ANH"] == 1
    assert "PV" not in counts and "Thanh Hà - Ngọc Lan" not in counts


def test_datasette_article_authors_facet_counts_people(db: Path) -> None:
    """The article_authors table's name facet: one count a person, not a byline."""
    import asyncio

    from datasette.app import Datasette

    from pressarchive.serve import metadata

    async def fetch() -> dict:
        ds = Datasette([str(db)], metadata=metadata(db.stem))
        page = await ds.client.get(f"/{db.stem}/article_authors.json?_extra=facet_results")
        assert page.status_code == 200, page.text
        return page.json()

    data = asyncio.run(fetch())
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    counts = {row["value"]: row["count"] for row in facets["name"]["results"]}
    assert counts["Văn Khương"] == 2 and counts["Ngọc Lan"] == 1
    assert "Thanh Hà - Ngọc Lan" not in counts and "PV" not in counts
