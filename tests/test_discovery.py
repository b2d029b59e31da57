"""Feeds, sitemaps and numbered pagination: article URLs beyond the list pages."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

from conftest import FAST, run_cli

from pressarchive.discovery import (
    feed_entries,
    feed_links,
    numbered_next_page,
    read_sitemap,
    robots_sitemaps,
)
from pressarchive.sampleportal import Fault, Portal, PortalServer

BASE = "https://portal.example.gov.vn"


def test_rss_and_atom_entries_with_their_days() -> None:
    rss = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
      <title>Tin m\xe1\xbb\x9bi</title>
      <item><title>A</title><link>/tin-tuc/a-123456.html</link>
        <pubDate>Tue, 31 Jan 2023 15:30:00 +0700</pubDate></item>
      <item><title>B</title><guid>https://portal.example.gov.vn/b-234567.html</guid></item>
    </channel></rss>"""
    assert [(f.url, f.day) for f in feed_entries(rss, BASE + "/rss")] == [
        (BASE + "/tin-tuc/a-123456.html", "2023-01-31"), (BASE + "/b-234567.html", None)]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>C</title>
      <link rel="alternate" href="https://portal.example.gov.vn/c-345678.html"/>
      <published>2024-03-05T08:00:00+07:00</published></entry></feed>"""
    assert [(f.url, f.day) for f in feed_entries(atom, BASE)] == [
        (BASE + "/c-345678.html", "2024-03-05")]
    assert feed_entries(b"not xml at all <<<", BASE) == []
    html = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss/tin.rss">'
            '<link rel="stylesheet" href="/a.css"></head></html>')
    assert feed_links(html, BASE + "/tin-tuc") == [BASE + "/rss/tin.rss"]


def test_sitemap_index_flat_urlset_gzip_and_junk() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://portal.example.gov.vn/sitemap-1.xml</loc></sitemap></sitemapindex>"""
    assert read_sitemap(index, BASE) == ([BASE + "/sitemap-1.xml"], [])
    flat = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://portal.example.gov.vn/sitemap-tin.xml</loc></url>
      <url><loc>https://portal.example.gov.vn/a-123456.html</loc><lastmod>2023-02-01</lastmod></url>
    </urlset>"""
    children, pages = read_sitemap(gzip.compress(flat), BASE)
    assert children == [BASE + "/sitemap-tin.xml"]
    assert [(p.url, p.day) for p in pages] == [(BASE + "/a-123456.html", "2023-02-01")]
    assert read_sitemap(b"\x00\x01 junk", BASE) == ([], [])
    robots = "User-agent: *\nDisallow: /admin\nSitemap: https://portal.example.gov.vn/s.xml\n"
    assert robots_sitemaps(robots, BASE) == [BASE + "/s.xml"]


def test_numbered_pagination_stays_in_its_list() -> None:
    assert numbered_next_page(BASE + "/tin-tuc", ["/van-hoa?page=2", "/tin-tuc?page=2"]) \
        == BASE + "/tin-tuc?page=2"
    assert numbered_next_page(BASE + "/news/tag/xay-dung/page-8",
                              ["/news/tag/xay-dung/page-7", "/news/tag/xay-dung/page-9"]) \
        == BASE + "/news/tag/xay-dung/page-9"
    assert numbered_next_page(BASE + "/tin-tuc?page=3", ["/tin-tuc?page=2"]) is None


def _xml(text: str) -> bytes:
    return text.encode("utf-8")


def test_generic_crawl_finds_articles_through_feed_and_sitemaps(
        server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    base = server.base_url
    urls = [base + a.path for a in portal.articles]
    # A start page with no article links at all: only its advertised feed leads on.
    portal.faults["/tin-moi"] = Fault(body=_xml(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin mới</title>'
        '<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi.rss">'
        '</head><body><h1>Tin mới</h1><p>Mời bạn đọc theo dõi qua RSS.</p></body></html>'),
        headers={"Content-Type": "text/html; charset=utf-8"})
    items = "".join(f"<item><title>{a.title}</title><link>{base}{a.path}</link></item>"
                    for a in portal.articles[:5])
    portal.faults["/rss/tin-moi.rss"] = Fault(body=_xml(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{items}'
        "</channel></rss>"), headers={"Content-Type": "application/rss+xml"})
    # robots.txt names a sitemap index; its one sitemap lists every article.
    portal.faults["/robots.txt"] = Fault(body=_xml(
        f"User-agent: *\nDisallow: /c/portal/\nSitemap: {base}/sitemap_index.xml\n"),
        headers={"Content-Type": "text/plain"})
    portal.faults["/sitemap_index.xml"] = Fault(body=_xml(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-tin-tuc.xml</loc></sitemap></sitemapindex>"),
        headers={"Content-Type": "application/xml"})
    portal.faults["/sitemap-tin-tuc.xml"] = Fault(body=_xml(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>"),
        headers={"Content-Type": "application/xml"})
    db = tmp_path / "a.db"
    result = run_cli("crawl", base + "/tin-moi", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    conn = sqlite3.connect(db)
    stored = {r[0]: r[1] for r in conn.execute("SELECT url, title FROM articles")}
    errors = conn.execute("SELECT url, reason FROM fetch_errors").fetchall()
    conn.close()
    assert set(stored) == set(urls)
    assert all(stored[base + a.path] == a.title for a in portal.articles)
    assert errors == []  # /sitemap.xml answered 404: normal, not a failure
    assert server.hits["/rss/tin-moi.rss"] == 1 and server.hits["/sitemap-tin-tuc.xml"] == 1
    assert server.hits["/sitemap.xml"] == 1
    assert all(server.hits[a.path] == 1 for a in portal.articles)
