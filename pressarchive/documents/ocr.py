"""OCR of scanned PDFs and images: pages rendered with pypdfium2, despeckled, read by
Tesseract (``-l vie``) through pytesseract, a page per Tesseract process, ``jobs`` at a time."""

from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor

from .engines import Result, result
from .sniff import PDF, sniff_media_type

OCR_DPI = 300
LANGUAGE = "vie"
DESPECKLE = 3  # median filter size before OCR (0: none); measured in benchmarks/documents.py


def page_images(data: bytes, pages: list[int] | None = None):
    """The pages of a PDF (rendered at OCR_DPI, greyscale; only ``pages``, 0-based, if
    given) or the frames of an image."""
    from PIL import Image, ImageSequence

    if sniff_media_type(data) == PDF:
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise PermissionError("the PDF needs a password to open") from exc
            raise
        try:
            for index in range(len(document)) if pages is None else pages:
                page = document[index]
                yield page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
        finally:
            document.close()
        return
    with Image.open(io.BytesIO(data)) as image:
        for frame in ImageSequence.Iterator(image):
            yield frame.convert("L")


def _read(image) -> str:
    import pytesseract
    from PIL import ImageFilter

    if DESPECKLE:  # a scan's speckles read as stray marks and letters
        image = image.filter(ImageFilter.MedianFilter(DESPECKLE))
    return pytesseract.image_to_string(image, lang=LANGUAGE)


def ocr_bytes(data: bytes, *, jobs: int | None = None, pages: list[int] | None = None
              ) -> Result:
    """Tesseract's text of every page (or of ``pages``), in order; ``page_texts`` each."""
    jobs = jobs or min(2, os.cpu_count() or 1)
    texts: list[str] = []
    batch = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # a batch of pages in memory at once
        for image in page_images(data, pages):
            batch.append(image)
            if len(batch) == jobs:
                texts += pool.map(_read, batch)
                batch = []
        texts += pool.map(_read, batch)
    if not texts:
        return result("corrupt", "", 0, "no pages to read")
    return {**result("ocr", "\n\n".join(texts), len(texts)), "page_texts": texts}
