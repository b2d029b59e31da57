"""Text engines, run inside the worker process (pressarchive.documents.worker).

Each takes the document's bytes and returns a dict with ``status``, ``text`` (raw),
``pages`` and ``reason``; an exception means the file is corrupt for that engine.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
from collections.abc import Callable

from .model import MIN_CHARS_PER_PAGE
from .textutil import letters, tidy

Result = dict


def result(status: str, text: str = "", pages: int | None = None, reason: str = "") -> Result:
    """An engine's answer."""
    return {"status": status, "text": text, "pages": pages, "reason": reason}


def _pdf_pages(texts: list[str]) -> Result:
    """text, or needs_ocr when half the pages or more have (almost) no text layer."""
    texts = [tidy(text) for text in texts]
    bare = sum(letters(text) < MIN_CHARS_PER_PAGE for text in texts)
    joined = "\n\n".join(text for text in texts if text)
    if not texts:
        return result("corrupt", "", 0, "the PDF has no pages")
    if bare * 2 >= len(texts):
        return {**result("needs_ocr", joined, len(texts),
                         f"{bare} of {len(texts)} pages have no text layer (a scan?)"),
                "page_texts": texts}
    return result("text", joined, len(texts))


def pdf_pypdf(data: bytes) -> Result:
    """PDF text with pypdf (pure Python)."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (NotImplementedError, FileNotDecryptedError) as exc:
                return result("encrypted", reason=f"the PDF is encrypted ({exc})")
            if not opened:
                return result("encrypted", reason="the PDF needs a password to open")
        return _pdf_pages([page.extract_text() or "" for page in reader.pages])
    except LimitReachedError as exc:  # a stream that unpacks past pypdf's own cap: a bomb
        return result("too_large", reason=f"a stream unpacks past pypdf's limit ({exc})")


def pdf_pdfplumber(data: bytes) -> Result:
    """PDF text with pdfplumber (pdfminer.six's layout analysis)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            return _pdf_pages([page.extract_text() or "" for page in pdf.pages])
    except PDFPasswordIncorrect:
        return result("encrypted", reason="the PDF needs a password to open")


def docx_python_docx(data: bytes) -> Result:
    """DOCX body text with python-docx: paragraphs, tables (a row a line), content
    controls and text boxes, in document order (docxtext.py)."""
    from docx import Document

    from .docxtext import body_lines

    document = Document(io.BytesIO(data))
    return result("text", "\n".join(body_lines(document.element.body)), _docx_pages(data))


def _docx_pages(data: bytes) -> int | None:
    """The page count Word saved in docProps/app.xml, if any."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            app = archive.read("docProps/app.xml")[:65536]
    except (KeyError, zipfile.BadZipFile):
        return None
    found = re.search(rb"<Pages>(\d+)</Pages>", app)
    return int(found.group(1)) if found else None


def xlsx_openpyxl(data: bytes) -> Result:
    """XLSX cell values, sheet by sheet, a row a line, with openpyxl (read-only mode)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: list[str] = []
    try:
        for sheet in book.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell(value) for value in row if value is not None]
                if cells:
                    lines.append("\t".join(cells))
            lines.append("")
    finally:
        book.close()
    return result("text", "\n".join(lines), None)


def xls_xlrd(data: bytes) -> Result:
    """Excel 97-2003 .xls cell values, sheet by sheet, a row a line, with xlrd."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            return result("encrypted", reason="the workbook is password-protected")
        raise
    lines: list[str] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            lines.append(sheet.name)
            for row in range(sheet.nrows):
                cells = [_xls_cell(book, cell) for cell in sheet.row(row)]
                cells = [cell for cell in cells if cell]
                if cells:
                    lines.append("\t".join(cells))
            lines.append("")
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return result("text", "\n".join(lines), None)


def _xls_cell(book, cell) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode).isoformat(sep=" ")
        except (ValueError, OverflowError):
            return _cell(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return _cell(cell.value)


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _word_encrypted(data: bytes) -> bool:
    """The FIB's fEncrypted flag of a Word 97 .doc (olefile reads the compound file)."""
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):
            raise ValueError("no WordDocument stream")
        fib = ole.openstream("WordDocument").read(12)
    return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & 0x0100)


def _run_tool(argv: list[str], data: bytes, suffix: str) -> subprocess.CompletedProcess:
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run([*argv, handle.name], capture_output=True, check=False)


def _doc(argv: list[str], data: bytes) -> Result:
    if _word_encrypted(data):
        return result("encrypted", reason="the Word document is password-protected")
    done = _run_tool(argv, data, ".doc")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(message[-1] if message else f"{argv[0]} exited {done.returncode}")
    return result("text", done.stdout.decode("utf-8", "replace"), None)


def doc_antiword(data: bytes) -> Result:
    """Word 97-2003 .doc text with antiword (Debian's antiword)."""
    return _doc(["antiword", "-m", "UTF-8.txt", "-w", "0"], data)


def doc_catdoc(data: bytes) -> Result:
    """Word 97-2003 .doc text with catdoc (Debian's catdoc)."""
    return _doc(["catdoc", "-d", "utf-8", "-w"], data)


def ocr_tesseract(data: bytes) -> Result:
    """OCR of a scanned PDF or an image (tesseract -l vie); see ocr.py."""
    from .ocr import ocr_bytes

    pages = os.environ.get("PRESSARCHIVE_OCR_PAGES")
    return ocr_bytes(data, jobs=int(os.environ.get("PRESSARCHIVE_OCR_JOBS", "0")) or None,
                     pages=[int(page) for page in pages.split(",")] if pages else None)


ENGINES: dict[str, Callable[[bytes], Result]] = {
    "pypdf": pdf_pypdf, "pdfplumber": pdf_pdfplumber, "python-docx": docx_python_docx,
    "openpyxl": xlsx_openpyxl, "xlrd": xls_xlrd, "antiword": doc_antiword, "catdoc": doc_catdoc,
    "tesseract": ocr_tesseract,
}
