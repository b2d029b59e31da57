"""`pressarchive serve` as a person sees it, in real headless Chromium (1280×900): ranked,
highlighted search results with filters and pages on the first screen; the articles
table as titles, not bodies; a row page that reads like the article."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import HEIGHT, Browser, pixels_of
from conftest import FAST, _free_port, run_cli

from pressarchive.archive import Archive
from pressarchive.sampleportal import REFERENCE_TITLE, PortalServer, build_portal

pytestmark = pytest.mark.slow
MARK_YELLOW = (0xFF, 0xF1, 0xA8)  # the background of a highlighted word (pa_style.html)


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal crawled through the CLI (with WARC captures), plus one article
    edited afterwards so that it has an earlier version."""
    db = tmp_path_factory.mktemp("datasette") / "archive.db"
    with PortalServer(build_portal()) as server:
        done = run_cli("crawl", "dongthap", "--base-url", server.base_url, "--db", str(db),
                       *FAST)
    assert done.returncode == 0, done.stderr
    with Archive(db) as archive:
        url = archive.db.execute("SELECT url FROM articles WHERE title != ? ORDER BY id"
                                 " LIMIT 1", [REFERENCE_TITLE]).fetchone()[0]
        from pressarchive.extract.model import Article

        row = archive.article(url)
        archive.store_articles([Article(url=url, title=row["title"], site="dongthap",
                                        body=row["body"] + "\n\nĐoạn bổ sung sau khi sửa.",
                                        published=row["published"])])
    return db


