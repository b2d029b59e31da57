"""A capture's original bytes: raw replay (``id_``) from a Wayback-style server, or the
WARC record itself by a range request (Common Crawl's filename/offset/length)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from .client import FetchError, PoliteClient
from .sources import Source

# Headers that describe the transfer, not the page: dropped from our copy (warcio writes
# the length of what we keep; requests has undone any compression).
_TRANSFER = {"content-encoding", "transfer-encoding", "content-length", "connection"}


@dataclass
class Fetched:
    body: bytes
    content_type: str
    headers: list[tuple[str, str]]
    status: int
    source_uri: str  # what was fetched: the replay URL or the WARC file's URL
    source_range: str | None = None
    record_id: str | None = None  # the archive's WARC-Record-ID, when its record was read
    extra: dict[str, Any] = field(default_factory=dict)


def fetch(client: PoliteClient, source: Source, capture: dict[str, Any]) -> Fetched:
    """The capture's page, or :class:`FetchError` (no answer, an error status, a truncated
    record)."""
    if source.mode == "range":
        return _fetch_range(client, source, capture)
    url = f"{source.wb}/{capture['timestamp']}id_/{capture['url']}"
    resp = client.get(url)
    headers = [(k, v) for k, v in resp.headers.items() if k.lower() not in _TRANSFER]
    return Fetched(resp.content, resp.headers.get("Content-Type", ""), headers,
                   resp.status_code, url)


def _fetch_range(client: PoliteClient, source: Source, capture: dict[str, Any]) -> Fetched:
    try:
        offset, length = int(capture["offset"]), int(capture["length"])
        filename = capture["filename"]
    except (KeyError, TypeError, ValueError):
        raise FetchError("CDX line without filename/offset/length") from None
    url = f"{source.prefix}/{filename.lstrip('/')}"
    span = f"bytes={offset}-{offset + length - 1}"
    resp = client.get(url, headers={"Range": span})
    raw = resp.content
    if resp.status_code == 200 and len(raw) > length:  # the server ignored Range
        raw = raw[offset:offset + length]
    if len(raw) < length:
        raise FetchError(f"truncated WARC record: {len(raw)} of {length} bytes", 206)
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(raw))))
        if record.rec_type != "response" or record.http_headers is None:
            raise FetchError(f"not a response record ({record.rec_type})")
        body = record.content_stream().read()
    except FetchError:
        raise
    except Exception as exc:  # warcio on a cut or garbled record
        raise FetchError(f"unreadable WARC record: {type(exc).__name__}: {exc}") from None
    http = record.http_headers
    status = int(http.get_statuscode() or 0)
    headers = [(k, v) for k, v in http.headers if k.lower() not in _TRANSFER]
    return Fetched(body, http.get_header("Content-Type") or "", headers, status, url, span,
                   record.rec_headers.get_header("WARC-Record-ID"))
