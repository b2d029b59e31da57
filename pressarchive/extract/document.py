"""Bytes or text in, a parsed document out: charset detection and parsing."""

from __future__ import annotations

import re

import lxml.html
from parsel import Selector
from w3lib.encoding import html_to_unicode

from .model import ExtractionError

MAX_BYTES = 20 * 1024 * 1024
# huge_tree: libxml2 otherwise silently drops content nested deeper than 256 levels.
_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then ``<meta charset>``, then sniffing.

    ``windows-1258`` pages decode to partly decomposed text; callers NFC-normalise.
    """
    if isinstance(body, str):
        return body
    header = content_type if content_type and "charset" in content_type.lower() else None
    _, text = html_to_unicode(header, body)
    return text


def parse_document(html: bytes | str, url: str, content_type: str | None = None) -> Selector:
    """Parse ``html`` into a parsel Selector; junk or empty input raises ExtractionError."""
    if isinstance(html, bytes) and len(html) > MAX_BYTES:
        raise ExtractionError(f"page too large ({len(html)} bytes)", url)
    text = decode_html(html, content_type)
    if not text.strip():
        raise ExtractionError("empty document", url)
    head = text[:4096]
    controls = len(_CONTROL.findall(head))
    if controls > len(head) * 0.05:
        raise ExtractionError("not an HTML document (binary content)", url)
    try:
        root = lxml.html.document_fromstring(text.replace("\x00", ""), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}", url) from exc
    return Selector(root=root, type="html", base_url=url)