@pytest.fixture(scope="module")
def site(archive_db: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pressarchive.cli", "serve", "--db", str(archive_db),
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/{archive_db.stem}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chrome = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield chrome
    chrome.close()


def test_search_results_ranked_highlighted_on_the_first_screen(
        site: str, browser: Browser, tmp_path: Path) -> None:
    browser.open(f"{site}/articles?_search=" + urllib.parse.quote("Quyết tâm mới"))
    assert "/search?q=" in browser.evaluate("location.href")  # the table's box: ranked
    cards = browser.boxes(".pa-card .pa-title")
    assert cards and cards[0]["text"] == REFERENCE_TITLE
    assert cards[0]["href"].startswith(f"{site}/articles/")  # the title links to the row
    assert browser.boxes(".pa-count")[0]["text"].startswith("1 article")

    browser.open(f"{site}/search?q=tinh")
    cards = browser.boxes(".pa-card")
    marks = browser.boxes(".pa-card mark")
    assert len(cards) == 20 and marks
    assert cards[0]["bottom"] < HEIGHT and marks[0]["bottom"] < HEIGHT
    assert all(card["height"] < 200 for card in cards)  # a snippet, not the body
    shot = browser.screenshot(tmp_path / "search.png")
    rows = pixels_of(shot, MARK_YELLOW)
    assert rows and rows[0] < HEIGHT  # highlighted words are in the screenshot itself
    count = browser.boxes(".pa-count")[0]["text"]
    assert "most relevant first" in count and "page 1 of 2" in count


def test_search_filters_and_pages(site: str, browser: Browser) -> None:
    browser.open(f"{site}/search?q=tinh")
    first_page = [c["text"] for c in browser.boxes(".pa-card .pa-title")]
    nxt = browser.boxes("a[rel=next]")
    assert nxt and not browser.boxes("a[rel=prev]")
    browser.open(nxt[0]["href"])
    second_page = [c["text"] for c in browser.boxes(".pa-card .pa-title")]
    assert second_page and not set(second_page) & set(first_page)
    assert browser.boxes("a[rel=prev]") and not browser.boxes("a[rel=next]")

    browser.open(f"{site}/search?q=tinh&author=van+khuong&since=2023-01-01&until=2024-12-31"
                 "&site=dongthap")  # author folded: case and marks ignored
    metas = [c["text"] for c in browser.boxes(".pa-card .pa-meta")]
    assert metas and all("Văn Khương" in m for m in metas)
    assert all("2023-" in m or "2024-" in m for m in metas)
    assert browser.evaluate("document.querySelector('select[name=site]').value") == "dongthap"

    browser.open(f"{site}/latest_articles?author=minh+tam")
    metas = [c["text"] for c in browser.boxes(".pa-card .pa-meta")]
    assert metas and all("Minh Tâm" in m for m in metas)
    dates = [m.split(" · ")[1] for m in metas]
    assert dates == sorted(dates, reverse=True)

    browser.open(f"{site}/search?q=" + urllib.parse.quote('"quyết tâm'))
    error = browser.boxes(".message-error")
    assert error and "Quote phrases" in error[0]["text"]


def test_articles_table_shows_titles_not_bodies(site: str, browser: Browser,
                                                tmp_path: Path) -> None:
    browser.open(f"{site}/articles")
    cards = browser.boxes(".pa-card")
    assert len(cards) == 36 and cards[0]["bottom"] < HEIGHT
    assert all(card["height"] < 200 for card in cards)
    meta = browser.boxes(".pa-card .pa-meta")[0]["text"]
    assert meta.startswith("dongthap · 20")  # site · published · author
    assert not browser.boxes("td.col-body")
    folded = browser.boxes("details.pa-columns")
    assert folded and folded[0]["open"] is False and folded[0]["bottom"] > cards[-1]["bottom"]
    assert not any(d["shown"] for d in browser.boxes("dl.column-descriptions"))
    for facet in ("site", "year", "author", "category"):
        assert browser.boxes(f'.facet-info[data-column="{facet}"]')
    browser.screenshot(tmp_path / "articles.png")

    browser.open(f"{site}/articles?_layout=table&_col=title&_col=author")  # Datasette's own
    assert browser.boxes("td.col-title") and not browser.boxes(".pa-card")
    browser.open(f"{site}/articles?_layout=table&_search=tinh")  # and its own search
    assert "/articles?" in browser.evaluate("location.href") and browser.boxes("td.col-title")


def test_row_page_reads_like_the_article(site: str, archive_db: Path, browser: Browser,
                                         tmp_path: Path) -> None:
    with Archive(archive_db, readonly=True) as archive:
        ref = archive.db.execute("SELECT id, body FROM articles WHERE title = ?",
                                 [REFERENCE_TITLE]).fetchone()
        with_files = archive.db.execute(
            "SELECT article_id, count(*) FROM attachments GROUP BY article_id").fetchone()
        revised = archive.db.execute("SELECT article_id FROM revisions").fetchone()[0]
    browser.open(f"{site}/articles/{ref[0]}")
    assert browser.boxes("article h1")[0]["text"] == REFERENCE_TITLE
    meta = browser.boxes(".pa-article .pa-meta")[0]["text"]
    assert "2023-02-01 08:15 +07:00" in meta and "Văn Khương" in meta
    paragraphs = browser.boxes(".pa-article > p:not(.pa-kicker):not(.pa-meta)")
    assert len(paragraphs) == ref[1].count("\n\n") + 1
    assert browser.boxes(".pa-lead")[0]["top"] < HEIGHT
    captions = browser.boxes(".pa-article figcaption")
    assert captions and captions[0]["text"].startswith("Bí thư Tỉnh ủy Lê Quốc Phong")
    capture = browser.boxes("a.pa-capture")
    assert capture
    browser.screenshot(tmp_path / "article.png")
    page = urllib.request.urlopen(capture[0]["href"], timeout=10)
    assert page.headers["Content-Security-Policy"] == "sandbox"  # no scripts, no origin
    assert REFERENCE_TITLE in page.read().decode("utf-8")

    browser.open(f"{site}/articles/{with_files[0]}")
    assert len(browser.boxes(".pa-attachments a:not(.pa-document)")) == with_files[1]
    assert len(browser.boxes(".pa-attachments a.pa-document")) == with_files[1]  # each fetched
    browser.open(f"{site}/articles/{revised}")
    link = browser.boxes("a.pa-revisions")
    assert link and link[0]["text"] == "1 earlier version"
    browser.open(link[0]["href"])
    assert "1 row where article_id = " in browser.evaluate("document.body.innerText")


def test_read_only_and_other_tables_untouched(site: str, archive_db: Path,
                                              browser: Browser) -> None:
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{site}.json?sql=delete+from+articles", timeout=5)
    browser.open(f"{site}/runs")
    assert browser.boxes("table.rows-and-columns td.col-outcome")  # Datasette's own table
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(site.rsplit("/", 1)[0] + "/-/capture/nope/1", timeout=5)
    with Archive(archive_db, readonly=True) as archive:
        assert archive.count("articles") == 36
