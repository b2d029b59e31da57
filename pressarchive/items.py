"""What the spider yields: an extracted :class:`Article`, or a :class:`FetchFailure`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .extract.model import Article

__all__ = ["Article", "Document", "FetchFailure", "NotModified", "now_iso"]


def now_iso() -> str:
    """Current time, ISO 8601 with the Vietnam offset, to the second."""
    return datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0).isoformat()


@dataclass
class FetchFailure:
    """A URL that gave no article: the HTTP status or exception, and why."""

    url: str
    reason: str
    status: int | None = None
    site: str | None = None
    time: str = field(default_factory=now_iso)
    kind: str = "article"  # article | list (only article pages are retried by URL)
    category: str | None = None  # the section an article link was found in


@dataclass
class NotModified:
    """A conditional re-check answered 304: the archived article is still current."""

    url: str


@dataclass
class Document:
    """An attachment fetched by the crawl: its bytes' digest and extracted text.

    ``sha256`` is None when the file was refused before its bytes were kept (larger than
    the cap): only its URL, status and reason are recorded."""

    url: str
    sha256: str | None
    size: int
    text_status: str  # text | ocr | needs_ocr | encrypted | corrupt | too_large | unsupported
    site: str | None = None
    media_type: str | None = None
    pages: int | None = None
    reason: str | None = None
    engine: str | None = None
    text: str | None = None
    fetched_at: str = field(default_factory=now_iso)
    warc_file: str | None = None
    warc_offset: int | None = None
    fetched_url: str | None = None
