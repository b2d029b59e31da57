"""The page's language: what it declares, else what its text looks like.

Declarations, in order: ``<html lang>`` / ``xml:lang``, ``<meta http-equiv=
"content-language">``, ``<meta name="language">``, ``og:locale``; the primary subtag is
kept, lower-cased ("vi-VN" → "vi"). A page that declares nothing is Vietnamese when its
text carries Vietnamese-only letters (ă, ơ, ư, đ, the dotted tones …) — that wins over a
declaration — else the declaration, else the caller's default.
"""

from __future__ import annotations

import re

from parsel import Selector

_DECLARED = (
    "/html/@lang",
    "/html/@xml:lang",
    "//meta[translate(@http-equiv, 'CONTENTLANGUAGE', 'contentlanguage')="
    "'content-language']/@content",
    "//meta[translate(@name, 'LANGUAGE', 'language')='language']/@content",
    "//meta[@property='og:locale']/@content",
)
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*(?:[,;].*)?$")
# Letters (NFC) that Vietnamese uses and its neighbours' scripts do not, in both cases
# (spelled out: an IGNORECASE class is a third slower to scan).
_VIETNAMESE_LETTERS = "ăắằẳẵặơớờởỡợưứừửữựđạảấầẩẫậẹẻẽếềểễệỉịọỏốồổỗộụủỷỹỵ"
_VIETNAMESE = re.compile("[" + "".join(sorted(set(
    _VIETNAMESE_LETTERS + _VIETNAMESE_LETTERS.upper()))) + "]")
MIN_VIETNAMESE_SHARE = 0.02  # of letters, in Vietnamese prose it is ~ 0.15


def declared_language(doc: Selector) -> str | None:
    for rule in _DECLARED:
        try:
            values = doc.xpath(rule).getall()
        except ValueError:
            continue
        for value in values:
            match = _TAG.match(value or "")
            if match and match[1].lower() not in ("und", "xx"):
                return match[1].lower()
    return None


_NOT_LETTERS = re.compile(r"[\W\d_]+")  # the complement of a letter, [^\W\d_]
SAMPLE = 3000


def looks_vietnamese(text: str) -> bool:
    sample = text[:SAMPLE]
    # Counted by what a substitution leaves (half the time of findall's list of matches).
    vietnamese = len(sample) - len(_VIETNAMESE.sub("", sample))  # one character a match
    if not vietnamese:
        return False
    if vietnamese >= len(sample) * MIN_VIETNAMESE_SHARE:
        return True  # there are no more letters than characters: no need to count them
    letters = len(_NOT_LETTERS.sub("", sample))
    return vietnamese >= letters * MIN_VIETNAMESE_SHARE


def page_language(doc: Selector, text: str, default: str) -> str:
    """The language of the page: Vietnamese text is "vi" whatever a template declares
    (portal templates copied from elsewhere say "en"), else the declaration, else
    ``default``."""
    if looks_vietnamese(text):
        return "vi"
    return declared_language(doc) or default
