"""Generated sample documents for the portal and the tests: one of each kind a portal links.

``sample_documents()`` returns the same bytes on every call (fixed dates and IDs, no
randomness); the slow ones (the scan, the zip bomb) are cached on disk. The legacy Word 97
``.doc`` is written by :mod:`pressarchive.sampleportal.worddoc`.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
import zlib
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from . import doctexts as t

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
_FIXED_DATE = datetime(2026, 3, 14, 8, 0, tzinfo=UTC)
CACHE_VERSION = "1"
SCAN_DPI = 200
BOMB_UNPACKED = 1024 * 1024 * 1024  # the zip bomb's document.xml, unpacked


def font_path(name: str = "DejaVuSans.ttf") -> str:
    """The path of a DejaVu font (fonts-dejavu-core); a clear error when it is missing."""
    for folder in FONT_DIRS:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"font {name} not found (install fonts-dejavu-core)")


def _cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f"pressarchive-sample-docs-{CACHE_VERSION}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _cached(name: str, make) -> bytes:
    """The bytes of ``name`` from the disk cache, made (atomically) on first use."""
    path = _cache_dir() / name
    if path.exists():
        return path.read_bytes()
    data = make()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def _new_pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_creator("pressarchive sample portal")
    pdf.add_font("DejaVu", "", font_path("DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", font_path("DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    return pdf


def _output(pdf) -> bytes:
    return bytes(pdf.output())


def text_pdf() -> bytes:
    """A three-page plan: prose, a two-column page, a table; DejaVu embedded (Unicode)."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, t.PLAN_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for para in t.PLAN_PARAGRAPHS:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.add_page()
    with pdf.text_columns(ncols=2, gutter=10, text_align="LEFT") as cols:
        for para in t.COLUMN_LEFT:
            cols.write(para + "\n")
        cols.new_column()
        for para in t.COLUMN_RIGHT:
            cols.write(para + "\n")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 8, t.TABLE_CAPTION, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    with pdf.table() as table:
        for row in t.TABLE_ROWS:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    return _output(pdf)


def encrypted_pdf() -> bytes:
    """A PDF that opens only with a user password (RC4, deterministic)."""
    from fpdf.enums import EncryptionMethod

    pdf = _new_pdf()
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau-2026",
                       encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    for para in [t.SECRET_TITLE, *t.SECRET_PARAGRAPHS]:
        pdf.multi_cell(0, 7, para, new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)


def corrupt_pdf() -> bytes:
    """The text PDF cut off a third of the way in (inside its first page's content)."""
    data = text_pdf()
    return data[: len(data) // 3]


def scan_image():
    """A page of Vietnamese text rendered to a greyscale image, as a scanner would."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * SCAN_DPI), int(11.69 * SCAN_DPI)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    title = ImageFont.truetype(font_path("DejaVuSerif-Bold.ttf"), SCAN_DPI * 14 // 72)
    body = ImageFont.truetype(font_path("DejaVuSerif.ttf"), SCAN_DPI * 12 // 72)
    margin, y = SCAN_DPI, SCAN_DPI
    for text, font in [(t.SCAN_TITLE, title)] + [(p, body) for p in t.SCAN_PARAGRAPHS]:
        for line in _wrap(draw, text, font, width - 2 * margin):
            draw.text((margin, y), line, font=font, fill=30)
            y += int(font.size * 1.6)
        y += font.size
    return image.rotate(0.4, fillcolor=255, resample=Image.Resampling.BICUBIC)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _make_scan_pdf() -> bytes:
    buffer = io.BytesIO()
    scan_image().save(buffer, "PDF", resolution=SCAN_DPI, title="scan")
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A one-page PDF holding only an image of text (no text layer)."""
    return _cached("scan.pdf", _make_scan_pdf)


def docx() -> bytes:
    """A notice as DOCX: title, paragraphs, a table."""
    from docx import Document

    document = Document()
    document.core_properties.created = _FIXED_DATE.replace(tzinfo=None)
    document.core_properties.modified = _FIXED_DATE.replace(tzinfo=None)
    document.core_properties.revision = 1
    document.add_heading(t.NOTICE_TITLE, level=1)
    for para in t.NOTICE_PARAGRAPHS:
        document.add_paragraph(para)
    table = document.add_table(rows=0, cols=len(t.NOTICE_TABLE[0]))
    for row in t.NOTICE_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def xlsx() -> bytes:
    """A budget report as XLSX: one sheet with a header row, numbers and a note."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = _FIXED_DATE.replace(tzinfo=None)
    book.properties.modified = _FIXED_DATE.replace(tzinfo=None)
    sheet = book.active
    sheet.title = t.REPORT_SHEET[:31]
    for row in t.REPORT_ROWS:
        sheet.append(row)
    sheet.append([])
    sheet.append([t.REPORT_NOTE])
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every member dated _FIXED_DATE (python-docx/openpyxl use now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_DATE.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _strip_modified(body)
            dst.writestr(member, body)
    return out.getvalue()


def _strip_modified(body: bytes) -> bytes:
    import re

    stamp = _FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, body)


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>")


def _make_zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        stamp = _FIXED_DATE.timetuple()[:6]
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", stamp), _CONTENT_TYPES)
        member = zipfile.ZipInfo("word/document.xml", stamp)
        member.compress_type = zipfile.ZIP_DEFLATED
        chunk = b" " * (1 << 20)
        with archive.open(member, "w", force_zip64=True) as body:
            for _ in range(BOMB_UNPACKED >> 20):
                body.write(chunk)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A ~1 MB '.docx' whose document.xml unpacks to 1 GiB."""
    return _cached("bomb.docx", _make_zip_bomb)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content, 9)
    return (b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
            + packed + b"\nendstream")


