"""Text normalisation shared by extraction, the archive and search.

Stored text is Unicode NFC with whitespace collapsed; search keys are additionally
folded (``đ/Đ -> d/D``) because SQLite's ``unicode61`` tokenizer does not fold it.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RUN = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with lookalike letters and invisible marks fixed."""
    text = _INVISIBLE.sub("", text)
    if "\u00d0" in text:  # U+00D0 (Icelandic Eth) stands in for "Đ" on some pages
        text = text.replace("\u00d0", "\u0110")
    return unicodedata.normalize("NFC", text)


def clean_inline(text: str | None) -> str:
    """NFC, then collapse every whitespace run (including newlines) to one space."""
    if not text:
        return ""
    return " ".join(_SPACE_RUN.sub(" ", nfc(text)).split())


def fold_search(text: str) -> str:
    """Search key folding applied to indexed text and queries alike (one char per char)."""
    return nfc(text).replace("đ", "d").replace("Đ", "D")


def strip_diacritics(text: str) -> str:
    """ASCII-ish form used for comparing phrases loosely ("Tin xem nhiều" ~ "tin xem nhieu")."""
    decomposed = unicodedata.normalize("NFD", fold_search(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
