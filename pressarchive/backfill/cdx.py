"""CDX queries, page by page: the query and answer dialects are cdx_toolkit's (pywb's and
the Wayback Machine's CDX servers, Common Crawl's index); the requests are ours
(:class:`~.client.PoliteClient`), because cdx_toolkit's retry 429 and 5xx answers without
end and ignore Retry-After."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cdx_toolkit import cdx_to_captures
from cdx_toolkit.compat import munge_filter

from .client import FetchError, PoliteClient
from .sources import Source

MAX_PAGES = 100_000


@dataclass
class CdxPage:
    number: int
    captures: list[dict[str, Any]]
    last: bool
    note: str = ""  # why paging stopped, if oddly


def query_params(domain: str, source: Source, page: int, from_ts: str | None,
                 to_ts: str | None) -> dict[str, Any]:
    """One page of "every 200 HTML capture under ``domain``" in the source's dialect."""
    params: dict[str, Any] = {
        "url": domain, "matchType": "domain", "output": "json", "page": page,
        "filter": munge_filter(["status:200", "mime:text/html"], source.dialect)}
    if from_ts:
        params["from"] = from_ts
    if to_ts:
        params["to"] = to_ts
    return params


def pages(client: PoliteClient, source: Source, endpoint: str, domain: str, *,
          start: int = 0, from_ts: str | None = None, to_ts: str | None = None
          ) -> Iterator[CdxPage]:
    """The query's pages from ``start`` on; the last one has ``last``. A server that
    answers every page alike (pywb over a plain index ignores ``page=``) ends at the first
    repeat. A failed request or an answer in no CDX dialect raises :class:`FetchError`."""
    seen: set[frozenset[tuple[str, str, str]]] = set()
    for number in range(start, MAX_PAGES):
        resp = client.get(endpoint, params=query_params(domain, source, number, from_ts,
                                                        to_ts), ok=(200, 400, 404))
        if resp.status_code == 400 or not resp.text.strip():  # past the last page
            yield CdxPage(number, [], True)
            return
        try:
            found = [dict(c.data) for c in cdx_to_captures(resp)]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise FetchError(f"CDX answer in no known dialect (page {number}): {exc}",
                             resp.status_code) from None
        if resp.status_code == 404 and found:
            raise FetchError(f"HTTP 404 (page {number})", 404)
        bad = [c for c in found if not c.get("url") or not str(c.get("timestamp", "")).isdigit()]
        if bad:
            raise FetchError(f"CDX answer without url/timestamp (page {number})",
                             resp.status_code)
        keys = frozenset((c["url"], c["timestamp"], c.get("digest", "")) for c in found)
        if not found:
            yield CdxPage(number, [], True)
            return
        if keys in seen:
            yield CdxPage(number, [], True, note=f"page {number} repeats an earlier page"
                          " (the server ignores page=)")
            return
        seen.add(keys)
        yield CdxPage(number, found, False)
    raise FetchError(f"more than {MAX_PAGES} CDX pages")
