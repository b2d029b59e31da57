"""Text normalisation shared by extraction, the archive and search.

Stored text is Unicode NFC with whitespace collapsed; search keys are additionally
folded (``đ/Đ -> d/D``) because SQLite's ``unicode61`` tokenizer does not fold it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width characters, the soft hyphen, and bidi controls (embeddings, overrides,
# isolates and marks: U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), which spoof
# the order text is shown in (terminals, CSV) and split words for search.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff\u00ad]")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with lookalike letters fixed and invisible marks and
    bidi controls removed."""
    if text.isascii():  # none of those marks, lookalikes or combining sequences
        return text
    text = _INVISIBLE.sub("", text)
    if "\u00d0" in text:  # U+00D0 (Icelandic Eth) stands in for "Đ" on some pages
        text = text.replace("\u00d0", "\u0110")
    return unicodedata.normalize("NFC", text)


def clean_inline(text: str | None) -> str:
    """NFC, then collapse every whitespace run (including newlines) to one space."""
    if not text:
        return ""
    # str.split() splits at every Unicode space: NBSP, U+2000–U+200A, U+202F, U+3000, …
    return " ".join(nfc(text).split())


def fold_search(text: str) -> str:
    """Search key folding applied to indexed text and queries alike (one char per char)."""
    return nfc(text).replace("đ", "d").replace("Đ", "D")


def _base_letter(ch: str) -> str:
    """``ch`` without its marks (``ồ`` → ``o``, ``đ`` → ``d``); ``ch`` itself when it has
    none or is a mark alone, so a text keeps its length."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


# Every precomposed Latin letter with marks (Latin-1 to Latin Extended Additional).
_FOLD_TABLE = {code: _base_letter(chr(code)) for code in range(0xC0, 0x1F00)
               if _base_letter(chr(code)) != chr(code)}


def fold_marks(text: str) -> str:
    """``text`` (NFC) with every letter's diacritics removed and ``đ/Đ`` → ``d/D``, case
    kept, one character for one character (so positions carry over): the folded search
    columns and a query typed without marks."""
    return text.translate(_FOLD_TABLE)


def has_marks(text: str) -> bool:
    """Whether ``text`` has a letter with diacritics or ``đ`` (a query typed with marks)."""
    return fold_marks(nfc(text)) != nfc(text)


@lru_cache(maxsize=4096)  # the same phrases (stop lists, rejects) are compared again and again
def strip_diacritics(text: str) -> str:
    """ASCII-ish form used for comparing phrases loosely ("Tin xem nhiều" ~ "tin xem nhieu")."""
    decomposed = unicodedata.normalize("NFD", fold_search(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
