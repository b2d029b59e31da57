"""Raw captures: every request/response of a crawl into gzip WARC files.

A Scrapy downloader middleware placed next to the downloader, so the bytes are the ones
the portal sent (still compressed if it compressed them; windows-1258 stays windows-1258).
Each record is its own gzip member (serialised by :mod:`pressarchive.warcrecord` as
warcio writes them; warcio reads them) and each response/request pair is written and
flushed at once: a killed run leaves files readable up to the last whole pair. Files rotate
by size; each starts with a ``warcinfo`` record naming the operator, the software and the
robots policy.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, BinaryIO

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from warcio.archiveiterator import ArchiveIterator

from . import __version__, diskfull, warcrecord

META_KEY = "pressarchive_warc"  # response.meta: (file name, offset) of the response record


def warc_dir(settings: Any) -> Path:
    configured = settings.get("PRESSARCHIVE_WARC_DIR")
    if configured:
        return Path(configured)
    return Path(settings.get("PRESSARCHIVE_DB")).parent / "warc"


class WarcWriterFiles:
    """Rotating gzip WARC files ``<site>-<UTC time>-<pid>-<n>.warc.gz`` in one folder
    (``<site>-<worker>-<UTC time>-<pid>-<n>.warc.gz`` on a distributed worker)."""

    def __init__(self, folder: Path, site: str, max_bytes: int, info: dict[str, str],
                 relative_to: Path, worker: str | None = None) -> None:
        self.folder = folder
        self.relative_to = relative_to
        self.site = f"{site}-{worker}" if worker else site
        self.max_bytes = max_bytes
        self.info = info
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.serial = 0
        self.fh: BinaryIO | None = None
        self.name = ""
        self.relative = ""  # the current file's path from ``relative_to``

    def _open(self) -> None:
        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.serial += 1
        self.name = f"{self.site}-{self.stamp}-{os.getpid()}-{self.serial:05d}.warc.gz"
        self.relative = os.path.relpath(self.folder / self.name, self.relative_to)
        self.fh = (self.folder / self.name).open("ab")
        self.fh.write(warcrecord.warcinfo_record(self.name, self.info))
        self.fh.flush()

    def _ready(self) -> None:
        """Open the next file when there is none or the current one is full; a file that
        failed while it was being opened is cut back to nothing."""
        if self.fh is None or self.fh.tell() >= self.max_bytes:
            try:
                self._open()
            except OSError:
                if self.name:
                    self._cut(0)
                raise

    def write(self, request: Request, response: Response) -> tuple[str, int]:
        """Write the response and request records; returns (file, offset of response)."""
        self._ready()
        path = request.url.split("://", 1)[-1].partition("/")[2]
        members = warcrecord.exchange_records(
            response.url, warcrecord.http_block_raw(warcrecord.status_line(response.status),
                                                    response.headers), response.body,
            request.url, warcrecord.http_block_raw(f"{request.method} /{path} HTTP/1.1",
                                                   request.headers), request.body)
        return self._append(members)

    def write_copy(self, url: str, status: int, headers: list[tuple[str, str]], body: bytes,
                   warc_headers: dict[str, str]) -> tuple[str, int]:
        """One response record of a page fetched from elsewhere (a web archive), with
        ``warc_headers`` (WARC-Date, WARC-Refers-To-*, source) of its own; returns (file,
        offset of the record)."""
        self._ready()
        fields = warcrecord.init_fields("response", url, warc_headers.items())
        http = warcrecord.http_block(warcrecord.status_line(status), headers)
        return self._append(warcrecord.gzip_record(fields, "response", http, body))

    def _append(self, members: bytes) -> tuple[str, int]:
        """Write whole records at once and flush them; a failed write is cut back."""
        assert self.fh is not None
        offset = self.fh.tell()
        try:
            self.fh.write(members)
            self.fh.flush()
        except OSError:
            self._cut(offset)  # no record cut short stays behind in the file
            raise
        return self.relative, offset

    def _cut(self, offset: int) -> None:
        """Truncate the current file back to ``offset`` (after a failed write)."""
        path, fh = self.folder / self.name, self.fh
        self.fh = None
        if fh is not None:
            try:
                fh.close()
            except OSError:
                pass  # its unwritten buffer is what we are cutting away
        os.truncate(path, offset)

    def close(self) -> None:
        if self.fh is not None:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            self.fh = None


class WarcCapture:
    """Downloader middleware (on when PRESSARCHIVE_WARC): capture, then tag the response."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.files: WarcWriterFiles | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCapture:
        mw = cls(crawler)
        if crawler.settings.getbool("PRESSARCHIVE_WARC"):
            crawler.signals.connect(mw.opened, signal=signals.spider_opened)
            crawler.signals.connect(mw.closed, signal=signals.spider_closed)
        return mw

    def opened(self, spider: Any) -> None:
        settings = self.crawler.settings
        info = {
            "software": f"pressarchive/{__version__} (Scrapy, warcio)",
            "operator": settings.get("PRESSARCHIVE_CONTACT"),
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "isPartOf": getattr(spider, "site", spider.name),
            **({"worker": settings.get("PRESSARCHIVE_WORKER")}
               if settings.get("PRESSARCHIVE_WORKER") else {}),
            "format": "WARC File Format 1.1",
        }
        self.files = WarcWriterFiles(
            warc_dir(settings), getattr(spider, "site", spider.name),
            settings.getint("PRESSARCHIVE_WARC_MAX_BYTES", 100 * 1024 * 1024), info,
            relative_to=Path(settings.get("PRESSARCHIVE_DB")).parent,
            worker=settings.get("PRESSARCHIVE_WORKER") or None)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.files is not None:
            try:
                request.meta[META_KEY] = self.files.write(request, response)
            except OSError as exc:
                if not diskfull.is_disk_full(exc):
                    raise
                diskfull.stop_crawl(self.crawler, diskfull.describe(
                    self.files.folder, len(response.body) * 2 + 1_000_000))
                raise IgnoreRequest(f"{diskfull.STOP_REASON}: capture not written") from None
        return response

    def closed(self, spider: Any) -> None:
        if self.files is not None:
            try:
                self.files.close()
            except OSError as exc:
                if not diskfull.is_disk_full(exc):
                    raise
                diskfull.stop_crawl(self.crawler, diskfull.describe(self.files.folder, 0))


