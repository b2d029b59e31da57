"""Where article URLs come from besides list pages: feeds, sitemaps, numbered pagination.

Pure functions (bytes or URLs in, URLs out); the spider decides what to fetch. Sitemap
XML is read by Scrapy's own :class:`scrapy.utils.sitemap.Sitemap` (lxml, entity-safe);
feeds are RSS 2.0 or Atom read with parsel.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

FEED_LINKS = ("//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]"
              "/@href")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed


@dataclass
class Found:
    """A URL a feed or sitemap lists, with the date it gives (YYYY-MM-DD) if any."""

    url: str
    day: str | None = None


def feed_links(html: str, base_url: str) -> list[str]:
    """Feeds a page advertises with ``<link rel="alternate" type="…rss/atom…">``."""
    return [urljoin(base_url, href) for href in Selector(text=html).xpath(FEED_LINKS).getall()]


def feed_entries(body: bytes, base_url: str) -> list[Found]:
    """Item links of an RSS 2.0 or Atom feed (unreadable XML gives an empty list)."""
    try:
        sel = Selector(body=body, type="xml")
    except ValueError:
        return []
    sel.remove_namespaces()
    found = []
    for item in sel.xpath("//item"):
        link = item.xpath("normalize-space(link)").get() or item.xpath(
            "normalize-space(guid[not(@isPermaLink='false')])").get()
        if link:
            found.append(Found(urljoin(base_url, link), _rfc822_day(item.xpath(
                "normalize-space(pubDate)").get())))
    for entry in sel.xpath("//entry"):
        link = entry.xpath("(link[@rel='alternate' or not(@rel)]/@href)[1]").get()
        if link:
            day = entry.xpath("normalize-space(published | updated)").get() or ""
            found.append(Found(urljoin(base_url, link),
                               day[:10] if re.match(r"\d{4}-\d{2}-\d{2}", day) else None))
    return found


_MONTHS = {m: n for n, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def _rfc822_day(text: str | None) -> str | None:
    match = re.search(r"(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})", text or "")
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], match.group(3)
    return f"{year}-{month:02d}-{day:02d}"


def robots_sitemaps(robots_txt: bytes | str, base_url: str) -> list[str]:
    """``Sitemap:`` lines of a robots.txt."""
    raw = robots_txt.encode("utf-8") if isinstance(robots_txt, str) else robots_txt
    return list(sitemap_urls_from_robots(raw, base_url=base_url))


def read_sitemap(body: bytes, base_url: str) -> tuple[list[str], list[Found]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index, gzip or plain. A flat
    ``<urlset>`` that lists other sitemaps among its pages (seen on portals) gives those
    as children. Unreadable XML gives two empty lists."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)[:MAX_SITEMAP_BYTES]
        except (OSError, EOFError):
            return [], []
    try:
        sitemap = Sitemap(body)
    except Exception:  # noqa: BLE001 (lxml raises several kinds on junk)
        return [], []
    children: list[str] = []
    pages: list[Found] = []
    for entry in sitemap:
        loc = entry.get("loc")
        if not loc:
            continue
        url = urljoin(base_url, loc.strip())
        if sitemap.type == "sitemapindex" or re.search(r"sitemap[^/]*\.xml(\.gz)?$", url, re.I):
            children.append(url)
        else:
            lastmod = (entry.get("lastmod") or "").strip()
            pages.append(Found(url, lastmod[:10] if re.match(r"\d{4}-\d{2}-\d{2}", lastmod)
                               else None))
    return children, pages


_PAGE_PARAM = re.compile(
    r"(?P<pre>[?&;](?:page|Page|p|trang|pageindex|PageIndex|[\w-]*_cur|cur)=)(?P<n>\d+)")
_PAGE_PATH = re.compile(r"(?P<pre>/(?:trang|page)[-/])(?P<n>\d+)")


def page_number(url: str) -> int:
    """The page number a list URL carries (``?page=3``, ``_cur=3``, ``/trang-3``), else 1."""
    for pattern in (_PAGE_PARAM, _PAGE_PATH):
        match = pattern.search(url)
        if match:
            return int(match.group("n"))
    return 1


def _list_key(url: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A list URL without its page number: pages of one list share the key."""
    parts = urlsplit(url)
    path = _PAGE_PATH.sub("/", parts.path).rstrip("/")
    query = tuple(sorted((k, v) for k, v in parse_qsl(parts.query)
                         if not _PAGE_KEY.fullmatch(k)))
    return parts.netloc, path, query


_PAGE_KEY = re.compile(r"page|Page|p|trang|pageindex|PageIndex|[\w-]*_cur|cur")


def numbered_next_page(current_url: str, hrefs: list[str]) -> str | None:
    """Among a list page's links, the one to the next page of the same list, judged by URL
    shape alone (for lists whose "next" link has no recognisable label)."""
    wanted, key = page_number(current_url) + 1, _list_key(current_url)
    for href in hrefs:
        url = urljoin(current_url, href)
        if (page_number(url) == wanted and (_PAGE_PARAM.search(url) or _PAGE_PATH.search(url))
                and _list_key(url) == key):
            return url
    return None
