"""Choosing the engine for a document and running it: ``extract_document``, ``ocr_document``."""

from __future__ import annotations

import io
import os
import zipfile

from . import sniff as mt
from .model import MAX_DOCUMENT_BYTES, MAX_UNPACKED_BYTES, DocumentText
from .runner import run_engine

# The engine per media type, chosen by measurement (benchmarks/documents.py, README).
ENGINE_FOR = {mt.PDF: "pypdf", mt.DOCX: "python-docx", mt.XLSX: "openpyxl", mt.DOC: "antiword"}
OCR_ENGINE = "tesseract"
IMAGE_PREFIX = "image/"
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
    found = run_engine(chosen, data, timeout=timeout)
    document = DocumentText(media, found["status"], found["text"], found["pages"], chosen,
                            found["reason"])
    if document.text_status == "needs_ocr" and ocr:
        scanned = ocr_document(data, timeout=ocr_timeout)
        return scanned if scanned.has_text else document
    return document


def ocr_document(data: bytes, *, timeout: float = 600.0, jobs: int | None = None
                 ) -> DocumentText:
    """Tesseract's Vietnamese reading of a scanned PDF or an image, page by page
    (``jobs`` pages at once, one core each; default: up to 2)."""
    media = mt.sniff_media_type(data)
    refused = _refusal(data, media, MAX_DOCUMENT_BYTES)
    if refused:
        return DocumentText(media, refused[0], "", None, "", refused[1])
    if media != mt.PDF and not (media or "").startswith(IMAGE_PREFIX):
        return DocumentText(media, "unsupported", "", None, "", "OCR reads PDFs and images only")
    env = {"OMP_THREAD_LIMIT": "1", "PRESSARCHIVE_OCR_JOBS": str(jobs or min(2, os.cpu_count()
                                                                          or 1))}
    found = run_engine(OCR_ENGINE, data, timeout=timeout, env=env)
    return DocumentText(media, found["status"], found["text"], found["pages"], OCR_ENGINE,
                        found["reason"])


def _refusal(data: bytes, media: str | None, max_bytes: int) -> tuple[str, str] | None:
    """(status, reason) for a file no engine should be given, None for the others."""
    if len(data) > max_bytes:
        return "too_large", f"the file is {len(data):,} bytes, over the {_limit(max_bytes)} limit"
    if not data:
        return "corrupt", "the file is empty"
    if media in _ZIPPED:
        return _zip_refusal(data)
    if data.startswith(mt.OLE_MAGIC) and "EncryptionInfo".encode("utf-16-le") in data:
        return "encrypted", "the Office document is password-protected"
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
