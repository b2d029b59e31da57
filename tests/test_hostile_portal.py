"""A hostile portal on loopback offers every non-web scheme in every link position.

Real crawls (profile mode and generic mode) must read nothing outside http(s): no local
file, no FTP, no data: or s3: URL reaches a download handler, the WARC or the archive.
"""

from __future__ import annotations

import base64
import gzip
import secrets
import sqlite3
from pathlib import Path

import pytest
from conftest import FAST, crawl, run_cli

from pressarchive.sampleportal import Fault, Portal, PortalServer

ARTICLE_TAIL = "/-/asset_publisher/Xk3pQm8Rt2aB/content/tin-mat"


@pytest.fixture
def canary(tmp_path: Path) -> tuple[str, Path]:
    """A secret string in local files that hostile links point at."""
    secret = f"BI-MAT-{secrets.token_hex(8)}"
    root = tmp_path / "disk"
    for rel in (ARTICLE_TAIL.lstrip("/"), "canary-list", "feed.xml", "sitemap.xml",
                "chi-tiet"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body><h1>{secret}</h1><p>{secret}</p></body></html>")
    return secret, root


def hostile_links(root: Path, secret: str) -> list[str]:
    """Article-shaped links in every scheme but the web's (the data: URL carries the
    secret base64-encoded: it shows in clear only if the URL were read)."""
    inline = base64.b64encode(f"<h1>{secret}</h1>".encode()).decode()
    return [
        f"file://127.0.0.1{root}{ARTICLE_TAIL}",
        f"file://{root}{ARTICLE_TAIL}",
        f"file://127.0.0.1{root}/chi-tiet?id=1",
        f"ftp://127.0.0.1/{ARTICLE_TAIL}",
        f"s3://127.0.0.1{ARTICLE_TAIL}",
        f"data:text/html;base64,{inline}#{ARTICLE_TAIL}",
        f"javascript:location='{ARTICLE_TAIL}'",
    ]


def make_hostile(portal: Portal, server: PortalServer, root: Path, secret: str) -> None:
    base = server.base_url
    section = portal.sections[0]
    _, _, page = portal.render(section.path, "", base)
    html = page.decode("utf-8")
    abstracts = "".join(
        f'<div class="asset-abstract"><h3 class="asset-title"><a href="{href}">'
        f"Tin giả số {n}</a></h3><div class=\"asset-metadata\"><span class=\"metadata-entry "
        f'metadata-publish-date">01/02/2023</span></div></div>\n'
        for n, href in enumerate(hostile_links(root, secret)))
    html = html.replace('<div class="asset-abstract">', abstracts + '<div class="asset-abstract">',
                        1)
    # The "Tiếp" (next page) button and the advertised feeds point off the web too.
    html = html.replace(f'href="{base}{section.path}?', f'href="file://127.0.0.1{root}/canary-list?')
    html = html.replace("</head>", f'<link rel="alternate" type="application/rss+xml" '
                        f'href="file://127.0.0.1{root}/feed.xml">'
                        f'<link rel="alternate" type="application/rss+xml" href="/rss/tin-moi">'
                        "</head>")
    feed_items = "".join(f"<item><title>Tin {n}</title><link>{href.replace('&', '&amp;')}"
                         "</link></item>" for n, href in enumerate(hostile_links(root, secret)))
    sitemap_urls = "".join(f"<url><loc>{href.replace('&', '&amp;')}</loc></url>"
                           for href in hostile_links(root, secret))
    xml = {"Content-Type": "application/xml; charset=utf-8"}
    off = portal.articles
    portal.faults.update({
        section.path: Fault(body=html.encode("utf-8")),
        "/rss/tin-moi": Fault(body=(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Tin mới</title>{feed_items}</channel></rss>").encode(), headers=xml),
        "/robots.txt": Fault(body=(
            "User-agent: *\nDisallow: /c/portal/\n"
            f"Sitemap: file://127.0.0.1{root}/sitemap.xml\nSitemap: ftp://127.0.0.1/sitemap.xml\n"
            f"Sitemap: {base}/sitemap-tin.xml\n").encode(),
            headers={"Content-Type": "text/plain"}),
        "/sitemap.xml": Fault(body=(
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>file://127.0.0.1{root}/sitemap.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/sitemap-tin.xml</loc></sitemap></sitemapindex>").encode(),
            headers=xml),
        "/sitemap-tin.xml": Fault(body=(
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{sitemap_urls}</urlset>'
        ).encode(), headers=xml),
        # Redirects of real article URLs to a local file, FTP, and another site.
        off[1].path: Fault(redirect=f"file://127.0.0.1{root}{ARTICLE_TAIL}"),
        off[2].path: Fault(redirect=f"ftp://127.0.0.1{ARTICLE_TAIL}"),
        off[3].path: Fault(redirect=hostile_links(root, secret)[5]),
    })


def assert_nothing_outside_the_web(db: Path, secret: str) -> None:
    conn = sqlite3.connect(db)
    try:
        urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
        assert urls and all(u.startswith(("http://", "https://")) for u in urls)
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert secret not in dump
    warcs = sorted((db.parent / "warc").glob("*.warc.gz"))
    assert warcs
    for warc in warcs:
        data = gzip.decompress(warc.read_bytes())
        assert secret.encode() not in data and b"root:x:0:0" not in data
        for line in data.split(b"\r\n"):
            if line.startswith(b"WARC-Target-URI:"):
                assert line.split(b":", 1)[1].strip().startswith((b"http://", b"https://"))


@pytest.mark.slow
def test_profile_crawl_reads_nothing_but_the_web(canary: tuple[str, Path], server: PortalServer,
                                                 portal: Portal, tmp_path: Path) -> None:
    secret, root = canary
    make_hostile(portal, server, root, secret)
    # A moved article: its redirect leaves for another host (localhost is not 127.0.0.1).
    moved = portal.articles[4].path
    portal.faults[moved] = Fault(redirect=f"http://localhost:1{moved}")
    db = tmp_path / "a" / "archive.db"
    result = crawl(server, db)
    assert result.returncode == 1, result.stderr[-3000:]  # the refused redirects failed
    assert "Traceback" not in result.stderr
    assert "Remote control" not in result.stderr
    assert_nothing_outside_the_web(db, secret)
    conn = sqlite3.connect(db)
    reasons = dict(conn.execute("SELECT url, reason FROM fetch_errors").fetchall())
    conn.close()
    by_path = {u.split("://", 1)[1].split("/", 1)[1]: r for u, r in reasons.items()}
    for n in (1, 2, 3):
        assert by_path[portal.articles[n].path.lstrip("/")].startswith(
            "redirect to a non-http(s) URL refused")
    assert by_path[moved.lstrip("/")] == f"redirected off-site to http://localhost:1{moved}"


@pytest.mark.slow
def test_generic_crawl_reads_nothing_but_the_web(canary: tuple[str, Path], server: PortalServer,
                                                 portal: Portal, tmp_path: Path) -> None:
    """Generic mode follows advertised feeds and robots.txt sitemaps: all hostile too."""
    secret, root = canary
    make_hostile(portal, server, root, secret)
    db = tmp_path / "g" / "archive.db"
    result = run_cli("crawl", server.base_url + portal.sections[0].path, "--db", str(db), *FAST)
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert server.hits["/rss/tin-moi"] == 1 and server.hits["/sitemap-tin.xml"] == 1
    assert_nothing_outside_the_web(db, secret)


def test_robots_txt_redirect_to_a_local_file_is_not_read(canary: tuple[str, Path],
                                                         server: PortalServer, portal: Portal,
                                                         tmp_path: Path) -> None:
    secret, root = canary
    portal.faults["/robots.txt"] = Fault(redirect=f"file://127.0.0.1{root}/sitemap.xml")
    db = tmp_path / "r" / "archive.db"
    result = crawl(server, db, "--max-articles", "3")
    assert "Traceback" not in result.stderr
    assert_nothing_outside_the_web(db, secret)
