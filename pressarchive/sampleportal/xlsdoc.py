"""A minimal Excel 97 (BIFF8) workbook writer, for the sample portal's legacy ``.xls``.

Like ``worddoc.py`` for Word: the smallest workbook readers accept — a ``Workbook`` stream
with the globals (BOF, code page, one cell format, the sheets, the shared strings) and a
worksheet substream per sheet (labels and numbers), in a compound file. xlrd reads it.
"""

from __future__ import annotations

import struct

from .worddoc import MIN_STREAM, compound_file

Cell = str | int | float


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _unicode(text: str, length_bytes: int) -> bytes:
    encoded = text.encode("utf-16-le")
    return struct.pack("<B" if length_bytes == 1 else "<H", len(text)) + b"\x01" + encoded


_XF = struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0)  # General


def xls_workbook(sheets: dict[str, list[list[Cell]]]) -> bytes:
    """A ``.xls`` whose sheets (name -> rows of cells) hold text and numbers."""
    strings: list[str] = []
    index: dict[str, int] = {}
    bodies = []
    for rows in sheets.values():
        cells = bytearray()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    if value not in index:
                        index[value] = len(strings)
                        strings.append(value)
                    cells += _record(0x00FD, struct.pack("<HHHI", r, c, 0, index[value]))
                elif value is not None:
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
        width = max((len(row) for row in rows), default=0)
        dimensions = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        bodies.append(_bof(0x0010) + dimensions + bytes(cells) + _record(0x000A, b""))
    sst = _record(0x00FC, struct.pack("<II", len(strings), len(strings))
                  + b"".join(_unicode(s, 2) for s in strings))
    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + _record(0x00E0, _XF)
    sheet_records = [(name, 4 + 2 + 2 + 2 * len(name)) for name in sheets]  # BOUNDSHEET
    offset = len(head) + sum(4 + size for _, size in sheet_records) + len(sst) + 4
    boundsheets = b""
    for (name, _), body in zip(sheet_records, bodies, strict=True):
        boundsheets += _record(0x0085, struct.pack("<IH", offset, 0) + _unicode(name, 1))
        offset += len(body)
    stream = head + boundsheets + sst + _record(0x000A, b"") + b"".join(bodies)
    stream += bytes(max(0, MIN_STREAM - len(stream)))
    return compound_file({"Workbook": stream})
