"""Generated sample documents for the portal and the tests: one of each kind a portal links.

``sample_documents()`` returns the same bytes on every call (fixed dates and IDs, no
randomness); the slow ones (the scan, the zip bomb) are cached on disk. The legacy Word 97
``.doc`` is written by :mod:`pressarchive.sampleportal.worddoc`.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import tempfile
import zipfile
import zlib
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from . import doctexts as t

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
_FIXED_DATE = datetime(2026, 3, 14, 8, 0, tzinfo=UTC)
CACHE_VERSION = "5"
SCAN_DPI = 200
SCAN_BLUR, SCAN_SPECKLE = 0.6, 0.002  # blur radius (pixels), share of pixels flipped
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


def text_pdf(copies: int = 1) -> bytes:
    """A three-page plan: prose, a two-column page, a table; DejaVu embedded (Unicode).
    ``copies`` repeats the three pages (benchmarks)."""
    pdf = _new_pdf()
    for _ in range(copies):
        _plan_pages(pdf)
    return _output(pdf)


def _plan_pages(pdf) -> None:
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


def plain_pdf(paragraphs: list[str]) -> bytes:
    """A one-page PDF of ``paragraphs`` in DejaVu (tests make odd text layers with it)."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    for para in paragraphs:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)


def mixed_pdf() -> bytes:
    """Two pages: the scan, then a page with a text layer (a signed page put before a
    typed annex, as offices do)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for source in (scanned_pdf(), plain_pdf([t.MIXED_ANNEX])):
        for page in PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    writer.add_metadata({"/CreationDate": "D:20260314080000Z", "/Producer": "pressarchive"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


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
    return _as_scanned(image)


def _as_scanned(image):
    """A scanner's faults, the same every time: a slight skew, blur and speckles."""
    import random

    from PIL import Image, ImageFilter

    image = image.rotate(0.4, fillcolor=255, resample=Image.Resampling.BICUBIC)
    image = image.filter(ImageFilter.GaussianBlur(SCAN_BLUR))
    pixels, (width, height) = image.load(), image.size
    rnd = random.Random(17)
    for _ in range(int(width * height * SCAN_SPECKLE)):
        pixels[rnd.randrange(width), rnd.randrange(height)] = rnd.choice((0, 255))
    return image


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