def exploding_pdf(depth: int = 40) -> bytes:
    """A tiny PDF whose page draws form X1, which draws X2 twice, … down to ``depth``:
    2**depth text drawings, so a text engine never finishes (the PDF 'billion laughs')."""
    first = 5  # objects 1-4: catalog, pages, page, font
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
               b"/Resources << /XObject << /X %d 0 R >> >> >>" % (first + depth, first),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for level in range(depth):
        if level == depth - 1:
            content = b"BT /F1 12 Tf 72 720 Td (Ke hoach) Tj ET"
            resources = b"/Resources << /Font << /F1 4 0 R >> >>"
        else:
            content = b"/Y Do /Y Do"
            resources = b"/Resources << /XObject << /Y %d 0 R >> >>" % (first + level + 1)
        objects.append(_stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                               + resources + b" "))
    objects.append(_stream(b"/X Do"))
    return _pdf(objects)


def oversized_bytes(size: int | None = None) -> bytes:
    """A PDF header followed by zeros: just over MAX_DOCUMENT_BYTES unless ``size`` says."""
    from pressarchive.documents import MAX_DOCUMENT_BYTES

    size = size if size is not None else MAX_DOCUMENT_BYTES + 1
    header = b"%PDF-1.4\n"
    return header + bytes(size - len(header))


def write_oversized(path: str | os.PathLike, size: int | None = None) -> Path:
    """Write a sparse file just over MAX_DOCUMENT_BYTES (no disk blocks for the zeros)."""
    from pressarchive.documents import MAX_DOCUMENT_BYTES

    size = size if size is not None else MAX_DOCUMENT_BYTES + 1
    path = Path(path)
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(size)
    return path


def legacy_doc() -> bytes:
    """A dispatch as a Word 97 binary .doc."""
    from .worddoc import word97_document

    return word97_document([t.DISPATCH_TITLE, *t.DISPATCH_PARAGRAPHS])


PDF, DOCX = "application/pdf", \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"


@lru_cache(maxsize=1)
def _documents() -> tuple[tuple[str, str, bytes], ...]:
    return (
        ("ke-hoach-giao-thong-2026.pdf", PDF, text_pdf()),
        ("thong-bao-tiep-cong-dan.docx", DOCX, docx()),
        ("cong-van-sot-xuat-huyet.doc", DOC, legacy_doc()),
        ("bao-cao-thu-ngan-sach.xlsx", XLSX, xlsx()),
        ("thong-bao-tuyen-dung-scan.pdf", PDF, scanned_pdf()),
        ("ke-hoach-dien-tap-mat.pdf", PDF, encrypted_pdf()),
        ("bao-cao-hong.pdf", PDF, corrupt_pdf()),
        ("du-thao-bom.docx", DOCX, zip_bomb_docx()),
    )


def sample_documents() -> dict[str, tuple[str, bytes]]:
    """Filename -> (media type, bytes) of the sample documents, the same bytes every call."""
    return {name: (media, data) for name, media, data in _documents()}


def known_texts() -> dict[str, str]:
    """Filename -> the text a good engine reads from it (the readable samples only)."""
    return {"ke-hoach-giao-thong-2026.pdf": t.plan_text(),
            "thong-bao-tiep-cong-dan.docx": t.notice_text(),
            "cong-van-sot-xuat-huyet.doc": t.dispatch_text(),
            "bao-cao-thu-ngan-sach.xlsx": t.report_text(),
            "thong-bao-tuyen-dung-scan.pdf": t.scan_text()}


def digest(data: bytes) -> str:
    """sha256 hex of ``data`` (tests compare samples across calls with it)."""
    return hashlib.sha256(data).hexdigest()
