"""The result of reading a document's text, and the limits every engine runs under."""

from __future__ import annotations

from dataclasses import dataclass

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # a DOCX/XLSX's members, unpacked (zip bombs)
MAX_MEMORY_BYTES = 2 * 1024 * 1024 * 1024  # an engine's address space (its process dies past)
MIN_CHARS_PER_PAGE = 25  # fewer letters/digits than this a page: a scan (needs OCR)

STATUSES = ("text", "ocr", "needs_ocr", "encrypted", "corrupt", "too_large", "unsupported")


@dataclass(frozen=True)
class DocumentText:
    """What an engine read from one document."""

    media_type: str | None  # sniffed from magic bytes first, then declared type, then name
    text_status: str  # one of STATUSES
    text: str  # NFC, '' when none
    pages: int | None
    engine: str  # the engine that read it ('' when none ran)
    reason: str  # one line for a status other than 'text'/'ocr', '' otherwise

    @property
    def has_text(self) -> bool:
        """True when the text is the document's (read or OCR'd)."""
        return self.text_status in ("text", "ocr")
