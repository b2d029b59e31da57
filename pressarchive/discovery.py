"""Where article URLs come from besides list pages: feeds, sitemaps, numbered pagination.

Pure functions (bytes or URLs in, URLs out); the spider decides what to fetch. Sitemap
XML is read by Scrapy's own :class:`scrapy.utils.sitemap.Sitemap` (lxml, entity-safe);
feeds are RSS 2.0 or Atom read with parsel.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

FEED_LINKS = ("//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]"
              "/@href")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed
_TRANSLATOR = HTMLTranslator()


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


def node_text(node: Any) -> str:
    """The text of a list-page match (an lxml element, or an attribute or text value), as
    :func:`~pressarchive.extract.select.text_of` reads it, from the element's own subtree
    (a relative XPath per entry would cost the whole document's size each time)."""
    from .extract.text import element_text
    from .textnorm import clean_inline

    if isinstance(node, str):
        if node.isascii() and node.isprintable() and " " not in node:
            return node  # an href, as most are: nothing clean_inline would change
        return clean_inline(node)
    return element_text(node)


def list_matches(sel: Selector, rule: str) -> list[Any]:
    """A list-page rule's matches (lxml elements or strings), in document order, in time
    linear in the page's size.

    libxml2 merges the node sets of a CSS descendant chain (``.asset-abstract .asset-title
    a``) with a duplicate check that is quadratic in the number of matches: 100,000 list
    entries took minutes. A CSS rule ``HEAD REST`` is evaluated as HEAD once, then REST
    under each outermost HEAD match (their subtrees are disjoint, so nothing repeats).
    Other rules (XPath, ``A > B``, selector groups) are evaluated as they are.
    """
    from .extract.select import is_xpath, select

    split = _split_descendant(rule)
    if split is None:
        if is_xpath(rule):  # straight to lxml: no Selector object a match
            try:
                found = etree.XPath(rule)(sel.root)
                return list(found) if isinstance(found, list) else []
            except etree.XPathError:
                pass  # parsel's extensions (has-class, re:test): parsel evaluates it
        return [m.root for m in select(sel, rule)]
    head, rest = split
    try:
        heads = [h for h in etree.XPath(_TRANSLATOR.css_to_xpath(head))(sel.root)
                 if not isinstance(h, str)]
        rest_xpath = etree.XPath(_TRANSLATOR.css_to_xpath(rest, prefix="descendant::"))
    except (ValueError, etree.XPathError):
        return [m.root for m in select(sel, rule)]
    members = set(heads)
    out: list[Any] = []
    for node in heads:
        if any(a in members for a in node.iterancestors()):
            continue  # nested in another match: its results come with the outer one
        out.extend(rest_xpath(node))
    return out


def _split_descendant(rule: str) -> tuple[str, str] | None:
    """``("HEAD", "REST")`` for a CSS rule whose first combinator is a descendant space."""
    from .extract.select import is_xpath

    if not rule or is_xpath(rule):
        return None
    depth, quote = 0, ""
    for i, ch in enumerate(rule):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch in ",>+~":
            return None
        elif depth == 0 and ch.isspace():
            head, rest = rule[:i].strip(), rule[i:].strip()
            if not head or not rest or rest[0] in ",>+~" or "::" in head or "," in rest:
                return None
            return head, rest
    return None


def join_url(base: str, href: str) -> str:
    """``urljoin(base, href)``, without its cost for the two shapes most list links have
    (an absolute http(s) URL, a path from the root); anything unusual goes to urljoin."""
    if "#" in href or href.endswith("?") or any(c in href for c in _UNUSUAL):
        return urljoin(base, href)
    if href.startswith(("http://", "https://")):
        after = href.split("://", 1)[1][:1]
        return href if after.isalnum() else urljoin(base, href)
    if href.startswith("/") and not href.startswith("//") and "/." not in href:
        scheme, _, rest = base.partition("://")
        host = re.split(r"[/?#]", rest, maxsplit=1)[0]
        if scheme in ("http", "https") and host:
            return f"{scheme}://{host}{href}"
    return urljoin(base, href)


_UNUSUAL = frozenset("\\\t\r\n []")
