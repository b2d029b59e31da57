"""Vietnamese text as old portals' bytes: windows-1258, and the TCVN3 (ABC) and VNI fonts.

Small tables of our own, so that tests make the bytes independently of the code that
reads them.
"""

from __future__ import annotations

import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below

# TCVN 5712:1993 (VN3, "ABC"): one byte a lowercase letter; capitals with a tone need the
# .VnTimeH capital font, which reuses the lowercase codes (so do we, below).
_TCVN3 = dict(zip(
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    [*range(0xA1, 0xAF), 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6,
     0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5,
     0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7,
     0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6,
     0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
    strict=True))

# VNI Windows: the ASCII letter, then a byte for its vowel mark and tone.
_VNI_TONE = dict(zip(_TONES, "øùõûï", strict=True))
_VNI_CIRCUMFLEX = dict(zip(["", *_TONES], "âàáãåä", strict=True))
_VNI_BREVE = dict(zip(["", *_TONES], "êèéüúë", strict=True))
_VNI_I = dict(zip(["", *_TONES], "iìíóæò", strict=True))


def to_cp1258(text: str) -> bytes:
    """windows-1258 bytes: the letter (â, ơ, ư, … are one byte), then its tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
                   + tones)
    return "".join(out).encode("cp1258", "xmlcharrefreplace")


def to_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3.get(ch) or _TCVN3.get(ch.lower())
        out += bytes([code]) if code else ch.encode("cp1252", "xmlcharrefreplace")
    return bytes(out)


def to_vni(text: str) -> bytes:
    return "".join(_vni_char(ch) for ch in unicodedata.normalize("NFC", text)).encode(
        "cp1252", "xmlcharrefreplace")


def _vni_char(ch: str) -> str:
    lower = ch.lower()
    parts = unicodedata.normalize("NFD", lower)
    base, marks = parts[0], parts[1:]
    tone = next((c for c in marks if c in _TONES), "")
    if lower == "đ":
        out = "ñ"
    elif base == "i":
        out = _VNI_I[tone]
    elif "\u031b" in marks:  # horn: ơ is "ô", ư is "ö"
        out = ("ô" if base == "o" else "ö") + (_VNI_TONE[tone] if tone else "")
    elif "\u0302" in marks:
        out = base + _VNI_CIRCUMFLEX[tone]
    elif "\u0306" in marks:
        out = base + _VNI_BREVE[tone]
    elif base == "y" and tone == "\u0323":
        out = "î"
    elif tone:
        out = base + _VNI_TONE[tone]
    else:
        return ch
    return out.upper() if ch != lower else out
