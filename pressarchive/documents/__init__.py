"""Document text engines: the text of the PDFs, Word and Excel files a portal links.

Every engine runs in its own process with a time limit and a memory cap, so a hostile
file cannot hang or crash the caller; see README "Document text engines".
"""

from .extract import ENGINE_FOR, extract_document, ocr_document
from .model import (
                    MAX_DOCUMENT_BYTES,
                    MAX_UNPACKED_BYTES,
                    MIN_CHARS_PER_PAGE,
                    STATUSES,
                    DocumentText,
)
from .sniff import sniff_media_type

__all__ = ["ENGINE_FOR", "MAX_DOCUMENT_BYTES", "MAX_UNPACKED_BYTES", "MIN_CHARS_PER_PAGE",
           "STATUSES", "DocumentText", "extract_document", "ocr_document", "sniff_media_type"]
