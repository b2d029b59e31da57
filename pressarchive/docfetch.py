"""From a fetched attachment's bytes to a :class:`~pressarchive.items.Document`.

The crawl (off the reactor thread), ``reextract`` and ``ocr`` all go through
:func:`document_record`: the digest, a content-type and magic-byte check, then the text
engines of :mod:`pressarchive.documents` (each under a time limit there).
"""

from __future__ import annotations

import hashlib
from typing import Any

from .items import Document
from .textnorm import nfc


def declared_type(content_type: str | None) -> str | None:
    """``application/pdf`` of a Content-Type header such as ``application/pdf; x=y``."""
    value = (content_type or "").split(";", 1)[0].strip().lower()
    return value or None


def extract(data: bytes, *, declared: str | None, filename: str | None, ocr: bool = False,
            timeout: float = 60.0, ocr_timeout: float = 600.0) -> Any:
    """:func:`pressarchive.documents.extract_document`: the media type from the magic
    bytes first (a portal's HTML error page served as ``application/pdf`` is
    ``unsupported``, and no engine runs on it), then the declared type, then the name."""
    from .documents import extract_document

    return extract_document(data, declared=declared, filename=filename, ocr=ocr,
                            timeout=timeout, ocr_timeout=ocr_timeout)


def document_record(data: bytes, *, url: str, site: str | None, content_type: str | None,
                    filename: str | None, ocr: bool = False, timeout: float = 60.0,
                    ocr_timeout: float = 600.0,
                    warc: tuple[str | None, int | None] = (None, None),
                    fetched_url: str | None = None) -> Document:
    """The Document of one fetched file (its text NFC)."""
    result = extract(data, declared=declared_type(content_type), filename=filename, ocr=ocr,
                     timeout=timeout, ocr_timeout=ocr_timeout)
    return Document(
        url=url, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        text_status=result.text_status, site=site, media_type=result.media_type,
        pages=result.pages, reason=result.reason or None, engine=result.engine or None,
        text=nfc(result.text) if result.text else None,
        warc_file=warc[0], warc_offset=warc[1], fetched_url=fetched_url or url)


def file_name(url: str, name: str | None = None) -> str:
    """The file name a document URL ends with (Liferay's ``/documents/G/F/NAME/UUID``
    puts it before the UUID), else the link's text."""
    from urllib.parse import unquote, urlsplit

    parts = [p for p in urlsplit(url).path.split("/") if p]
    for part in reversed(parts):
        if "." in part:
            return unquote(part)
    return name or (unquote(parts[-1]) if parts else "")
