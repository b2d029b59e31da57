"""The accuracy harness (``pressarchive eval``) and the labelled set in tests/labelled."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressarchive.cli import main
from pressarchive.evaluate import (
    EvalError,
    Report,
    evaluate,
    format_table,
    load_labels,
    same_published,
    same_text,
    token_scores,
    tokens,
)

LABELLED = Path(__file__).parent / "labelled"
MARKUPS = {"liferay", "aspnet", "wordpress", "bare"}
COLUMNS = ["system", "group", "pages", "fail", "title", "published", "author", "body P",
           "body R", "body F1", "ms/page"]


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(LABELLED, baseline="trafilatura", mode="both")


def _misses(report: Report, system: str, field: str, site: str | None = None) -> list[str]:
    return [f"{s.page}: got {m.got!r}" for s in report.pages if s.system == system
            and (site is None or s.site == site) for m in s.misses if m.field == field]


# -- the labelled set -------------------------------------------------------------------


def test_labelled_set_covers_the_families_and_hard_cases() -> None:
    labels = load_labels(LABELLED)
    assert len(labels) >= 40
    by_markup = {m: [lab for lab in labels if lab.markup == m] for m in MARKUPS}
    assert all(len(pages) >= 6 for pages in by_markup.values()), {
        m: len(p) for m, p in by_markup.items()}
    assert {lab.markup for lab in labels} == MARKUPS
    assert all(lab.site == "dongthap" for lab in by_markup["liferay"])
    assert all(lab.site is None for m in ("aspnet", "wordpress", "bare") for lab in by_markup[m])
    for lab in labels:
        assert unicodedata.is_normalized("NFC", lab.title + lab.body), lab.name
        assert lab.published is None or lab.published_precision in ("day", "minute", "second")
    assert sum(lab.author is None for lab in labels) >= 8  # no author / a source only
    assert {"day", "minute", "second"} <= {lab.published_precision for lab in labels}
    assert any(len(lab.body.split()) > 1500 for lab in labels)  # a very long article
    assert any(len(lab.body.split("\n\n")) == 3 for lab in labels if "thong_bao" in lab.name)


def test_encoding_cases_are_stored_as_served() -> None:
    labels = {lab.name: lab for lab in load_labels(LABELLED)}
    cp1258 = next(lab for lab in labels.values() if lab.charset == "windows-1258")
    raw = cp1258.html_path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert cp1258.title in unicodedata.normalize("NFC", raw.decode("cp1258"))
    nfd = next(lab for lab in labels.values() if "nfd" in lab.name)
    text = nfd.html_path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFD", nfd.title) in text and nfd.title not in text
    wrong_header = [lab for lab in labels.values()
                    if lab.charset and lab.charset != "windows-1258"]
    assert wrong_header and wrong_header[0].html_path.read_bytes().decode("utf-8")


def test_chrome_is_on_the_pages_but_never_in_the_labels() -> None:
    for lab in load_labels(LABELLED):
        html = unicodedata.normalize("NFC", lab.html_path.read_bytes().decode("utf-8", "replace"))
        if lab.charset != "windows-1258":
            assert "Tin xem nhiều" in html and "Ý kiến" in html, lab.name
        for chrome in ("Tin xem nhiều", "Ý kiến của bạn", "Banner", "Chia sẻ"):
            assert chrome not in lab.body, (lab.name, chrome)


# -- scoring rules ----------------------------------------------------------------------


def test_published_is_compared_at_the_labelled_precision() -> None:
    assert same_published("2023-02-01T08:15:00+07:00", "minute", "2023-02-01T08:15:42+07:00")
    assert same_published("2023-02-01T08:15:00+07:00", "minute", "2023-02-01T01:15:00+00:00")
    assert same_published("2023-02-01", "day", "2023-02-01T23:59:00+07:00")
    assert not same_published("2023-02-01T08:15:00+07:00", "minute", "2023-02-01")
    assert not same_published("2023-02-01T08:15:30+07:00", "second", "2023-02-01T08:15:00+07:00")
    assert not same_published("2023-02-01", "day", "2023-01-31")
    assert same_published(None, None, None) and not same_published(None, None, "2023-02-01")
    assert not same_published("2023-02-01", "day", "not a date")


def test_text_and_token_scores() -> None:
    assert same_text(None, None) and same_text(None, "") and not same_text("Văn Khương", None)
    assert same_text("Văn  Khương", " Văn Khương ")
    assert not same_text("Văn Khương", unicodedata.normalize("NFD", "Văn Khương"))
    assert tokens("a | b - c\u0301") == ["a", "b", "ć"]
    assert token_scores("một hai ba bốn", "một hai ba bốn") == (1.0, 1.0, 1.0)
    p, r, f1 = token_scores("một hai ba bốn", "một hai năm")
    assert (p, r) == (2 / 3, 2 / 4) and f1 == pytest.approx(2 * p * r / (p + r))
    assert token_scores("một hai", None) == (0.0, 0.0, 0.0)


def test_a_wrong_label_lowers_the_score(tmp_path: Path, report: Report) -> None:
    good = [s.page for s in report.pages if s.system == "pressarchive/profile"
            and s.title and s.published and s.author and s.body_f1 > 0.5][:3]
    assert len(good) == 3, "need three pages the extractor gets right"
    for name in good:
        for suffix in (".html", ".json"):
            shutil.copy(LABELLED / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    before = evaluate(tmp_path, mode="profile").group("profile")
    labels = json.loads((tmp_path / f"{good[0]}.json").read_text(encoding="utf-8"))
    labels.update(title=labels["title"] + " (sai)", author="Người Khác",
                  published="2019-01-01T00:00:00+07:00", published_precision="minute",
                  body="Một đoạn văn hoàn toàn khác không có trên trang này.")
    (tmp_path / f"{good[0]}.json").write_text(json.dumps(labels, ensure_ascii=False),
                                              encoding="utf-8")
    after = evaluate(tmp_path, mode="profile").group("profile")
    assert after.title < before.title and after.published < before.published
    assert after.author < before.author and after.body_f1 < before.body_f1


def test_a_refused_page_misses_every_field(tmp_path: Path) -> None:
    (tmp_path / "junk.html").write_bytes(b"\x00\x01\x02" * 500)  # binary: ExtractionError
    (tmp_path / "junk.json").write_text(json.dumps({
        "url": "https://bare-portal.example/a", "site": None, "markup": "bare",
        "title": "Tiêu đề", "published": None, "published_precision": None, "author": None,
        "source": None, "body": "Nội dung bài viết."}), encoding="utf-8")
    report = evaluate(tmp_path, mode="generic")
    row, page = report.group("generic"), report.pages[0]
    assert page.error and not page.crashed
    assert (row.failed, row.title, row.published, row.author, row.source, row.body_f1) == (
        1, 0.0, 0.0, 0.0, 0.0, 0.0)


# -- the run over the set ---------------------------------------------------------------


def test_extraction_never_crashes_on_the_set(report: Report) -> None:
    n = len(load_labels(LABELLED))
    assert report.systems == ["pressarchive/profile", "pressarchive/generic", "trafilatura"]
    for system in report.systems:
        assert sum(s.system == system for s in report.pages) == n
    crashes = [f"{s.system} {s.page}: {s.error}" for s in report.pages
               if s.crashed and s.system.startswith("pressarchive")]
    assert not crashes


def test_report_groups_by_site_and_markup(report: Report) -> None:
    groups = {row.group for row in report.groups if row.system == "pressarchive/profile"}
    assert {"all", "site dongthap", *(f"markup {m}" for m in MARKUPS)} <= groups
    assert report.group("trafilatura").source is None  # trafilatura has no source field
    assert report.group("profile").ms_per_page > 0
    table = format_table(report, misses=True)
    assert "Misses of pressarchive/generic:" in table


def test_profiled_pages_score_title_published_author_100(report: Report) -> None:
    row = report.group("profile", "site dongthap")
    assert row.pages >= 12 and row.failed == 0
    assert (row.title, row.published, row.author) == (1.0, 1.0, 1.0), (
        _misses(report, "pressarchive/profile", "title", "dongthap")
        + _misses(report, "pressarchive/profile", "published", "dongthap")
        + _misses(report, "pressarchive/profile", "author", "dongthap"))


def test_profiled_pages_body_f1(report: Report) -> None:
    assert report.group("profile", "site dongthap").body_f1 >= 0.98


def test_generic_mode_meets_the_targets(report: Report) -> None:
    row = report.group("generic")
    assert row.published >= 0.95 and row.author >= 0.90 and row.body_f1 >= 0.95


def test_pressarchive_beats_trafilatura_on_every_field(report: Report) -> None:
    base = report.group("trafilatura")
    for mode in ("profile", "generic"):
        row = report.group(mode)
        assert row.title > base.title and row.published > base.published
        assert row.author > base.author and row.body_f1 > base.body_f1


# -- the command ------------------------------------------------------------------------


def test_cli_prints_the_table() -> None:
    result = CliRunner().invoke(main, ["eval", str(LABELLED), "--mode", "both",
                                       "--baseline", "trafilatura"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("system"))
    positions = [header.index(col) for col in COLUMNS]
    assert positions == sorted(positions)
    for name in ("pressarchive/profile", "pressarchive/generic", "trafilatura"):
        assert any(line.startswith(name) for line in lines), name
    assert "site dongthap" in result.stdout and "markup bare" in result.stdout


def test_cli_json_and_site_filter() -> None:
    result = CliRunner().invoke(main, ["eval", str(LABELLED), "--site", "dongthap",
                                       "--mode", "generic", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["systems"] == ["pressarchive/generic"]
    assert {p["site"] for p in data["pages"]} == {"dongthap"}


@pytest.mark.parametrize("setup", ["missing", "empty", "unlabelled", "bad-json"])
def test_cli_usage_errors(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / "set"
    if setup != "missing":
        folder.mkdir()
    if setup in ("unlabelled", "bad-json"):
        (folder / "a.html").write_text("<html><h1>Tiêu đề</h1></html>", encoding="utf-8")
    if setup == "bad-json":
        (folder / "a.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_library_rejects_unknown_mode_and_baseline() -> None:
    with pytest.raises(EvalError):
        evaluate(LABELLED, mode="fast")
    with pytest.raises(EvalError):
        evaluate(LABELLED, baseline="readability")


# -- the peers' suites, in their own formats (tests/test_peer_suites.py runs the real ones) --

_PAGE = ("<html lang='{lang}'><head><title>{title}</title>{meta}</head><body><nav><a href='/'>"
         "Home</a> <a href='/x'>Impressum</a></nav><article><h1>{title}</h1>{body}</article>"
         "<footer>Impressum · Datenschutz</footer></body></html>")


def _mini_suite(tmp_path: Path, suite: str) -> Path:
    folder = tmp_path / f"{suite}-eval"
    (folder / "eval").mkdir(parents=True)
    body = "".join(f"<p>Der {n}. Absatz erzählt von der <em>Stadt</em>, ihren Brücken und "
                   f"ihren Märkten am Fluss, Jahr für Jahr.</p>" for n in range(1, 6))
    meta = ("<meta name='author' content='Anna Berg'>"
            "<meta property='article:published_time' content='2021-03-04T10:00:00+01:00'>")
    (folder / "eval" / "a.html").write_text(
        _PAGE.format(lang="de", title="Brücken der Stadt", meta=meta, body=body), "utf-8")
    (folder / "eval" / "b.html").write_text("<html><body></body></html>", "utf-8")
    if suite == "trafilatura":
        index = {"https://example.org/a": {"file": "a.html", "author": "Anna Berg",
                                           "with": ["Der 1. Absatz erzählt von der Stadt,",
                                                    "Jahr für Jahr."],
                                           "without": ["Impressum", "Datenschutz"]},
                 "https://example.org/b": {"file": "b.html", "with": ["nichts"],
                                           "without": []}}
        (folder / "evaldata.json").write_text(json.dumps(index), "utf-8")
    else:
        index = {"https://example.org/2021/03/a": {"file": "a.html", "date": "2021-03-04"},
                 "https://example.org/b": {"file": "b.html", "date": "2020-01-01"}}
        (folder / "eval_default.json").write_text(json.dumps(index), "utf-8")
    return folder


def test_eval_suite_scores_trafilatura_format_beside_the_peer(tmp_path: Path) -> None:
    folder = _mini_suite(tmp_path, "trafilatura")
    result = CliRunner().invoke(main, ["eval", "--suite", "trafilatura", str(folder),
                                       "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["system"]: row for row in json.loads(result.output)["systems"]}
    ours = rows["pressarchive/generic"]
    # Page a: both strings found, no chrome; page b: refused, its string missed.
    assert (ours["pages"], ours["failed"]) == (2, 1)
    assert ours["body_precision"] == 1.0 and ours["body_recall"] == pytest.approx(2 / 3)
    assert ours["author_pages"] == 1 and ours["author"] == 1.0
    assert "trafilatura" in rows
    table = CliRunner().invoke(main, ["eval", "--suite", "trafilatura", str(folder)])
    assert "pressarchive/generic" in table.output and "body F1" in table.output


def test_eval_suite_scores_htmldate_format(tmp_path: Path) -> None:
    folder = _mini_suite(tmp_path, "htmldate")
    result = CliRunner().invoke(main, ["eval", "--suite", "htmldate", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["system"]: row for row in json.loads(result.output)["systems"]}
    assert rows["pressarchive/generic"]["date"] == 0.5
    assert rows["htmldate"]["pages"] == 2


def test_eval_suite_bad_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "--suite", "htmldate", str(tmp_path)])
    assert result.exit_code != 0
    assert "no eval_default.json in" in result.output
    assert "Traceback" not in result.output