def read_capture(path: Path, offset: int) -> tuple[bytes, str | None]:
    """The HTTP payload (decompressed, de-chunked) of the record at ``offset``, and its
    Content-Type header."""
    with path.open("rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            content_type = record.http_headers.get_header("Content-Type") \
                if record.http_headers else None
            return record.content_stream().read(), content_type
    raise FileNotFoundError(f"no WARC record at {path}:{offset}")


def read_capture_header(path: Path, offset: int) -> tuple[str, str, str | None]:
    """(WARC-Target-URI, WARC-Date, HTTP status) of the response record at ``offset``;
    OSError if the file cannot be read, ValueError if no response record is there."""
    with path.open("rb") as fh:
        fh.seek(offset)
        try:
            record = next(iter(ArchiveIterator(fh)), None)
        except Exception as exc:  # warcio: not a WARC record there
            raise ValueError(f"no WARC record at {path}:{offset} ({exc})") from exc
        if record is None or record.rec_type != "response":
            raise ValueError(f"no response record at {path}:{offset}")
        status = record.http_headers.get_statuscode() if record.http_headers else None
        return (record.rec_headers.get_header("WARC-Target-URI"),
                record.rec_headers.get_header("WARC-Date"), status)


def iso_time(warc_date: str | None) -> str | None:
    """A WARC-Date (``2023-02-05T10:00:00Z``) or a 14-digit CDX timestamp as ISO 8601 with
    the Vietnam offset, as the archive keeps times (``2023-02-05T17:00:00+07:00``); None
    or a malformed value gives None."""
    if not warc_date:
        return None
    try:
        if warc_date.isdigit():
            when = datetime.strptime(warc_date[:14].ljust(14, "0"), "%Y%m%d%H%M%S")
        else:
            when = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when.astimezone(timezone(timedelta(hours=7))).replace(microsecond=0).isoformat()


def iter_html_responses(path: Path, start: int = 0, end: int | None = None
                        ) -> Iterator[tuple[str, int, bytes, str | None, str | None]]:
    """(URL, offset, payload, Content-Type, capture time) of every 200 HTML response record
    in a WARC file written by any tool (wget, Heritrix, Browsertrix, pressarchive); the
    time is the record's WARC-Date as ISO 8601 with its offset. Only the records that
    start in [``start``, ``end``) when given (see :func:`record_ranges`)."""
    with path.open("rb") as fh:
        fh.seek(start)
        iterator = ArchiveIterator(fh)
        records = 0
        for record in iterator:
            records += 1
            if record.rec_type is None:
                raise ValueError(f"no WARC record at offset {iterator.get_record_offset()}")
            if record.rec_type != "response" or record.http_headers is None \
                    or record.http_headers.get_statuscode() != "200" \
                    or "html" not in (record.http_headers.get_header("Content-Type")
                                      or "").lower():
                if end is not None and iterator.get_record_offset() >= end:
                    return
                continue
            body = record.content_stream().read()
            offset = iterator.get_record_offset()
            if end is not None and offset >= end:
                return  # the next range's first record
            yield (record.rec_headers.get_header("WARC-Target-URI"), offset, body,
                   record.http_headers.get_header("Content-Type"),
                   iso_time(record.rec_headers.get_header("WARC-Date")))
        if not records and not start:
            raise ValueError("no WARC records found (not a WARC file?)")


RANGE_RECORDS = 16  # records a range (a worker's task when importing)


def record_ranges(path: Path, records: int = RANGE_RECORDS) -> Iterator[tuple[int, int | None]]:
    """(start, end) byte ranges of ``path``, each of about ``records`` whole records, for
    :func:`iter_html_responses` to read in several processes. A gzip file is split at its
    members, found by zlib alone (no record is parsed); a plain one by warcio's offsets.
    The last range ends at None (the end of the file): whatever could not be split (a
    member cut short, damaged data, junk) is left to the reader, which says what is
    wrong as it would reading the whole file."""
    bound = 0
    for n, start in enumerate(_record_starts(path)):
        if n and not n % records:
            yield bound, start
            bound = start
    yield bound, None


def _record_starts(path: Path) -> Iterator[int]:
    """The offsets of ``path``'s whole records, up to the first that cannot be read."""
    with path.open("rb") as fh:
        if fh.read(2) == b"\x1f\x8b":
            yield from _member_starts(fh)
            return
        fh.seek(0)
        iterator = ArchiveIterator(fh, no_record_parse=True)
        try:
            for _record in iterator:
                yield iterator.get_record_offset()
        except Exception:  # noqa: BLE001 - the reader meets it again and says what
            return


def _member_starts(fh: BinaryIO, feed: int = 16 * 1024, block: int = 4 << 20
                   ) -> Iterator[int]:
    """The offsets of a gzip file's whole members (each inflated and thrown away, at C
    speed; fed ``feed`` bytes at a time so little is copied), up to the first damaged or
    cut one."""
    fh.seek(0)
    data, base, pos = fh.read(block), 0, 0  # data holds the file from offset ``base``
    while pos < len(data):
        start, inflater = base + pos, zlib.decompressobj(31)
        while not inflater.eof:
            if pos >= len(data):
                more = fh.read(block)
                if not more:
                    return  # cut short
                base, data, pos = base + pos, more, 0
            piece = memoryview(data)[pos:pos + feed]
            try:
                inflater.decompress(piece)
            except zlib.error:
                return  # damaged
            pos += len(piece) - len(inflater.unused_data)
        yield start
        if pos >= len(data):
            base, data, pos = base + pos, fh.read(block), 0
