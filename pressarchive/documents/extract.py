"""Choosing the engine for a document and running it: ``extract_document``, ``ocr_document``."""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import replace

from . import sniff as mt
from .model import MAX_DOCUMENT_BYTES, MAX_UNPACKED_BYTES, MIN_CHARS_PER_PAGE, DocumentText
from .runner import run_engine
from .textutil import letters

# The engine per media type, chosen by measurement (benchmarks/documents.py, README).
ENGINE_FOR = {mt.PDF: "pypdf", mt.DOCX: "python-docx", mt.XLSX: "openpyxl", mt.DOC: "antiword",
              mt.XLS: "xlrd"}
# Tried when the first engine finds a file corrupt (antiword segfaults on some files).
FALLBACK = {"pypdf": "pdfplumber", "antiword": "catdoc"}
OCR_ENGINE = "tesseract"
IMAGE_PREFIX = "image/"
PAGE_BREAK = "\n\n"  # between pages in a document's text
_ZIPPED = (mt.DOCX, mt.XLSX)


def extract_document(data: bytes, *, declared: str | None = None, filename: str | None = None,
                     ocr: bool = False, timeout: float = 60.0,
                     max_bytes: int = MAX_DOCUMENT_BYTES, engine: str | None = None,
                     ocr_timeout: float = 600.0) -> DocumentText:
    """The text of one document (never raises for bad input: the status says what happened).

    ``engine`` overrides the choice for the type (e.g. 'pdfplumber', 'catdoc'); with
    ``ocr``, a PDF without a text layer, or an image, is OCR'd (``ocr_timeout``)."""
    media = mt.sniff_media_type(data, declared, filename)
    refused = _refusal(data, media, max_bytes)
    if refused:
        return DocumentText(media, refused[0], "", None, "", refused[1])
    if media and media.startswith(IMAGE_PREFIX) and media != "image/gif":
        if ocr:
            return ocr_document(data, timeout=ocr_timeout)
        return DocumentText(media, "needs_ocr", "", 1, "", "an image: its text needs OCR")
    chosen = engine or ENGINE_FOR.get(media or "")
    if not chosen:
        return DocumentText(media, "unsupported", "", None, "", _unsupported(media))
    found, chosen = _run_with_fallback(chosen, data, timeout, fallback=engine is None)
    document = DocumentText(media, found["status"], found["text"], found["pages"], chosen,
                            found["reason"])
    if document.text_status == "text" and media == mt.PDF:
        document = _legacy_font_check(document)
    if document.text_status == "needs_ocr" and ocr:
        return _ocr_bare_pages(data, document, found.get("page_texts"), ocr_timeout)
    return document


def _ocr_bare_pages(data: bytes, document: DocumentText, page_texts: list[str] | None,
                    timeout: float) -> DocumentText:
    """The document with its pages that have no text layer OCR'd (the others kept)."""
    bare = [i for i, text in enumerate(page_texts or []) if letters(text) < MIN_CHARS_PER_PAGE]
    whole = not page_texts or len(bare) == len(page_texts)
    found = _ocr(data, timeout, None, None if whole else bare)
    if found["status"] != "ocr":
        return replace(document, reason=f"{document.reason}; OCR: {found['reason']}")
    texts = list(page_texts or [])
    if not whole:
        for index, text in zip(bare, found["page_texts"], strict=True):
            texts[index] = text
    text = found["text"] if whole else PAGE_BREAK.join(t for t in texts if t)
    return DocumentText(document.media_type, "ocr", text, document.pages or found["pages"],
                        OCR_ENGINE, "")


def _legacy_font_check(document: DocumentText) -> DocumentText:
    """A PDF whose text layer is in a legacy Vietnamese font encoding (TCVN3, VNI) reads
    as gibberish; its pages, rendered and OCR'd, read as Unicode: so it needs OCR."""
    from pressarchive.extract.charset import legacy_font

    encoding = legacy_font(document.text[:200_000])
    if not encoding:
        return document
    return replace(document, text_status="needs_ocr", reason=(
        f"its text layer is in the legacy {encoding} font encoding (OCR reads it as Unicode)"))


def _run_with_fallback(engine: str, data: bytes, timeout: float, *, fallback: bool
                       ) -> tuple[dict, str]:
    """The engine's result; when it finds the file corrupt, the fallback engine's if that
    reads it, within what is left of ``timeout``."""
    started = time.monotonic()
    found = run_engine(engine, data, timeout=timeout)
    second = FALLBACK.get(engine) if fallback else None
    left = timeout - (time.monotonic() - started)
    if found["status"] != "corrupt" or not second or left < 1:
        return found, engine
    other = run_engine(second, data, timeout=left)
    if other["status"] != "corrupt":
        return other, second
    return {**found, "reason": f"{found['reason']} ({second} could not either)"}, engine


def ocr_document(data: bytes, *, timeout: float = 600.0, jobs: int | None = None,
                 pages: list[int] | None = None) -> DocumentText:
    """Tesseract's Vietnamese reading of a scanned PDF or an image, page by page
    (``jobs`` pages at once, one core each; default: up to 2; only ``pages``, 0-based)."""
    media = mt.sniff_media_type(data)
    refused = _refusal(data, media, MAX_DOCUMENT_BYTES)
    if refused:
        return DocumentText(media, refused[0], "", None, "", refused[1])
    if media != mt.PDF and not (media or "").startswith(IMAGE_PREFIX):
        return DocumentText(media, "unsupported", "", None, "", "OCR reads PDFs and images only")
    found = _ocr(data, timeout, jobs, pages)
    return DocumentText(media, found["status"], found["text"], found["pages"], OCR_ENGINE,
                        found["reason"])


def _ocr(data: bytes, timeout: float, jobs: int | None, pages: list[int] | None) -> dict:
    env = {"OMP_THREAD_LIMIT": "1",  # a page per Tesseract process, each on one core
           "PRESSARCHIVE_OCR_JOBS": str(jobs or min(2, os.cpu_count() or 1)),
           "PRESSARCHIVE_OCR_PAGES": ",".join(map(str, pages or []))}
    return run_engine(OCR_ENGINE, data, timeout=timeout, env=env)


def _refusal(data: bytes, media: str | None, max_bytes: int) -> tuple[str, str] | None:
    """(status, reason) for a file no engine should be given, None for the others."""
    if len(data) > max_bytes:
        return "too_large", f"the file is {len(data):,} bytes, over the {_limit(max_bytes)} limit"
    if not data:
        return "corrupt", "the file is empty"
    if data.startswith(mt.OLE_MAGIC) and "EncryptionInfo".encode("utf-16-le") in data:
        return "encrypted", "the Office document is password-protected"
    if media in _ZIPPED:
        return _zip_refusal(data)
    return None


def _zip_refusal(data: bytes) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return "corrupt", f"a broken zip container ({exc})"
    if unpacked > MAX_UNPACKED_BYTES:
        return "too_large", (f"unpacks to {_mb(unpacked)}, over the {_limit(MAX_UNPACKED_BYTES)}"
                             " limit (a zip bomb?)")
    return None


def _unsupported(media: str | None) -> str:
    if media == mt.HTML:
        return "a web page, not a document (an error or login page?)"
    return f"no text engine for {media}" if media else "not a document type this reads"


def _limit(size: int) -> str:
    return f"{size >> 20} MB" if size and not size % (1 << 20) else f"{size:,}-byte"


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB"
