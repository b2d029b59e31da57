"""Canonical article URLs: the page's canonical link when on-site, else the cleaned URL."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from .rules import TRACKING_PARAMS, TRACKING_PREFIXES


def clean_url(url: str) -> str:
    """Drop the fragment and tracking/redirect parameters; keep everything else in order."""
    url = url.strip()
    if ("?" not in url and "#" not in url  # nothing to drop (most links): a fast path
            and url[:8].lower().startswith(("http://", "https://"))):
        scheme, rest = url.split("://", 1)
        host, slash, path = rest.partition("/")
        if not any(c in url for c in "\\\t\r\n"):
            return f"{scheme.lower()}://{host.lower()}{slash or '/'}{path}"
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in TRACKING_PARAMS and not k.startswith(TRACKING_PREFIXES)
    ]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def same_site(url: str, reference: str, domains: Iterable[str] = ()) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    ref_host = (urlsplit(reference).hostname or "").lower()
    if host == ref_host:
        return True
    return any(host == d or host.endswith("." + d) for d in domains)


def canonical_url(doc: Selector, fetched_url: str, domains: Iterable[str] = ()) -> str:
    """The canonical URL of an article page (DESIGN.md field ``url``)."""
    href = doc.css("link[rel='canonical']::attr(href)").get()
    if href and href.strip():
        absolute = urljoin(fetched_url, href.strip())
        path = urlsplit(absolute).path
        if absolute.startswith(("http://", "https://")) and path not in ("", "/") and same_site(
            absolute, fetched_url, domains
        ):
            return clean_url(absolute)
    return clean_url(fetched_url)
