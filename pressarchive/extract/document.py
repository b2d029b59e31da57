"""Bytes or text in, a parsed document out: charset detection and parsing."""

from __future__ import annotations

import codecs
import re

import lxml.html
from parsel import Selector
from w3lib.encoding import html_body_declared_encoding, html_to_unicode

from . import charset
from .model import ExtractionError

MAX_BYTES = 20 * 1024 * 1024
# libxml2 drops whatever is nested deeper than this, even with huge_tree.
PARSER_MAX_DEPTH = 2040
# huge_tree: libxml2 otherwise silently drops content nested deeper than 256 levels.
_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
# lxml.html's own lookup is a Python call for every element Python touches (about a tenth
# of an extraction); its only extra is form controls' own classes, which nothing here uses.
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
BINARY = "not an HTML document (binary content)"
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# lxml refuses a str that still carries an XML declaration naming an encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Codecs with one byte a character: a declaration naming one of these is a claim that UTF-8
# bytes routinely falsify (a template copied from an old site, a server default of
# iso-8859-1). Multi-byte codecs (GB18030, Shift-JIS, …) are trusted as declared.
_SINGLE_BYTE = ("cp125", "iso8859", "latin", "ascii", "cp437", "cp85", "cp86", "koi8",
                "mac", "tis", "cp874", "viscii", "windows-125")


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then ``<meta charset>``, then sniffing;
    bytes that are not what that says go to :mod:`.charset` (detection, or an
    ExtractionError saying why the text is undecodable).

    ``windows-1258`` pages decode to partly decomposed text; callers NFC-normalise.
    """
    if isinstance(body, str):
        return body
    header = content_type if content_type and "charset" in content_type.lower() else None
    encoding, text = html_to_unicode(header, body)
    if body.isascii():
        return text
    if _valid_utf8(body):
        # A declared single-byte charset loses to bytes that are valid UTF-8: real
        # windows-1258 or latin-1 Vietnamese text is practically never valid UTF-8, while
        # UTF-8 pages behind a wrong header or <meta> are common (portal-markup.md).
        if _single_byte(encoding) or _codec(encoding) == "utf-8":
            return charset.check_utf8(body, text if _codec(encoding) == "utf-8"
                                      else body.decode("utf-8"))
        return text  # a multi-byte charset (GB18030, Shift-JIS, …) is trusted as declared
    if "\ufffd" not in text and not _single_byte(encoding):
        return text
    # A single-byte declaration, or bytes the declared charset cannot read: the page's own
    # single-byte <meta charset> (behind a server's default header) is tried first.
    if _binary(body[:4096].decode("latin-1")):
        raise ExtractionError(BINARY)
    declared = encoding if _single_byte(encoding) else html_body_declared_encoding(body)
    return charset.decode_doubtful(body, declared if _single_byte(declared) else None)


def _binary(head: str) -> bool:
    return len(_CONTROL.findall(head)) > len(head) * 0.05


def _valid_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding or "").name
    except LookupError:
        return ""


def _single_byte(encoding: str | None) -> bool:
    name = _codec(encoding)
    return bool(name) and name.startswith(_SINGLE_BYTE)


def parse_document(html: bytes | str, url: str, content_type: str | None = None) -> Selector:
    """Parse ``html`` into a parsel Selector; junk or empty input raises ExtractionError."""
    if isinstance(html, bytes) and len(html) > MAX_BYTES:
        raise ExtractionError(f"page too large ({len(html)} bytes)", url)
    try:
        text = decode_html(html, content_type)
    except ExtractionError as exc:
        raise ExtractionError(exc.reason, url) from None
    if not text.strip():
        raise ExtractionError("empty document", url)
    if _binary(text[:4096]):
        raise ExtractionError(BINARY, url)
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text.replace("\x00", ""), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}", url) from exc
    return Selector(root=root, type="html", base_url=url)


def too_deep(doc: Selector) -> bool:
    """Whether the page reached the parser's nesting limit (deeper content was dropped)."""
    root = doc.root
    if not isinstance(root, lxml.html.HtmlElement):
        return False
    for el in root.iter():
        if len(el) == 0 and sum(1 for _ in el.iterancestors()) >= PARSER_MAX_DEPTH:
            return True
    return False
