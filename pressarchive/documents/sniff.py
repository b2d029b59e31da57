"""A document's media type: its magic bytes first, then the declared type, then its name."""

from __future__ import annotations

import io
import mimetypes
import zipfile

PDF = "application/pdf"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ZIP = "application/zip"
OLE = "application/x-ole-storage"
RTF = "application/rtf"
HTML = "text/html"

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_MAGIC = [  # (prefix, media type); PDF and HTML are looked for a little further in
    (b"PK\x03\x04", ZIP), (OLE_MAGIC, OLE), (b"{\\rtf", RTF), (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"),
    (b"GIF8", "image/gif"), (b"Rar!", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
]
_OLE_STREAMS = [  # a stream name (UTF-16LE, in the directory) -> the legacy Office type
    ("WordDocument", DOC), ("Workbook", XLS), ("Book", XLS), ("PowerPoint Document", PPT),
]
_ZIP_MEMBERS = [("word/document.xml", DOCX), ("xl/workbook.xml", XLSX),
                ("ppt/presentation.xml", PPTX)]
_EXTRA_TYPES = {".docx": DOCX, ".xlsx": XLSX, ".pptx": PPTX, ".doc": DOC, ".xls": XLS,
                ".odt": ODT, ".rar": "application/vnd.rar"}


def sniff_media_type(data: bytes, declared: str | None = None,
                     filename: str | None = None) -> str | None:
    """The media type of ``data``: magic bytes win over ``declared``, which wins over
    ``filename``'s extension; None when none of them tells."""
    sniffed = _from_magic(data)
    if sniffed in (ZIP, OLE):  # a container: which document it holds
        inner = _zip_kind(data) if sniffed == ZIP else _ole_kind(data)
        return inner or _declared(declared, filename, within=sniffed) or sniffed
    return sniffed or _declared(declared, filename)


def _from_magic(data: bytes) -> str | None:
    for prefix, media_type in _MAGIC:
        if data.startswith(prefix):
            return media_type
    head = data[:1024]
    if b"%PDF-" in head:  # some servers put a few bytes before the header
        return PDF
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return HTML
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    for member, media_type in _ZIP_MEMBERS:
        if member in names:
            return media_type
    if "mimetype" in names:
        return ODT if "content.xml" in names else None
    return None


def _ole_kind(data: bytes) -> str | None:
    if "EncryptionInfo".encode("utf-16-le") in data:  # an encrypted DOCX/XLSX: no telling
        return None
    for name, media_type in _OLE_STREAMS:
        if (name + "\0").encode("utf-16-le") in data:
            return media_type
    return None


def _declared(declared: str | None, filename: str | None, within: str | None = None
              ) -> str | None:
    """The declared type (its parameters dropped) or the name's, if it fits ``within``."""
    candidates = []
    if declared:
        base = declared.split(";")[0].strip().lower()
        if base and base not in ("application/octet-stream", "binary/octet-stream"):
            candidates.append(base)
    if filename:
        ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        guessed = _EXTRA_TYPES.get(ext) or mimetypes.guess_type("x" + ext)[0]
        if guessed:
            candidates.append(guessed)
    for candidate in candidates:
        if within is None or _fits(candidate, within):
            return candidate
    return None


def _fits(candidate: str, container: str) -> bool:
    if container == ZIP:
        return candidate in (DOCX, XLSX, PPTX, ODT, ZIP)
    return candidate in (DOC, XLS, PPT, DOCX, XLSX, PPTX)  # OLE: legacy or encrypted OOXML
