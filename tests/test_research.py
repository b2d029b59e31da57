"""The research interface: search, export, stats (Datasette: test_datasette.py)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from pressarchive.archive import Archive
from pressarchive.extract import extract_article
from pressarchive.profiles import load_profile
from pressarchive.sampleportal import REFERENCE_TITLE, build_portal

BASE = "https://dongthap.gov.vn"


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal's 36 articles, extracted and stored (no crawl needed here)."""
    portal = build_portal()
    profile = load_profile("dongthap")
    path = tmp_path_factory.mktemp("research") / "archive.db"
    articles = []
    for spec in portal.articles:
        _, _, body = portal.render(spec.path, "", BASE)
        article = extract_article(body, BASE + spec.path, profile=profile, category=spec.section)
        article.site = "dongthap"
        articles.append(article)
    with Archive(path) as archive:
        archive.store_articles(articles)
    return path


@pytest.mark.parametrize("query", ["quyet tam moi", "Quyết tâm mới", "QUYẾT TÂM MỚI",
                                   '"phuong thuc lanh dao moi"', "le quoc phong"])
def test_search_finds_reference_with_or_without_diacritics(archive_db: Path, query: str) -> None:
    result = run_cli("search", query, "--db", str(archive_db), "--format", "json")
    assert result.returncode == 0, result.stderr
    titles = [hit["title"] for hit in json.loads(result.stdout)]
    assert REFERENCE_TITLE in titles[:3]


def test_search_d_stroke_and_snippet_highlight(archive_db: Path) -> None:
    result = run_cli("search", '"dang vien"', "--db", str(archive_db), "--limit", "50")
    assert result.returncode == 0 and result.stdout
    with_d = run_cli("search", '"Đảng viên"', "--db", str(archive_db), "--limit", "50")
    assert with_d.stdout == result.stdout and "[đảng viên]" in result.stdout


def test_search_filters_and_paging(archive_db: Path) -> None:
    def hits(*args: str) -> list[dict]:
        out = run_cli("search", "tinh", "--db", str(archive_db), "--format", "json", *args)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    everything = hits("--limit", "100")
    assert len(everything) > 10
    assert all(h["published"][:10] >= "2024-01-01" for h in hits("--since", "2024-01-01"))
    assert all(h["published"][:10] <= "2022-12-31" for h in hits("--until", "2022-12-31"))
    assert {h["author"] for h in hits("--author", "Minh Tâm", "--limit", "100")} == {"Minh Tâm"}
    assert hits("--site", "dongthap", "--limit", "100") == everything
    page2 = hits("--limit", "5", "--offset", "5")
    assert [h["url"] for h in page2] == [h["url"] for h in everything[5:10]]
    rows = list(csv.DictReader(run_cli("search", "tinh", "--db", str(archive_db), "--format",
                                       "csv").stdout.splitlines()))
    assert rows and {"title", "url", "snippet", "published"} <= set(rows[0])


@pytest.mark.parametrize("query", ['"quyết tâm', "*", "NEAR(", "AND", "tâm)", "a:b"])
def test_bad_query_is_one_line_no_traceback(archive_db: Path, query: str) -> None:
    result = run_cli("search", query, "--db", str(archive_db))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: cannot read the query")
    assert len(result.stderr.strip().splitlines()) == 1


def test_optimize_command(archive_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(archive_db, db)
    before = run_cli("search", "quyet tam moi", "--db", str(db), "--format", "json")
    done = run_cli("optimize", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "36 articles" in done.stdout and "common word(s) counted" in done.stdout
    with Archive(db) as archive:
        assert archive.db.execute("SELECT docs FROM search_terms WHERE phrase = 'moi'"
                                  ).fetchone()[0] >= 1
    after = run_cli("search", "quyet tam moi", "--db", str(db), "--format", "json")
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_export_csv_jsonl_parquet(archive_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert run_cli("export", "--format", "csv", "--bom", "-o", str(out), "--db",
                   str(archive_db)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert len(rows) == 36
    ref = next(r for r in rows if r["title"] == REFERENCE_TITLE)
    assert ref["author"] == "Văn Khương" and ref["body"].count("\n\n") == 5

    out = tmp_path / "a.jsonl"
    assert run_cli("export", "--format", "jsonl", "-o", str(out), "--db", str(archive_db),
                   "--since", "2024-01-01").returncode == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records and all(r["published_date"] >= "2024-01-01" for r in records)

    import pyarrow.parquet as pq

    out = tmp_path / "a.parquet"
    assert run_cli("export", "--format", "parquet", "-o", str(out), "--db", str(archive_db),
                   "--query", "quyet tam moi").returncode == 0
    table = pq.read_table(out)
    assert REFERENCE_TITLE in table.column("title").to_pylist()

    bad = run_cli("export", "--format", "csv", "-o", str(tmp_path / "b.csv"), "--db",
                  str(archive_db), "--query", '"unbalanced')
    assert bad.returncode == 2 and "cannot read the query" in bad.stderr
    assert not (tmp_path / "b.csv").exists()


def test_stats_and_plot(archive_db: Path, tmp_path: Path) -> None:
    plot = tmp_path / "months.png"
    result = run_cli("stats", "--db", str(archive_db), "--plot", str(plot))
    assert result.returncode == 0, result.stderr
    assert "2023-02" in result.stdout and "Văn Khương" in result.stdout
    assert "dongthap" in result.stdout and "100%" in result.stdout
    data = plot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


# Datasette in real Chromium: tests/test_datasette.py.
