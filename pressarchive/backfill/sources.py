"""Where captures come from: the Wayback Machine, Common Crawl, or any CDX server by URL.

A source is a CDX endpoint (or Common Crawl's list of monthly ones), a dialect (``ia``:
the Wayback Machine's CDX server; ``pywb``: pywb's, which Common Crawl's index server
runs), how a capture's bytes are fetched (``replay``: ``<wb>/<timestamp>id_/<url>``, raw;
``range``: ``<prefix>/<filename>`` bytes offset..offset+length-1, a WARC record) and a
polite request rate (the intervals cdx_toolkit keeps for each archive).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from cdx_toolkit import settings as cdxt

from .client import PoliteClient

WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
WAYBACK_WB = "https://web.archive.org/web"
CC_COLLINFO = "https://index.commoncrawl.org/collinfo.json"
CC_DATA = "https://data.commoncrawl.org"
NAMED = ("wayback", "commoncrawl")


class SourceError(ValueError):
    """A source that cannot be used (one line for the user)."""


@dataclass
class Source:
    name: str  # wayback | commoncrawl | the CDX URL (stored as capture_source)
    dialect: str  # ia | pywb
    mode: str  # replay | range
    endpoints: list[str]  # CDX API URLs (Common Crawl: one per monthly crawl)
    wb: str = ""  # replay prefix (mode replay)
    prefix: str = ""  # WARC file prefix (mode range)
    max_rps: float = 1.0


def resolve(spec: str, *, max_rps: float | None = None, warc_prefix: str | None = None,
            years: tuple[int | None, int | None] = (None, None),
            client: PoliteClient | None = None) -> Source:
    """The source named ``spec``: ``wayback``, ``commoncrawl`` or a CDX API URL. A URL
    ending in ``/cdx`` (a pywb collection, a Wayback CDX server) is read by replay (``id_``
    at the URL without ``/cdx``; ``…/cdx/search/cdx`` → ``…/web``); any other (a Common
    Crawl style index, whose answers carry filename/offset/length) by range requests to
    ``warc_prefix``, else the index's own host."""
    if spec == "wayback":
        rps = 1.0 / cdxt.IA_MIN_RETRY_INTERVAL
        source = Source("wayback", "ia", "replay", [WAYBACK_CDX], wb=WAYBACK_WB, max_rps=rps)
    elif spec == "commoncrawl":
        rps = 1.0 / cdxt.CC_INDEX_MIN_RETRY_INTERVAL
        source = Source("commoncrawl", "pywb", "range",
                        _cc_endpoints(client or PoliteClient(max_rps=rps), years),
                        prefix=warc_prefix or CC_DATA, max_rps=rps)
    else:
        parts = urlsplit(spec)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"--source must be wayback, commoncrawl or an http(s) CDX URL,"
                              f" got {spec!r}")
        url = spec.rstrip("/")
        if url.endswith("/cdx/search/cdx"):
            source = Source(spec, "ia", "replay", [url], wb=url[:-len("/cdx/search/cdx")]
                            + "/web")
        elif url.endswith("/cdx"):
            source = Source(spec, "pywb", "replay", [url], wb=url[:-len("/cdx")])
        else:
            source = Source(spec, "pywb", "range", [url],
                            prefix=(warc_prefix or f"{parts.scheme}://{parts.netloc}"))
    if max_rps is not None:
        source.max_rps = max_rps
    source.prefix = source.prefix.rstrip("/")
    return source


def _cc_endpoints(client: PoliteClient, years: tuple[int | None, int | None]) -> list[str]:
    """Common Crawl's monthly CDX APIs (newest first in collinfo.json), those of crawls in
    the years asked for (a crawl id is ``CC-MAIN-YYYY-WW``)."""
    first, last = years
    crawls = client.get(CC_COLLINFO).json()
    chosen = []
    for crawl in crawls:
        try:
            year = int(crawl["id"].split("-")[2])
        except (KeyError, IndexError, ValueError):
            continue
        if (first is None or year >= first) and (last is None or year <= last):
            chosen.append(crawl["cdx-api"])
    if not chosen:
        raise SourceError("Common Crawl lists no crawl in the years asked for")
    return chosen
