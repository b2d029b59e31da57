"""The records extraction produces: plain dataclasses, no Scrapy."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class ExtractionError(ValueError):
    """A page could not yield an article; ``reason`` says why (stored in ``fetch_errors``)."""

    def __init__(self, reason: str, url: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url


@dataclass
class Image:
    url: str
    caption: str | None = None


@dataclass
class Attachment:
    url: str
    name: str | None = None


@dataclass
class Article:
    """One article's fields, as DESIGN.md defines them (keys match the ``articles`` table)."""

    url: str
    title: str
    body: str
    site: str | None = None
    published: str | None = None
    published_precision: str | None = None  # day | minute | second
    published_source: str | None = None  # meta | page | list | prose (prose = flagged)
    author: str | None = None
    source: str | None = None
    lead: str | None = None
    category: str | None = None
    language: str = "vi"
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # Where the raw page is kept (set by the crawler's WARC capture; not content).
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_worker: str | None = None  # the distributed worker whose disk holds the file
    fetched_url: str | None = None  # the URL the page was fetched from (evidence)
    # HTTP validators of the fetched page, for conditional re-checks (not content).
    etag: str | None = None
    last_modified: str | None = None
    # Provenance (not content): live | import | wayback | commoncrawl | a CDX URL; when
    # that capture was made; the URL it was fetched from. None: a live crawl, now.
    capture_source: str | None = None
    capture_time: str | None = None
    capture_url: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["word_count"] = self.word_count
        return data
