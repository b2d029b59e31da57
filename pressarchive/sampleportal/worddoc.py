"""A minimal Word 97 binary document writer (for the sample portal's legacy ``.doc``).

No Debian or PyPI package writes the Word 97 format without a whole office suite, so this
writes the smallest file Word's readers accept ([MS-DOC], [MS-CFB]): a compound file
holding a ``WordDocument`` stream (the FIB and the text, UTF-16LE) and a ``1Table`` stream
(the piece table). antiword and catdoc both read it.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MIN_STREAM = 4096  # streams this long or longer live in ordinary sectors (no mini stream)
TEXT_START = 0x400  # where the text starts in the WordDocument stream (after the FIB)
# An empty stylesheet (no styles; readers index it even when a document has none).
STYLESHEET = struct.pack("<H9H", 18, 0, 0x000A, 0, 0x005B, 0x000F, 0, 0, 0, 0)


def word97_document(paragraphs: list[str], *, encrypted: bool = False) -> bytes:
    """A ``.doc`` whose main text is ``paragraphs`` (each ends with a paragraph mark).
    ``encrypted`` sets the FIB's fEncrypted flag (the text itself stays plain)."""
    text = "".join(p + "\r" for p in paragraphs)
    encoded = text.encode("utf-16-le")
    word = bytearray(_fib(len(text), len(encoded), encrypted=encrypted))
    word += bytes(TEXT_START - len(word)) + encoded
    word += bytes(max(MIN_STREAM, _round_up(len(word))) - len(word))
    struct.pack_into("<I", word, 0x40, len(word))  # cbMac
    table = bytearray(_clx(len(text)) + STYLESHEET)
    table += bytes(MIN_STREAM - len(table))
    return compound_file({"WordDocument": bytes(word), "1Table": bytes(table)})


def _fib(chars: int, text_bytes: int, *, encrypted: bool) -> bytes:
    fib = bytearray(0x384)
    flags = 0x0200 | 0x1000 | (0x0100 if encrypted else 0)  # fWhichTblStm=1, fExtChar
    struct.pack_into("<HHHHHHH", fib, 0, 0xA5EC, 0x00C1, 0x6027, 0x042A, 0, flags, 0x00BF)
    struct.pack_into("<II", fib, 0x18, TEXT_START, TEXT_START + text_bytes)  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)  # csw: fibRgW97
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw: fibRgLw97
    struct.pack_into("<I", fib, 0x4C, chars)  # ccpText
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb: Word 97's 93 pairs
    clx = len(_clx(chars))
    struct.pack_into("<II", fib, 0x1A2, 0, clx)  # fcClx, lcbClx: the piece table first
    struct.pack_into("<IIII", fib, 0x9A, clx, len(STYLESHEET), clx, len(STYLESHEET))  # Stshf
    return bytes(fib)


def _clx(chars: int) -> bytes:
    """One piece: characters [0, chars) stored UTF-16LE at TEXT_START."""
    plc = struct.pack("<II", 0, chars) + struct.pack("<HIH", 0, TEXT_START, 0)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _round_up(size: int) -> int:
    return -(-size // SECTOR) * SECTOR


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file with ``streams`` (each >= MIN_STREAM) under the root."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's order
    body, starts, fat = bytearray(), {}, []
    for name in names:
        data = streams[name] + bytes(_round_up(len(streams[name])) - len(streams[name]))
        starts[name] = len(fat)
        count = len(data) // SECTOR
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
        body += data
    directory_sector = len(fat)
    fat.append(END_OF_CHAIN)
    per_sector = SECTOR // 4
    fat_sectors = -(-(len(fat) + 1) // (per_sector - 1))  # the FAT counts its own sectors
    if fat_sectors > 109:
        raise ValueError("document too large for this writer (no DIFAT sectors)")
    first_fat = len(fat)
    fat += [FAT_SECTOR] * fat_sectors
    fat += [FREE] * (-len(fat) % per_sector)
    entries = [_entry("Root Entry", 5, child=2 if len(names) > 1 else 1,
                      start=END_OF_CHAIN, size=0)]
    # The last name is the tree's root (child of Root Entry); the first its left sibling.
    for index, name in enumerate(names):
        left = 1 if index == len(names) - 1 and len(names) > 1 else NO_STREAM
        entries.append(_entry(name, 2, left=left, start=starts[name], size=len(streams[name])))
    directory = b"".join(entries)
    directory += b"".join(_entry("", 0) for _ in range((SECTOR - len(directory)) // 128))
    header = bytearray(SECTOR)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, fat_sectors, directory_sector, 0,
                     MIN_STREAM, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    header[76:] = b"\xff" * (SECTOR - 76)
    struct.pack_into(f"<{fat_sectors}I", header, 76,
                     *range(first_fat, first_fat + fat_sectors))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return bytes(header) + bytes(body) + directory + fat_bytes


def _entry(name: str, kind: int, *, left: int = NO_STREAM, child: int = NO_STREAM,
           start: int = 0, size: int = 0) -> bytes:
    if not kind:
        return bytes(64) + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", *[NO_STREAM] * 3) \
            + bytes(48)
    encoded = name.encode("utf-16-le") + b"\0\0"
    return (encoded + bytes(64 - len(encoded))
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", left, NO_STREAM, child)
            + bytes(16 + 4 + 16)  # CLSID, state bits, creation and modification times
            + struct.pack("<IQ", start, size))