def _make_scan_pdf(pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    image = scan_image()
    image.save(buffer, "PDF", resolution=SCAN_DPI, title="scan", save_all=True,
               append_images=[image] * (pages - 1))
    return buffer.getvalue()


def scanned_pdf(pages: int = 1) -> bytes:
    """A PDF of ``pages`` scanned pages: only an image of text each, no text layer."""
    return _cached(f"scan-{pages}.pdf", lambda: _make_scan_pdf(pages))


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_BOX = """<w:p xmlns:w="{w}"><w:r><mc:AlternateContent
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice
 Requires="wps"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent
 cx="4000000" cy="400000"/><wp:docPr id="{n}" name="Text Box {n}"/><a:graphic
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:cNvSpPr
 txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4000000" cy="400000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r>
<w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>
</a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape
 xmlns:v="urn:schemas-microsoft-com:vml" style="width:315pt;height:31.5pt"><v:textbox>
<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>
</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"""
_CONTENT_CONTROL = """<w:sdt xmlns:w="{w}"><w:sdtPr><w:alias w:val="Nơi nhận"/></w:sdtPr>
<w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>"""


def _xml(template: str, **values) -> object:
    from lxml import etree

    return etree.fromstring(template.format(w=_W, **values))


def docx(copies: int = 1) -> bytes:
    """A notice as DOCX: a letterhead in a text box (with its VML fallback copy), title,
    paragraphs, a table, the recipients in a content control (``copies`` times)."""
    from docx import Document

    document = Document()
    document.core_properties.created = _FIXED_DATE.replace(tzinfo=None)
    document.core_properties.modified = _FIXED_DATE.replace(tzinfo=None)
    document.core_properties.revision = 1
    body = document.element.body
    for copy in range(copies):
        body.insert(len(body) - 1, _xml(_TEXT_BOX, n=copy + 1, text=t.NOTICE_LETTERHEAD))
        document.add_heading(t.NOTICE_TITLE, level=1)
        for para in t.NOTICE_PARAGRAPHS:
            document.add_paragraph(para)
        table = document.add_table(rows=0, cols=len(t.NOTICE_TABLE[0]))
        for row in t.NOTICE_TABLE:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
        body.insert(len(body) - 1, _xml(_CONTENT_CONTROL, text=t.NOTICE_RECIPIENTS))
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def xlsx(copies: int = 1) -> bytes:
    """A budget report as XLSX: one sheet with a header row, numbers and a note
    (``copies`` sheets)."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = _FIXED_DATE.replace(tzinfo=None)
    book.properties.modified = _FIXED_DATE.replace(tzinfo=None)
    for copy in range(copies):
        sheet = book.active if copy == 0 else book.create_sheet()
        sheet.title = t.REPORT_SHEET[:28] + (f" {copy + 1}" if copy else "")
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
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>')


def _spaces_deflated(size: int, wbits: int = -15) -> bytes:
    """``size`` spaces deflated a MiB at a time: a full flush resets deflate's state, so
    every MiB packs to the same bytes, repeated (a second instead of ten)."""
    chunk = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    if wbits > 0:  # zlib framing: the header once, an Adler-32 at the end
        again = zlib.compressobj(9, zlib.DEFLATED, -15)
        block = again.compress(chunk) + again.flush(zlib.Z_FULL_FLUSH)
        adler = 1
        for _ in range(size >> 20):
            adler = zlib.adler32(chunk, adler)
        return head + block * ((size >> 20) - 1) + b"\x03\x00" + struct.pack(">I", adler)
    return head * (size >> 20) + zlib.compressobj(9, zlib.DEFLATED, wbits).flush()


def _make_zip_bomb() -> bytes:
    """The bomb's zip (its 1 GiB member written by hand: zipfile would deflate it all)."""
    chunk = b" " * (1 << 20)
    count = BOMB_UNPACKED // len(chunk)
    packed = _spaces_deflated(BOMB_UNPACKED)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    members = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS)]
    out, central = bytearray(), bytearray()
    for name, body in [*members, ("word/document.xml", None)]:
        if body is None:
            data, size, member_crc = packed, BOMB_UNPACKED, crc
        else:
            data, size, member_crc = _deflate(body), len(body), zlib.crc32(body)
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x5C6E, member_crc, len(data), size,
                             len(name), 0)
        central += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                    + struct.pack("<HHHII", 0, 0, 0, 0, len(out)) + name.encode())
        out += b"PK\x03\x04" + fields + name.encode() + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 3, 3, len(central), len(out), 0)
    return bytes(out + central + end)


def _deflate(body: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(body) + packer.flush()


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


def pdf_bomb() -> bytes:
    """A ~1 MB PDF whose page content unpacks to 1 GiB of spaces."""
    packed = _spaces_deflated(BOMB_UNPACKED, wbits=15)
    content = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
               + b"\nendstream")
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 content])


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


def legacy_doc(copies: int = 1) -> bytes:
    """A dispatch as a Word 97 binary .doc (its text ``copies`` times)."""
    from .worddoc import word97_document

    return word97_document([t.DISPATCH_TITLE, *t.DISPATCH_PARAGRAPHS] * copies)


def encrypted_docx() -> bytes:
    """A password-protected DOCX as Word saves one: a compound file holding the
    EncryptionInfo and EncryptedPackage streams (their content here is filler)."""
    from .worddoc import MIN_STREAM, compound_file

    return compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(MIN_STREAM - 4),
                          "EncryptedPackage": bytes(MIN_STREAM)})


def legacy_xls(copies: int = 1) -> bytes:
    """The budget report as an Excel 97 .xls (``copies`` sheets); not in
    sample_documents(), whose set the brief fixed."""
    from .xlsdoc import xls_workbook

    rows = [*t.REPORT_ROWS, [], [t.REPORT_NOTE]]
    return xls_workbook({t.REPORT_SHEET[:28] + (f" {n + 1}" if n else ""): rows
                         for n in range(copies)})


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
